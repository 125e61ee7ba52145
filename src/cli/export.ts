/** `dossier export`: a bibliography of any scope in any format, or a memo for pandoc. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildCorpus } from '../corpus/pipeline.js';
import { findStyle } from '../corpus/citations/format.js';
import { EXPORT_FORMATS, findExportFormat, pandocCslJson } from '../export/formats.js';
import { readStyleFile } from '../corpus/citations/style-files.js';
import { runPandocToDocx } from '../render/pandoc-run.js';
import { openSearchIndex } from '../search/index.js';
import { CorpusView } from '../access/index.js';
import { memoToPandocMarkdown } from '../render/pandoc.js';
import { resolveScope, ScopeError, type ExportScope, type Inclusion } from '../export/scopes.js';
import type { CliOutput } from './output.js';

export interface ExportOptions {
  readonly root: string;
  readonly scope: ExportScope;
  readonly format: string;
  readonly style: string;
  readonly include: Inclusion;
  readonly out: string | null;
  readonly includeInternal: boolean;
  /** Keep the team's notes on pinpoints in a memo for pandoc. */
  readonly keepNotes?: boolean;
}

/** Runs an export; returns the exit code. */
export async function runExport(options: ExportOptions, output: CliOutput): Promise<number> {
  if (findStyle(options.style) === undefined) {
    output.stderr(`dossier export: unknown style "${options.style}"\n`);
    return 2;
  }
  const corpus = await buildCorpus(options.root);
  const view = new CorpusView(corpus, options.includeInternal);
  // Formatted over what the view may see: hidden sources change no year suffix or number.
  const formatter = view.formatter();

  if (options.format === 'markdown' || options.format === 'docx') {
    if (options.scope.kind !== 'memo' || options.out === null) {
      output.stderr(`dossier export: --format ${options.format} takes --memo ID and --out ${options.format === 'docx' ? 'FILE' : 'DIR'}\n`);
      return 2;
    }
    const memo = view.memo(options.scope.id);
    if (memo === undefined) {
      output.stderr(`dossier export: there is no memo "${options.scope.id}"\n`);
      return 1;
    }
    const { sources } = resolveScope(view, { kind: 'memo', id: memo.id, linked: false }, 'all', null);
    const styleFile = 'oscola-international.csl' as const;
    const files = { bibliography: `${memo.id}.json`, csl: styleFile, cslXml: readStyleFile(styleFile), keepNotes: options.keepNotes === true };
    const markdown = memoToPandocMarkdown(view, memo, files);
    const bibliography = pandocCslJson(sources);
    if (options.format === 'docx') {
      const result = await runPandocToDocx({ markdown, bibliography, files, out: path.resolve(options.out), date: memo.updated });
      if (!result.ok) {
        output.stderr(`dossier export: ${result.message}\n`);
        return 1;
      }
      output.stderr(`dossier: wrote ${options.out} (${sources.length} sources)\n`);
      return 0;
    }
    await mkdir(options.out, { recursive: true });
    await writeFile(path.join(options.out, `${memo.id}.md`), markdown);
    await writeFile(path.join(options.out, files.bibliography), bibliography);
    await writeFile(path.join(options.out, files.csl), files.cslXml);
    output.stdout(
      `dossier: wrote ${memo.id}.md, ${files.bibliography} (${sources.length} sources) and ${files.csl} to ${options.out}\n` +
        `dossier: make a Word file with: cd ${options.out} && pandoc ${memo.id}.md --citeproc -o ${memo.id}.docx\n`,
    );
    return 0;
  }

  const format = findExportFormat(options.format);
  if (format === undefined) {
    output.stderr(`dossier export: unknown format "${options.format}"; choose one of: ${[...EXPORT_FORMATS.map((f) => f.id), 'markdown'].join(', ')}\n`);
    return 2;
  }
  const search = options.scope.kind === 'query' ? (await openSearchIndex(corpus, { cacheDir: path.join(options.root, '.dossier-cache', 'search') })).index : null;
  let resolved;
  try {
    resolved = resolveScope(view, options.scope, options.include, search);
  } catch (error) {
    if (!(error instanceof ScopeError)) throw error;
    output.stderr(`dossier export: ${error.message}\n`);
    return 1;
  }
  const text = format.render(resolved.sources, { formatter, styleId: options.style, title: resolved.title, citing: resolved.citing });
  if (options.out === null) {
    output.stdout(text);
  } else {
    await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
    await writeFile(options.out, text);
    output.stderr(`dossier: wrote ${resolved.sources.length} sources to ${options.out}\n`);
  }
  return 0;
}
