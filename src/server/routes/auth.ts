/**
 * Signing in and out. Both are POSTs that carry a CSRF token and must come from this site;
 * failed sign-ins back off per account and client, per client and per account (never for
 * everyone); a session cookie is HttpOnly and SameSite=Strict.
 */
import express, { type Request, type Router } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { UserDirectory } from '../../auth/users.js';
import { SignInLimiter } from '../../auth/sign-in-limiter.js';
import { layoutData, pageBuilder, type ServerDeps } from '../context.js';
import { HttpError } from '../middleware/errors.js';
import { cookieOptions, CSRF_COOKIE, csrfToken, SESSION_COOKIE, type SessionStore } from '../sessions.js';

/** True when a form's CSRF token equals the expected one (compared in constant time). */
export function sameToken(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length || a.length === 0) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Only a path on this site: `/memos/x`, never `//evil.example` or `https://…`. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/** A POST must come from this site: browsers say where a request comes from. */
export function assertSameSite(req: Request): void {
  const site = req.get('Sec-Fetch-Site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new HttpError(403, 'This form must be sent from this site.');
  const origin = req.get('Origin');
  if (origin !== undefined && origin !== 'null' && originHost(origin) !== req.get('Host')) throw new HttpError(403, 'This form must be sent from this site.');
}

/** The host of an Origin header; null when it is not a URL at all (`Origin: foo`). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Registers /signin and /signout. */
export function authRoutes(router: Router, deps: ServerDeps, users: UserDirectory, sessions: SessionStore, limiter: SignInLimiter = new SignInLimiter()): void {
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 });

  const render = (req: Request, res: express.Response, error: string | null, status = 200): void => {
    const builder = pageBuilder(res);
    const page = { csrf: csrfToken(req, res), next: safeNext(req.query.next ?? req.body?.next), error, name: typeof req.body?.name === 'string' ? req.body.name.slice(0, 64) : '' };
    res.status(status).type('html').send(deps.templates.render('signin', { title: 'Sign in', page, ...layoutData(deps, req, res, builder) }));
  };

  router.get('/signin', (req, res) => render(req, res, null));

  router.post('/signin', form, async (req, res, next) => {
    try {
      assertSameSite(req);
      if (!sameToken(req.body?._csrf, (req.cookies as Record<string, string>)[CSRF_COOKIE])) throw new HttpError(403, 'The form has expired. Load the sign-in page again.');
      const name = typeof req.body?.name === 'string' ? req.body.name : '';
      const password = typeof req.body?.password === 'string' ? req.body.password : '';
      // The client is the connection's address; a proxy's X-Forwarded-For only with --trust-proxy.
      const client = req.ip ?? 'unknown';
      const wait = limiter.waitFor(name, client);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        res.set('Retry-After', String(seconds));
        throw new HttpError(429, `Too many failed sign-ins. Wait ${seconds} seconds and try again.`);
      }
      const user = name === '' || password === '' || password.length > 1024 ? null : await users.authenticate(name, password);
      const credentials = user === null ? null : users.credentials(user);
      if (user === null || credentials === null) {
        limiter.failed(name, client);
        render(req, res, 'That name and password do not match.', 401);
        return;
      }
      limiter.succeeded(name, client);
      const previous = res.locals.session ?? null;
      if (previous !== null) sessions.destroy(previous.id);
      const session = sessions.create(user, credentials);
      res.cookie(SESSION_COOKIE, session.id, { ...cookieOptions(req), maxAge: 12 * 3600 * 1000 });
      res.clearCookie(CSRF_COOKIE, cookieOptions(req));
      res.redirect(303, safeNext(req.body?.next));
    } catch (error) {
      next(error);
    }
  });

  router.post('/signout', form, (req, res) => {
    assertSameSite(req);
    const session = res.locals.session ?? null;
    if (session === null) {
      res.redirect(303, '/');
      return;
    }
    if (!sameToken(req.body?._csrf, session.csrf)) throw new HttpError(403, 'The form has expired. Load the page again and sign out.');
    sessions.destroy(session.id);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.redirect(303, '/');
  });
}
