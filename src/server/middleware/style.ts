/**
 * The citation style of a request: `?style=` chooses it and a cookie remembers it; otherwise the
 * default. An unknown style is a 400, so a mistyped link says so instead of silently changing.
 */
import type { RequestHandler } from 'express';
import { CITATION_STYLES, DEFAULT_STYLE_ID, findStyle } from '../../corpus/citations/format.js';
import { HttpError } from './errors.js';

export const STYLE_COOKIE = 'dossier-style';

export const chooseStyle: RequestHandler = (req, res, next) => {
  const requested = req.query.style;
  if (requested !== undefined) {
    if (typeof requested !== 'string' || findStyle(requested) === undefined) {
      next(new HttpError(400, `Unknown citation style. Choose one of: ${CITATION_STYLES.map((style) => style.id).join(', ')}.`));
      return;
    }
    res.cookie(STYLE_COOKIE, requested, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: 365 * 24 * 3600 * 1000, path: '/' });
    res.locals.styleId = requested;
  } else {
    const remembered = (req.cookies as Record<string, unknown> | undefined)?.[STYLE_COOKIE];
    res.locals.styleId = typeof remembered === 'string' && findStyle(remembered) !== undefined ? remembered : DEFAULT_STYLE_ID;
  }
  next();
};
