/**
 * The files of a corpus into records: record files through parse.ts (whose parse workers load
 * nothing else), and libraries, topics, element sets, folder defaults and archived texts here, so
 * that a parse worker does not load citation-js, which only a library needs.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { CorpusEvent, ElementSet, Memo, RecordRef, Speaker, Statement, Topic, Visibility } from '../model/records.js';
import { readLibraryFile, type LibraryEntry, type LibraryFile } from './citations/library.js';
import type { RawFile } from './load.js';
import {
  defaultVisibility,
  isRecordFile,
  parsedRecordFile,
  parseElementSet,
  parseTopics,
  readDefaults,
  unprocessableFile,
  type ArchivedText,
  type ParseCache,
  type ParsedCorpus,
  type ParsedFile,
  type RecordFileKind,
} from './parse.js';

/**
 * The entries of a bibliography file: from the cache when its text is unchanged, else read and
 * cached. A library of thousands of entries took a build's render worker (which reads the corpus
 * from the parse cache) most of a second to read again.
 */
export function parsedLibraryFile(file: RawFile, cache: ParseCache | undefined): LibraryFile {
  const cached = cache?.get(file)?.library;
  if (cached !== undefined) return cached;
  const library = readLibraryFile(file.text, file.path);
  cache?.set(file, { record: null, diagnostics: [], library });
  return library;
}

/**
 * The topics of a topics file and their problems: from the cache when its text is unchanged, else
 * read and cached. A build in a watching process read the file again for every edit of a memo.
 */
export function parsedTopicsFile(file: RawFile, cache: ParseCache | undefined): { readonly topics: readonly Topic[]; readonly diagnostics: readonly Diagnostic[] } {
  const cached = cache?.get(file);
  if (cached?.topics !== undefined) return { topics: cached.topics, diagnostics: cached.diagnostics };
  const diagnostics: Diagnostic[] = [];
  const topics = parseTopics(file, diagnostics);
  cache?.set(file, { record: null, diagnostics, topics });
  return { topics, diagnostics };
}

/** Each record's copy with its folder's default visibility, kept while the record is (a build keeps the records of files it did not read again). */
const copiesWithVisibility = new WeakMap<object, Map<Visibility, object>>();

/**
 * A record with a visibility its folder gives it: the same copy each time the same record is given
 * the same visibility, so that a record read before stays the very object it was, and what is kept
 * by record (its references and backlinks, their digests) is kept for it too.
 */
function withVisibility<T extends { visibility: Visibility }>(record: T, visibility: Visibility): T {
  let copies = copiesWithVisibility.get(record);
  if (copies === undefined) copiesWithVisibility.set(record, (copies = new Map()));
  let copy = copies.get(visibility) as T | undefined;
  if (copy === undefined) {
    copy = { ...record, visibility };
    copies.set(visibility, copy);
  }
  return copy;
}

/** Parses every loaded file into records; one broken file never stops the others. */
export function parseCorpusFiles(files: readonly RawFile[], cache?: ParseCache): ParsedCorpus {
  const diagnostics: Diagnostic[] = [];
  const memos: Memo[] = [];
  const statements: Statement[] = [];
  const speakers: Speaker[] = [];
  const events: CorpusEvent[] = [];
  const topics: Topic[] = [];
  const sources: LibraryEntry[] = [];
  const archivedTexts: ArchivedText[] = [];
  const elementSets: ElementSet[] = [];
  const unloaded: RecordRef[] = [];
  const defaults = readDefaults(files, diagnostics);
  const keep = <T extends { file: string; visibility: Visibility; fieldPlaces: Readonly<Record<string, unknown>> }>(list: T[], record: T | null): void => {
    if (record === null) return;
    // A record that does not say its visibility takes its folder's default.
    const folderDefault = record.fieldPlaces.visibility === undefined ? defaultVisibility(defaults, record.file) : undefined;
    list.push(folderDefault === undefined ? record : withVisibility(record, folderDefault));
  };
  const lists: { [K in RecordFileKind]: Array<NonNullable<ParsedFile['record']>> } = { memo: memos, statement: statements, speaker: speakers, event: events };
  for (const file of files) {
    if (isRecordFile(file)) {
      const parsed = parsedRecordFile(file, cache);
      for (const item of parsed.diagnostics) diagnostics.push(item);
      keep(lists[file.kind], parsed.record);
      if (parsed.unloaded !== undefined) unloaded.push(parsed.unloaded);
      continue;
    }
    try {
      parseOtherFile(file);
    } catch (error) {
      diagnostics.push(unprocessableFile(file, error));
    }
  }
  const internalFolders = [...defaults].filter(([, visibility]) => visibility === 'internal').map(([folder]) => folder);
  return { memos, statements, speakers, events, topics, sources, elementSets, archivedTexts, diagnostics, internalFolders, unloaded };

  function parseOtherFile(file: RawFile): void {
    switch (file.kind) {
      case 'topics': {
        const parsed = parsedTopicsFile(file, cache);
        for (const item of parsed.topics) topics.push(item);
        for (const item of parsed.diagnostics) diagnostics.push(item);
        break;
      }
      case 'bibliography': {
        const library = parsedLibraryFile(file, cache);
        const folderDefault = defaultVisibility(defaults, file.path);
        for (const entry of library.entries) {
          sources.push(entry.visibilityWritten || folderDefault === undefined ? entry : { ...entry, visibility: folderDefault });
        }
        for (const item of library.diagnostics) diagnostics.push(item);
        break;
      }
      case 'defaults':
      case 'aliases':
        break;
      case 'element-set': {
        const set = parseElementSet(file, diagnostics);
        if (set !== null) elementSets.push(set);
        break;
      }
      case 'archived-text': {
        const name = file.path.slice('citations/texts/'.length);
        archivedTexts.push({ key: name.replace(/\.(txt|md)$/, ''), file: file.path, text: file.text });
        break;
      }
    }
  }
}
