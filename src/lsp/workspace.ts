/**
 * The corpus as the editor sees it: the files on disk, with the text of every open document in
 * place of its file, built by the same pipeline as `dossier check` so the diagnostics are the
 * same. Record files are parsed once per text (a parse cache), so a keystroke re-parses one file.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kindOfPath, loadCorpusFiles, type LoadedFiles, type RawFile } from '../corpus/load.js';
import { ParseCache } from '../corpus/parse.js';
import { buildCorpusFromFiles } from '../corpus/pipeline.js';
import type { Corpus } from '../model/records.js';

/** The corpus of one root folder with the editor's unsaved texts laid over it. */
export class EditorCorpus {
  private loaded: LoadedFiles | null = null;
  private readonly openTexts = new Map<string, string>();
  private readonly cache = new ParseCache();
  private built: Corpus | null = null;

  constructor(readonly root: string) {}

  /** Reads the files on disk again (at start, and when a file is saved, created or deleted). */
  async reload(): Promise<void> {
    this.loaded = await loadCorpusFiles(this.root);
    this.built = null;
  }

  /** The path of a document relative to the root, when it is a corpus file under it; else null. */
  relativePath(uri: string): string | null {
    if (!uri.startsWith('file:')) return null;
    const relative = path.relative(this.root, fileURLToPath(uri)).split(path.sep).join('/');
    if (relative.startsWith('../') || path.isAbsolute(relative) || kindOfPath(relative) === null) return null;
    return relative;
  }

  /** The URI of a corpus file, for locations. */
  uriOf(relative: string): string {
    return pathToFileURL(path.join(this.root, ...relative.split('/'))).href;
  }

  /** Lays the editor's text of a document over its file. */
  setText(relative: string, text: string): void {
    this.openTexts.set(relative, text);
    this.built = null;
  }

  /** The document was closed: its file on disk counts again. */
  forget(relative: string): void {
    this.openTexts.delete(relative);
    this.built = null;
  }

  /** The linked corpus of the files on disk with the open texts in their place. */
  corpus(): Corpus {
    if (this.built !== null) return this.built;
    const loaded = this.loaded ?? { root: this.root, files: [], diagnostics: [] };
    const files: RawFile[] = [];
    const seen = new Set<string>();
    for (const file of loaded.files) {
      seen.add(file.path);
      const open = this.openTexts.get(file.path);
      files.push(open === undefined ? file : { ...file, text: open });
    }
    // A document opened before it was first saved is part of the corpus too.
    for (const [relative, text] of this.openTexts) {
      const kind = kindOfPath(relative);
      if (!seen.has(relative) && kind !== null) files.push({ path: relative, kind, text });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // Problems reading a file that is open are the disk's, not the editor's: they are left out.
    const diagnostics = loaded.diagnostics.filter((d) => !this.openTexts.has(d.file));
    this.built = buildCorpusFromFiles({ root: this.root, files, diagnostics }, this.cache);
    this.cache.retain(files);
    return this.built;
  }
}
