/**
 * The JSON API under /api, mirroring the pages: a list and a record for each type, with the same
 * shapes `dossier inspect` prints, plus what only the server can add (formatted HTML).
 */
import type { Request, Response, Router } from 'express';
import type { CorpusRecord } from '../../model/records.js';
import { recordToJson } from '../../corpus/serialize.js';
import type { PageBuilder } from '../../render/pages.js';
import { refOf } from '../../access/index.js';
import { pageBuilder, type ServerDeps } from '../context.js';
import { recordFromParams } from './params.js';
import { RECORD_TYPES } from '../../model/record-types.js';

function recordJson(builder: PageBuilder, record: CorpusRecord) {
  return recordToJson(builder.view.corpus, record, builder.view.recordReader());
}

/** What the server adds to a record's JSON: HTML in the request's citation style. */
function formatted(builder: PageBuilder, record: CorpusRecord): Record<string, unknown> {
  const style = builder.style.id;
  switch (record.type) {
    case 'memo': {
      const body = builder.renderBody(`memo:${record.id}`, record);
      return { style, html: body.html, notes: body.notes, bibliography: body.bibliography };
    }
    case 'source':
      return { style, referenceHtml: builder.referenceHtml(record.key) };
    case 'speaker':
    case 'event':
    case 'statement':
      return { style, html: builder.renderBody(`${record.type}:${record.id}`, record).html };
    case 'topic':
      return {};
  }
}

/** Registers the API routes on a router mounted at /api. */
export function apiRoutes(router: Router, _deps: ServerDeps): void {
  for (const { segment, type } of RECORD_TYPES) {
    router.get(`/${segment}`, (_req: Request, res: Response) => {
      const builder = pageBuilder(res);
      const records = builder.view.all(type);
      res.json({ [segment]: records.map((record) => recordJson(builder, record)), total: records.length });
    });
    router.get(`/${segment}/:id`, (req: Request, res: Response) => {
      const builder = pageBuilder(res);
      const record = recordFromParams(req, builder.view, type);
      res.json({ ...recordJson(builder, record), ...formatted(builder, record), href: `/${segment}/${encodeURIComponent(refOf(record).id)}` });
    });
  }
  router.get('/diagnostics', (_req, res) => {
    const builder = pageBuilder(res);
    const diagnostics = builder.problems();
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    res.json({ diagnostics, counts: { errors, warnings: diagnostics.filter((d) => d.severity === 'warning').length } });
  });
}
