/**
 * Digests the rendered-page cache is keyed by. A page is a function of the corpus, the code that
 * renders it (templates, renderer, citation styles), and the request (path, reader's access
 * level, citation style, live reload, the banner of rejected edits); each key covers all of
 * them, so a cached page is never served for a corpus, a reader or a renderer it was not made for.
 */
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../model/records.js';
import { VIEWS_DIR } from '../render/templates.js';

const corpusDigests = new WeakMap<Corpus, string>();

/** Feeds every record of the corpus into a hash: each file's text, and what comes from elsewhere (visibility from folder defaults). */
function hashRecords(hash: Hash, corpus: Corpus): void {
  const text = (value: string) => hash.update(`${value.length}:`).update(value);
  for (const records of [corpus.memos, corpus.statements, corpus.speakers, corpus.events]) {
    text(`records ${records.size}`);
    for (const record of records.values()) {
      text(record.file);
      text(record.visibility);
      text(record.fileText);
    }
  }
  text(`sources ${corpus.sources.size}`);
  for (const source of corpus.sources.values()) {
    const { archivedText, ...rest } = source;
    text(JSON.stringify(rest));
    text(archivedText === null ? '' : `${archivedText.file}\n${archivedText.text}`);
  }
  text(JSON.stringify([...corpus.topics.values()]));
  text(JSON.stringify([...corpus.elementSets.values()]));
  text(JSON.stringify(corpus.instruments ?? []));
  text(JSON.stringify(corpus.internalFolders));
  text(JSON.stringify(corpus.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.code, d.message])));
}

/** A digest of everything in a corpus that a page can show; worked out once per corpus. */
export function corpusDigest(corpus: Corpus): string {
  let digest = corpusDigests.get(corpus);
  if (digest === undefined) {
    const hash = createHash('sha256');
    hashRecords(hash, corpus);
    digest = hash.digest('hex');
    corpusDigests.set(corpus, digest);
  }
  return digest;
}

/** Every source or compiled file under a folder, sorted, so the digest does not depend on the order of listing. */
function filesUnder(folder: string, pattern: RegExp): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries.filter((name) => pattern.test(name)).sort().map((name) => path.join(folder, name));
}

let renderer: string | undefined;

/**
 * A digest of the code that renders pages: the templates, and every module of this installation
 * (the renderer, the citation styles, the access rules), so a page cached on disk never outlives
 * the code that drew it.
 */
export function rendererDigest(): string {
  if (renderer !== undefined) return renderer;
  const hash = createHash('sha256');
  const codeRoot = fileURLToPath(new URL('..', import.meta.url));
  // The CSL styles stay in src/corpus/citations/styles beside the compiled code.
  const styles = path.join(codeRoot, '..', 'src', 'corpus', 'citations', 'styles');
  for (const file of [...filesUnder(VIEWS_DIR, /\.(eta|css|js)$/), ...filesUnder(codeRoot, /\.(js|ts|csl|json)$/), ...filesUnder(styles, /\.csl$/)]) {
    hash.update(`${path.relative(codeRoot, file)}\n`).update(readFileSync(file));
  }
  renderer = hash.digest('hex');
  return renderer;
}

/** What a page depends on beyond the corpus and the code. */
export interface PageKeyParts {
  readonly corpus: Corpus;
  readonly path: string;
  /** The reader's access level: what they may see, not who they are. */
  readonly access: 'anonymous' | 'signed-in';
  readonly styleId: string;
  /** The generation number live pages carry, or null without live reload. */
  readonly live: number | null;
  readonly staticSite: boolean;
  /** The banner of rejected edits as this reader sees it. */
  readonly rejected: string;
}

/** The key of one rendered page. */
export function pageKey(parts: PageKeyParts): string {
  const fields = [rendererDigest(), corpusDigest(parts.corpus), parts.access, parts.styleId, parts.path, parts.live, parts.staticSite, parts.rejected];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
