/**
 * /api/bibliography: a download of the bibliography of any scope, in any format and style, with
 * the right content type and a file name that says what it is (`genocide-religious-group.bib`).
 * /basket shows a hand-picked selection, kept in the browser and shared as a URL.
 */
import type { Request, Response, Router } from 'express';
import { EXPORT_FORMATS, findExportFormat, pandocCslJson } from '../../export/formats.js';
import { parseScope, resolveScope, ScopeError, type Inclusion } from '../../export/scopes.js';
import { evidenceMatrices, matricesToCsv } from '../../render/evidence-matrix.js';
import { pageBuilder, pageChrome, servedFor, type ServerDeps } from '../context.js';
import { renderPage } from '../../render/render-page.js';
import { HttpError } from '../middleware/errors.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { memoToPandocMarkdown } from '../../render/pandoc.js';
import { pandocInstalled, runPandocToDocx } from '../../render/pandoc-run.js';
import { readStyleFile } from '../../corpus/citations/style-files.js';
import { searchAnswered } from '../search-handle.js';
import { QueryError } from '../../search/index.js';

function text(value: unknown, name: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new HttpError(400, `Give "${name}".`);
  return value;
}

/** Registers /api/bibliography and /basket. */
export function bibliographyRoutes(router: Router, deps: ServerDeps): void {
  router.get('/api/bibliography', async (req: Request, res: Response) => {
    const builder = pageBuilder(res);
    const format = findExportFormat(text(req.query.format, 'format', 'biblatex'));
    if (format === undefined) throw new HttpError(400, `Unknown format. Choose one of: ${EXPORT_FORMATS.map((f) => f.id).join(', ')}.`);
    const include = text(req.query.include, 'include', 'cited');
    if (include !== 'cited' && include !== 'all') throw new HttpError(400, '"include" is cited or all.');
    let resolved;
    try {
      const scope = parseScope(text(req.query.scope, 'scope'), req.query.linked === '1' || req.query.linked === 'true');
      // A search's results come through the search worker, with its bounds and deadline.
      const search = scope.kind === 'query' ? await searchAnswered(servedFor(res).search, scope.q, builder.view.includeInternal) : null;
      resolved = resolveScope(builder.view, scope, include as Inclusion, search);
    } catch (error) {
      if (error instanceof QueryError) throw new HttpError(400, `This query cannot be run: ${error.message}.`, { start: error.start, end: error.end });
      if (error instanceof ScopeError) throw new HttpError(error.notFound ? 404 : 400, `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`);
      throw error;
    }
    const body = format.render(resolved.sources, { formatter: builder.view.formatter(), styleId: builder.style.id, title: resolved.title, citing: resolved.citing });
    const suffix = format.id.startsWith('authorities') ? '-authorities' : '';
    // attachment() guesses a type from the file name; the format's own type is set after it.
    res.attachment(`${resolved.name}${suffix}.${format.extension}`);
    res.type(format.contentType);
    res.send(body);
  });

  // A memo as a Word file, written by pandoc --citeproc from the same Markdown `dossier export` writes.
  router.get('/api/word', async (req: Request, res: Response) => {
    const builder = pageBuilder(res);
    const memo = builder.view.memo(text(req.query.memo, 'memo'));
    if (memo === undefined) throw new HttpError(404, 'There is no such memo.');
    if (!pandocInstalled()) throw new HttpError(404, 'Word files need pandoc on the server.');
    const { sources } = resolveScope(builder.view, { kind: 'memo', id: memo.id, linked: false }, 'all', null);
    const files = { bibliography: `${memo.id}.json`, csl: 'oscola-international.csl', cslXml: readStyleFile('oscola-international.csl'), keepNotes: req.query['keep-notes'] === '1' };
    const markdown = memoToPandocMarkdown(builder.view, memo, files);
    const bibliography = pandocCslJson(sources);
    const folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-word-'));
    try {
      const out = path.join(folder, `${memo.id}.docx`);
      const result = await runPandocToDocx({ markdown, bibliography, files, out, date: memo.updated });
      if (!result.ok) throw new HttpError(500, 'pandoc could not write the Word file.');
      res.attachment(`${memo.id}.docx`);
      res.send(await readFile(out));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  router.get('/api/elements', (req, res) => {
    const builder = pageBuilder(res);
    const scope = text(req.query.scope, 'scope');
    const [kind, id] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
    let memos;
    if (kind === 'memo') {
      const memo = builder.view.memo(id);
      if (memo === undefined) throw new HttpError(404, `There is no memo "${id}".`);
      memos = [memo];
    } else if (kind === 'topic') {
      const topic = builder.view.topic(id);
      if (topic === undefined) throw new HttpError(404, `There is no topic "${id}".`);
      memos = builder.memosUnderTopic(topic);
    } else {
      throw new HttpError(400, 'The scope of a matrix is memo:ID or topic:ID.');
    }
    res.attachment(`${kind === 'topic' ? `topic-${id}` : id}-elements.csv`);
    res.type('text/csv');
    res.send(matricesToCsv(evidenceMatrices(builder.view, memos)));
  });

  router.get('/basket', (req, res) => {
    const builder = pageBuilder(res);
    const keys = typeof req.query.keys === 'string' ? req.query.keys.split(',').map((key) => key.trim()).filter(Boolean).slice(0, 500) : [];
    res.type('html').send(renderPage({ kind: 'basket', keys }, builder, deps.templates, pageChrome(deps, req, res, builder)));
  });
}
