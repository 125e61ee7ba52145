/**
 * "Find authorities": a reader pastes a draft and sees every reference to an authority in it,
 * highlighted and linked to its source page, and the ones the library lacks listed. The page is a
 * POST form (it works without JavaScript) with the site's CSRF token; what is pasted is neither
 * stored nor logged, and is resolved only against the sources this reader may see.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { AuthorityDetector, mergeInstruments, type Detection } from '../../detect/index.js';
import type { Corpus } from '../../model/records.js';
import { recordPath } from '../../access/index.js';
import { layoutData, pageBuilder, type ServerDeps } from '../context.js';
import { HttpError } from '../middleware/errors.js';
import { CSRF_COOKIE, csrfToken } from '../sessions.js';
import { assertSameSite, sameToken } from './auth.js';

/** The largest draft the page reads: a long submission, not a book. */
export const MAX_DRAFT_BYTES = 200 * 1024;

/** Detectors per corpus generation and kind of reader, so the library is indexed once. */
const detectors = new WeakMap<Corpus, { public?: AuthorityDetector; all?: AuthorityDetector }>();

function detectorFor(corpus: Corpus, includeInternal: boolean): AuthorityDetector {
  const entry = detectors.get(corpus) ?? {};
  detectors.set(corpus, entry);
  const which = includeInternal ? 'all' : 'public';
  entry[which] ??= new AuthorityDetector(
    [...corpus.sources.values()].filter((source) => includeInternal || source.visibility === 'public'),
    corpus.instruments ?? mergeInstruments([]),
  );
  return entry[which]!;
}

interface Segment {
  readonly text: string;
  readonly mark: { readonly href: string | null; readonly label: string; readonly kind: string; readonly resolved: boolean } | null;
}

/** The draft cut into plain text and marked references, for the template to escape and lay out. */
function segmentsOf(text: string, detections: readonly Detection[], detector: AuthorityDetector): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const detection of detections) {
    if (detection.span.start < at) continue;
    if (detection.span.start > at) segments.push({ text: text.slice(at, detection.span.start), mark: null });
    const key = detection.resolution.key;
    const label = key === null ? `${detection.identifier}: not resolved` : `${detection.identifier} → ${detector.titleOf(key) ?? key}`;
    segments.push({ text: detection.text, mark: { href: key === null ? null : recordPath({ type: 'source', id: key }), label, kind: detection.kind, resolved: key !== null } });
    at = detection.span.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: null });
  return segments;
}

/** Registers GET and POST /authorities. */
export function authorityRoutes(router: Router, deps: ServerDeps): void {
  const parseForm = express.urlencoded({ extended: false, limit: MAX_DRAFT_BYTES, parameterLimit: 5 });
  const form = (req: Request, res: Response, next: NextFunction): void => {
    parseForm(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
        next(new HttpError(413, `The text is longer than ${MAX_DRAFT_BYTES / 1024} KB. Paste a shorter part of it.`));
        return;
      }
      next(error);
    });
  };

  const render = (req: Request, res: Response, draft: string | null): void => {
    const builder = pageBuilder(res);
    let result = null;
    if (draft !== null) {
      const detector = detectorFor(builder.view.corpus, builder.view.includeInternal);
      const detections = detector.detect(draft);
      result = {
        segments: segmentsOf(draft, detections, detector),
        resolved: detections.filter((d) => d.resolution.key !== null).map((d) => ({ text: d.text, identifier: d.identifier, pinpoint: d.pinpoint, href: recordPath({ type: 'source', id: d.resolution.key! }), title: detector.titleOf(d.resolution.key!) ?? d.resolution.key! })),
        unresolved: detections
          .filter((d) => d.resolution.key === null)
          .map((d) => ({ text: d.text, identifier: d.identifier, kind: d.kind, line: d.span.line, why: d.resolution.method === 'ambiguous' ? 'fits more than one source' : d.resolution.method === 'no-antecedent' ? 'nothing before it to point at' : 'not in the library' })),
      };
    }
    // What was pasted is never cached by the browser or a proxy.
    res.set('Cache-Control', 'no-store');
    const page = { csrf: csrfToken(req, res), draft: draft ?? '', result, limitKb: MAX_DRAFT_BYTES / 1024 };
    res.type('html').send(deps.templates.render('authorities', { title: 'Find authorities', page, ...layoutData(deps, req, res, builder) }));
  };

  router.get('/authorities', (req, res) => render(req, res, null));

  router.post('/authorities', form, (req, res) => {
    assertSameSite(req);
    const session = res.locals.session ?? null;
    const expected = session !== null ? session.csrf : (req.cookies as Record<string, string>)[CSRF_COOKIE];
    if (!sameToken(req.body?._csrf, expected)) throw new HttpError(403, 'The form has expired. Load the page again and paste the text once more.');
    const draft = typeof req.body?.text === 'string' ? req.body.text.replace(/\r\n?/g, '\n') : '';
    render(req, res, draft);
  });
}
