/**
 * The link stage: turns the resolved references into backlinks on their targets, reports what
 * nothing refers to, and freezes the result into the Corpus every reader works from.
 */
import { compareDiagnostics, diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { refKey, type Backlink, type Corpus, type RecordRef } from '../model/records.js';
import type { ValidatedCorpus } from './validate.js';
import type { OutgoingReference } from './outgoing.js';

/**
 * Freezes a value and everything in it, the outside before the inside, so that a cycle ends where
 * it meets a frozen object. A frozen object met on the way is taken as frozen throughout: records
 * kept from an earlier build are not walked again. (A set of objects seen, kept for every object of
 * ten thousand memos, made this the slowest step of a build.)
 */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (value instanceof Map) {
    for (const item of value.values()) deepFreeze(item);
  } else if (Array.isArray(value)) {
    // By index: `for…in` over an array walks its indices as strings, a third of the freeze's time.
    for (let index = 0; index < value.length; index++) deepFreeze(value[index]);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * What nothing refers to: sources nothing cites, statements no memo uses, memos that cite nothing.
 * `referenced` decides what counts (whether a record has a backlink that `counts`), so a reader's
 * view can ask again with only what it may see (a public source cited only by an internal memo is
 * uncited to an anonymous reader). It is asked whether there is one, not for the list: a treaty
 * cited by every memo is settled by its first citation.
 */
export function unreferencedDiagnostics(
  records: Pick<ValidatedCorpus, 'sources' | 'statements' | 'memos'>,
  referenced: (ref: RecordRef, counts: (backlink: Backlink) => boolean) => boolean,
  include: (ref: RecordRef) => boolean = () => true,
): Array<{ diagnostic: Diagnostic; subject: RecordRef }> {
  const found: Array<{ diagnostic: Diagnostic; subject: RecordRef }> = [];
  const any = (): boolean => true;
  const fromMemo = (backlink: Backlink): boolean => backlink.from.type === 'memo';
  for (const source of records.sources.values()) {
    const subject: RecordRef = { type: 'source', id: source.key };
    if (include(subject) && !referenced(subject, any)) {
      found.push({ diagnostic: diagnostic({ file: source.file, ...source.position }, 'uncited-source', `nothing cites @${source.key}`), subject });
    }
  }
  for (const statement of records.statements.values()) {
    const subject: RecordRef = { type: 'statement', id: statement.id };
    if (include(subject) && !referenced(subject, fromMemo)) {
      found.push({
        diagnostic: diagnostic({ file: statement.file, line: 1, column: 1 }, 'unused-statement', `no memo links to or embeds statement "${statement.id}"`),
        subject,
      });
    }
  }
  for (const memo of records.memos.values()) {
    const subject: RecordRef = { type: 'memo', id: memo.id };
    if (include(subject) && memo.citations.length === 0) {
      found.push({ diagnostic: diagnostic({ file: memo.file, line: 1, column: 1 }, 'memo-without-citation', `memo "${memo.id}" cites no source`), subject });
    }
  }
  return found;
}

/** The backlink each reference became, and its target's key, kept while the reference is (references are kept with their records: see outgoingReferences). */
const linkedOf = new WeakMap<OutgoingReference, { readonly target: string; readonly backlink: Backlink }>();

/** What a reference says on its target's side, under its target's key; the same frozen object each time the same reference is linked. */
function linked(reference: OutgoingReference): { readonly target: string; readonly backlink: Backlink } {
  let found = linkedOf.get(reference);
  if (found === undefined) {
    const backlink: Backlink = deepFreeze({
      from: reference.from,
      via: reference.via,
      field: reference.field,
      place: reference.place,
      sentence: reference.sentence,
      sentenceSpans: reference.sentenceSpans,
      locator: reference.locator,
      label: reference.label,
    });
    found = { target: refKey(reference.target), backlink };
    linkedOf.set(reference, found);
  }
  return found;
}

/** Links the validated records into a frozen corpus rooted at `root`. */
export function linkCorpus(validated: ValidatedCorpus, root: string): Corpus {
  const diagnostics: Diagnostic[] = [...validated.diagnostics];
  const backlinks = new Map<string, Backlink[]>();
  for (const reference of validated.references) {
    const { target, backlink } = linked(reference);
    const list = backlinks.get(target);
    if (list === undefined) backlinks.set(target, [backlink]);
    else list.push(backlink);
  }
  // Frozen here, a list at a time: its backlinks are frozen already, and freezing the corpus
  // below then does not walk the hundreds of thousands of them again.
  for (const list of backlinks.values()) Object.freeze(list);

  const diagnosticSubjects = new Map(validated.diagnosticSubjects);
  for (const { diagnostic: found, subject } of unreferencedDiagnostics(validated, (ref, counts) => (backlinks.get(refKey(ref)) ?? []).some(counts))) {
    diagnostics.push(found);
    diagnosticSubjects.set(found, [subject]);
  }
  diagnostics.sort(compareDiagnostics);

  const corpus: Corpus = {
    root,
    memos: validated.memos,
    statements: validated.statements,
    speakers: validated.speakers,
    events: validated.events,
    topics: validated.topics,
    sources: validated.sources,
    elementSets: validated.elementSets,
    backlinks,
    diagnostics,
    diagnosticSubjects,
    internalFolders: validated.internalFolders,
  };
  return deepFreeze(corpus);
}
