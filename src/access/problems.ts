/**
 * The problems a reader may see. Signed-in readers see every diagnostic; an anonymous reader sees
 * only problems of public records, and only those whose every subject may be seen: a problem is
 * attributed to the records of the file it is in (the entry at its line, in a bibliography file)
 * and to the records the link stage says it is about. Nothing is decided by reading its message.
 */
import { compareDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import type { Corpus, RecordRef } from '../model/records.js';
import { unreferencedDiagnostics } from '../corpus/link.js';
import type { CorpusView } from './reader-view.js';

/** The records written in each file; bibliography entries with the line they start on. */
interface FileIndex {
  readonly records: ReadonlyMap<string, ReadonlyArray<{ readonly ref: RecordRef; readonly line: number | null }>>;
}

const fileIndexes = new WeakMap<Corpus, FileIndex>();

function fileIndexOf(corpus: Corpus): FileIndex {
  let index = fileIndexes.get(corpus);
  if (index !== undefined) return index;
  const records = new Map<string, Array<{ ref: RecordRef; line: number | null }>>();
  const add = (file: string, ref: RecordRef, line: number | null): void => {
    const list = records.get(file) ?? [];
    list.push({ ref, line });
    records.set(file, list);
  };
  for (const memo of corpus.memos.values()) add(memo.file, { type: 'memo', id: memo.id }, null);
  for (const statement of corpus.statements.values()) add(statement.file, { type: 'statement', id: statement.id }, null);
  for (const speaker of corpus.speakers.values()) add(speaker.file, { type: 'speaker', id: speaker.id }, null);
  for (const event of corpus.events.values()) add(event.file, { type: 'event', id: event.id }, null);
  for (const topic of corpus.topics.values()) add(topic.file, { type: 'topic', id: topic.id }, topic.position.line);
  for (const source of corpus.sources.values()) {
    add(source.file, { type: 'source', id: source.key }, source.position.line);
    if (source.archivedText !== null) add(source.archivedText.file, { type: 'source', id: source.key }, null);
  }
  for (const set of corpus.elementSets.values()) records.set(set.file, records.get(set.file) ?? []);
  index = { records };
  fileIndexes.set(corpus, index);
  return index;
}

/** Codes whose answer depends on what the reader may see: asked again for an anonymous reader. */
const UNREFERENCED_CODES: ReadonlySet<string> = new Set(['uncited-source', 'unused-statement', 'memo-without-citation']);

function underFolder(file: string, folders: readonly string[]): boolean {
  return folders.some((folder) => file.startsWith(`${folder}/`));
}

/** Whether an anonymous reader may see a diagnostic: a problem of public records only. */
function anonymousMaySee(view: CorpusView, index: FileIndex, found: Diagnostic, subjects: readonly RecordRef[]): boolean {
  if (found.code === 'public-links-internal') return false;
  if (underFolder(found.file, view.corpus.internalFolders)) return false;
  const inFile = index.records.get(found.file);
  // A file that holds no record (it did not parse, or its only entry could not be read) may be
  // confidential: nothing says it is public, so its problems are for signed-in readers.
  if (inFile === undefined) return false;
  const atLine = inFile.filter((entry) => entry.line === found.line);
  const holders = atLine.length > 0 ? atLine : inFile;
  return [...holders.map((entry) => entry.ref), ...subjects].every((ref) => view.mayFollow(ref));
}

/** An anonymous reader's problems, worked out once per corpus (every memo page asks for them). */
const anonymousProblems = new WeakMap<Corpus, readonly Diagnostic[]>();

/** The corpus's diagnostics as this reader may see them, sorted as `dossier check` sorts them. */
export function problemsFor(view: CorpusView): Diagnostic[] {
  const corpus = view.corpus;
  if (view.includeInternal) return [...corpus.diagnostics];
  // A view that records its questions must be asked them; any other anonymous view answers alike.
  if (view.recordsQuestions) return anonymousProblemsOf(view);
  let found = anonymousProblems.get(corpus);
  if (found === undefined) {
    found = anonymousProblemsOf(view);
    anonymousProblems.set(corpus, found);
  }
  return [...found];
}

function anonymousProblemsOf(view: CorpusView): Diagnostic[] {
  const corpus = view.corpus;
  const index = fileIndexOf(corpus);
  const visible = corpus.diagnostics.filter(
    (found) => !UNREFERENCED_CODES.has(found.code) && anonymousMaySee(view, index, found, corpus.diagnosticSubjects.get(found) ?? []),
  );
  // "Nothing cites @x" is asked again with only what this reader may see cite it.
  for (const { diagnostic: found, subject } of unreferencedDiagnostics(corpus, (ref, counts) => view.hasBacklink(ref, counts), (ref) => view.get(ref) !== undefined)) {
    if (anonymousMaySee(view, index, found, [subject])) visible.push(found);
  }
  return visible.sort(compareDiagnostics);
}

/** Problems that are not in the corpus (edits not taken, shown in the live-reload banner), as this reader may see them. */
export function rejectedProblemsFor(view: CorpusView, rejected: readonly Diagnostic[]): Diagnostic[] {
  if (view.includeInternal) return [...rejected];
  const index = fileIndexOf(view.corpus);
  return rejected.filter((found) => anonymousMaySee(view, index, found, []));
}
