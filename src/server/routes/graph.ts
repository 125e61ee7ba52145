/** /graph (the whole citation graph, filterable) and /api/graph (its data, or a neighbourhood). */
import { createRequire } from 'node:module';
import type { Request, Router } from 'express';
import { recordRefOf, type RecordRef } from '../../model/records.js';
import { isRecordId } from '../../model/ids.js';
import { buildGraph, GRAPH_TYPES, type GraphFilter } from '../../render/graph.js';
import { pageBuilder, pageChrome, type ServerDeps } from '../context.js';
import { renderPage } from '../../render/render-page.js';
import { HttpError } from '../middleware/errors.js';

const require = createRequire(import.meta.url);
/** cytoscape.js, served from the app itself: no CDN, and the same origin the CSP allows. */
const CYTOSCAPE = require.resolve('cytoscape/dist/cytoscape.min.js');

function filterOf(req: Request): GraphFilter {
  const types = typeof req.query.types === 'string' && req.query.types !== '' ? req.query.types.split(',') : Array.isArray(req.query.type) ? (req.query.type as string[]) : typeof req.query.type === 'string' ? [req.query.type] : undefined;
  if (types !== undefined && !types.every((type) => (GRAPH_TYPES as readonly string[]).includes(type))) {
    throw new HttpError(400, `Record types are ${GRAPH_TYPES.join(', ')}.`);
  }
  const topic = typeof req.query.topic === 'string' && req.query.topic !== '' ? req.query.topic : undefined;
  if (topic !== undefined && !isRecordId(topic)) throw new HttpError(400, 'Not a topic id.');
  let focus: RecordRef | undefined;
  if (typeof req.query.focus === 'string') {
    const colon = req.query.focus.indexOf(':');
    const type = req.query.focus.slice(0, colon);
    const id = req.query.focus.slice(colon + 1);
    const graphType = GRAPH_TYPES.find((known) => known === type);
    const ref = graphType === undefined ? null : recordRefOf(graphType, id);
    if (ref === null) throw new HttpError(400, 'focus is TYPE:ID.');
    focus = ref;
  }
  const depth = typeof req.query.depth === 'string' ? Number(req.query.depth) : 1;
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw new HttpError(400, 'depth is 1, 2 or 3.');
  return { types: types as GraphFilter['types'], topic, focus, depth };
}

/** Registers the graph routes. */
export function graphRoutes(router: Router, deps: ServerDeps): void {
  router.get('/assets/vendor/cytoscape.min.js', (_req, res) => {
    res.sendFile(CYTOSCAPE, { maxAge: '1d' });
  });

  router.get('/api/graph', (req, res) => {
    const builder = pageBuilder(res);
    const filter = filterOf(req);
    if (filter.focus !== undefined && builder.view.get(filter.focus) === undefined) throw new HttpError(404, 'No such record.');
    res.json(buildGraph(builder.view, filter));
  });

  router.get('/graph', (req, res) => {
    const builder = pageBuilder(res);
    res.type('html').send(renderPage({ kind: 'graph', filter: filterOf(req) }, builder, deps.templates, pageChrome(deps, req, res, builder)));
  });
}
