/**
 * The validate stage: one record per id, archived texts attached to their sources, every
 * reference pointing at a record that exists, verbatim statements found in their sources, and no
 * public record leaning on an internal one. Problems become diagnostics; nothing is thrown.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../model/diagnostic.js';
import type { CiteKey, EventId, MemoId, SpeakerId, StatementId, TopicId } from '../model/ids.js';
import type { CorpusEvent, ElementSet, Memo, RecordRef, Source, Speaker, Statement, Topic, Visibility } from '../model/records.js';
import type { LibraryEntry } from './citations/library.js';
import type { ArchivedText, ParsedCorpus } from './parse.js';
import { outgoingReferences, type OutgoingReference, type ReferringRecord } from './outgoing.js';
import { findQuotation } from '../syntax/quotation.js';
import { didYouMean, nearestIds } from '../syntax/suggest.js';

/** The records after validation: unique ids, sources with their archived texts. */
export interface ValidatedCorpus {
  readonly memos: ReadonlyMap<MemoId, Memo>;
  readonly statements: ReadonlyMap<StatementId, Statement>;
  readonly speakers: ReadonlyMap<SpeakerId, Speaker>;
  readonly events: ReadonlyMap<EventId, CorpusEvent>;
  readonly topics: ReadonlyMap<TopicId, Topic>;
  readonly sources: ReadonlyMap<CiteKey, Source>;
  readonly elementSets: ReadonlyMap<string, ElementSet>;
  /** Every reference whose target exists, for the link stage. */
  readonly references: readonly OutgoingReference[];
  readonly diagnostics: readonly Diagnostic[];
  /** The records each diagnostic of this stage is about, beyond the file it is in. */
  readonly diagnosticSubjects: ReadonlyMap<Diagnostic, readonly RecordRef[]>;
  /** Folders whose `_defaults` make their records internal. */
  readonly internalFolders: readonly string[];
}

const UNKNOWN_CODE: Readonly<Record<RecordRef['type'], DiagnosticCode>> = {
  memo: 'unknown-memo',
  statement: 'unknown-statement',
  speaker: 'unknown-speaker',
  event: 'unknown-event',
  topic: 'unknown-topic',
  source: 'unknown-cite-key',
};

/** Keeps the first record of each id and reports every later one, naming both places. */
function uniqueById<K extends string, R extends { readonly file: string }>(
  records: readonly R[],
  idOf: (record: R) => K,
  placeOf: (record: R) => { line: number; column: number },
  what: string,
  code: DiagnosticCode,
  diagnostics: Diagnostic[],
): Map<K, R> {
  const byId = new Map<K, R>();
  for (const record of records) {
    const id = idOf(record);
    const first = byId.get(id);
    if (first === undefined) {
      byId.set(id, record);
      continue;
    }
    const firstPlace = placeOf(first);
    diagnostics.push(
      diagnostic(
        { file: record.file, ...placeOf(record) },
        code,
        `${what} "${id}" is defined twice: here and at ${first.file}:${firstPlace.line}:${firstPlace.column} (the first is kept)`,
      ),
    );
  }
  return byId;
}

/** The file name an archived text may use for a key: characters that paths cannot hold become `-`. */
export function archivedTextName(key: string): string {
  return key.replace(/[/\\:*?"<>|]/g, '-');
}

/** Each library entry's source, kept while the entry is (a build keeps the entries of library files it did not read again). */
const sourcesOf = new WeakMap<LibraryEntry, Source>();

/** A library entry as a source, with its archived text: the same object each time the same entry has the same text. */
function sourceOf(entry: LibraryEntry, text: ArchivedText | undefined): Source {
  const before = sourcesOf.get(entry);
  if (before !== undefined && before.archivedText?.file === text?.file && before.archivedText?.text === text?.text) return before;
  const source: Source = { ...entry, type: 'source', archivedText: text === undefined ? null : { file: text.file, text: text.text } };
  sourcesOf.set(entry, source);
  return source;
}

function attachArchivedTexts(entries: ReadonlyMap<CiteKey, LibraryEntry>, texts: readonly ArchivedText[], diagnostics: Diagnostic[]): Map<CiteKey, Source> {
  const byName = new Map<string, ArchivedText>();
  for (const text of texts) byName.set(text.key, text);
  const used = new Set<ArchivedText>();
  const sources = new Map<CiteKey, Source>();
  for (const [key, entry] of entries) {
    const text = byName.get(key) ?? byName.get(archivedTextName(key));
    if (text !== undefined) used.add(text);
    sources.set(key, sourceOf(entry, text));
  }
  for (const text of texts) {
    if (!used.has(text)) {
      diagnostics.push(
        diagnostic({ file: text.file, line: 1, column: 1 }, 'orphan-archived-text', `no bibliography entry has the key "${text.key}" that this file name gives`),
      );
    }
  }
  return sources;
}

function checkVerbatim(statement: Statement, sources: ReadonlyMap<CiteKey, Source>, diagnostics: Diagnostic[]): void {
  if (statement.kind !== 'verbatim' || statement.text === '') return;
  const source = sources.get(statement.source);
  if (source === undefined) return;
  const place = statement.fieldPlaces.kind ?? { file: statement.file, line: 1, column: 1 };
  if (source.archivedText === null) {
    diagnostics.push(
      diagnostic(
        place,
        'missing-archived-text',
        `a verbatim statement needs the text of its source to check it against: add citations/texts/${archivedTextName(statement.source)}.txt`,
      ),
    );
    return;
  }
  const difference = findQuotation(statement.text, source.archivedText.text);
  if (difference === null) return;
  const shown = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text);
  const where = difference.matched === '' ? 'not even its first word is there' : `it matches up to "${shown(difference.matched.slice(-40))}" and then differs`;
  diagnostics.push(
    diagnostic(place, 'verbatim-mismatch', `the verbatim text "${shown(difference.missing)}" is not in ${source.archivedText.file}: ${where}`),
  );
}

function describeRef(ref: RecordRef): string {
  return ref.type === 'source' ? `@${ref.id}` : `${ref.type} "${ref.id}"`;
}

/** What to do about a reference to a record that does not exist, when no near id is there to suggest. */
const CREATE_ADVICE: Readonly<Record<RecordRef['type'], (id: string) => string>> = {
  memo: (id) => `: correct the id, or write corpus/memos/${id}.md`,
  statement: (id) => `: correct the id, or write corpus/statements/${id}.md`,
  speaker: (id) => `: correct the id, or write corpus/speakers/${id}.md`,
  event: (id) => `: correct the id, or write corpus/events/${id}.md`,
  topic: () => ': correct the id, or add the topic to corpus/topics.yaml',
  source: () => ': correct the key, or add an entry with this key to a bibliography file in citations/',
};

/** The message for a reference to a record that does not exist, with the nearest ids there are. */
function unknownReferenceDiagnostic(reference: OutgoingReference, candidates: readonly string[]): Diagnostic {
  const target = reference.target;
  const how = reference.field === null ? '' : ` in "${reference.field}"`;
  const suggestions = nearestIds(target.id, candidates);
  const advice = suggestions.length > 0 ? didYouMean(suggestions, (id) => (target.type === 'source' ? `@${id}` : `"${id}"`)) : CREATE_ADVICE[target.type](target.id);
  return diagnostic(reference.place, UNKNOWN_CODE[target.type], `${describeRef(target)}${how} does not exist${advice}`, { replace: target.id, suggestions });
}

/** Validates the parsed records and collects the references that resolve. */
export function validateCorpus(parsed: ParsedCorpus): ValidatedCorpus {
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const diagnosticSubjects = new Map<Diagnostic, readonly RecordRef[]>();
  /** Records which records the diagnostic just pushed is about. */
  const about = (...refs: RecordRef[]): void => {
    diagnosticSubjects.set(diagnostics[diagnostics.length - 1]!, refs);
  };
  const bodyStart = () => ({ line: 1, column: 1 });
  const memos = uniqueById(parsed.memos, (memo) => memo.id, (memo) => memo.fieldPlaces.id ?? bodyStart(), 'memo', 'duplicate-id', diagnostics);
  const statements = uniqueById(parsed.statements, (s) => s.id, (s) => s.fieldPlaces.id ?? bodyStart(), 'statement', 'duplicate-id', diagnostics);
  const speakers = uniqueById(parsed.speakers, (s) => s.id, (s) => s.fieldPlaces.id ?? bodyStart(), 'speaker', 'duplicate-id', diagnostics);
  const events = uniqueById(parsed.events, (e) => e.id, (e) => e.fieldPlaces.id ?? bodyStart(), 'event', 'duplicate-id', diagnostics);
  const topics = uniqueById(parsed.topics, (t) => t.id, (t) => t.position, 'topic', 'duplicate-id', diagnostics);
  const entries = uniqueById(parsed.sources, (e) => e.key, (e) => e.position, 'cite key', 'duplicate-cite-key', diagnostics);
  const sources = attachArchivedTexts(entries, parsed.archivedTexts, diagnostics);

  const visibilityOf = (ref: RecordRef): Visibility | null => {
    switch (ref.type) {
      case 'memo':
        return memos.get(ref.id)?.visibility ?? null;
      case 'statement':
        return statements.get(ref.id)?.visibility ?? null;
      case 'speaker':
        return speakers.get(ref.id)?.visibility ?? null;
      case 'event':
        return events.get(ref.id)?.visibility ?? null;
      case 'source':
        return sources.get(ref.id)?.visibility ?? null;
      case 'topic':
        return topics.has(ref.id) ? 'public' : null;
    }
  };

  const referring: ReferringRecord[] = [
    ...memos.values(),
    ...statements.values(),
    ...speakers.values(),
    ...events.values(),
    ...topics.values(),
    ...sources.values(),
  ];
  const unloaded = new Set((parsed.unloaded ?? []).map((ref) => `${ref.type}:${ref.id}`));
  // A public record's problems may be read by anyone: it is offered only public ids as suggestions.
  const candidatesFor = (type: RecordRef['type'], readerVisibility: Visibility): string[] => {
    const ids: Iterable<string> = { memo: memos, statement: statements, speaker: speakers, event: events, topic: topics, source: sources }[type].keys();
    return [...ids].filter((id) => readerVisibility === 'internal' || visibilityOf({ type, id } as RecordRef) === 'public');
  };
  const references: OutgoingReference[] = [];
  for (const record of referring) {
    const ownVisibility = visibilityOf(record.type === 'source' ? { type: 'source', id: record.key } : ({ type: record.type, id: record.id } as RecordRef));
    for (const reference of outgoingReferences(record)) {
      const targetVisibility = visibilityOf(reference.target);
      if (targetVisibility === null) {
        // A record whose file could not be read is reported in that file, not again here.
        if (!unloaded.has(`${reference.target.type}:${reference.target.id}`)) {
          diagnostics.push(unknownReferenceDiagnostic(reference, candidatesFor(reference.target.type, ownVisibility ?? 'internal')));
          about(reference.from, reference.target);
        }
        continue;
      }
      references.push(reference);
      if (ownVisibility === 'public' && targetVisibility === 'internal' && reference.target.type !== 'topic') {
        diagnostics.push(
          diagnostic(
            reference.place,
            'public-links-internal',
            `this public ${reference.from.type} refers to the internal ${describeRef(reference.target)}, which anonymous readers will not see`,
          ),
        );
        about(reference.from, reference.target);
      }
    }
  }
  for (const statement of statements.values()) {
    const before = diagnostics.length;
    checkVerbatim(statement, sources, diagnostics);
    // A check against a source's text tells of the source as much as of the statement.
    if (diagnostics.length > before) about({ type: 'statement', id: statement.id }, { type: 'source', id: statement.source });
  }
  checkTopicCycles(topics, diagnostics);
  const elementSets = uniqueById(parsed.elementSets, (set) => set.id, () => ({ line: 1, column: 1 }), 'element set', 'duplicate-id', diagnostics);
  checkEvidence(memos, elementSets, sources, diagnostics, diagnosticSubjects);
  return { memos, statements, speakers, events, topics, sources, elementSets, references, diagnostics, diagnosticSubjects, internalFolders: parsed.internalFolders ?? [] };
}

/** A topic may not be broader than itself, however far up the chain. */
function checkTopicCycles(topics: ReadonlyMap<TopicId, Topic>, diagnostics: Diagnostic[]): void {
  for (const topic of topics.values()) {
    const seen = new Set<TopicId>([topic.id]);
    let current = topic.broader === null ? undefined : topics.get(topic.broader);
    while (current !== undefined) {
      if (current.id === topic.id) {
        diagnostics.push(
          diagnostic({ file: topic.file, ...topic.position }, 'invalid-field', `topic "${topic.id}" is its own broader topic through ${[...seen].join(' → ')}`),
        );
        break;
      }
      if (seen.has(current.id)) break;
      seen.add(current.id);
      current = current.broader === null ? undefined : topics.get(current.broader);
    }
  }
}

/**
 * Every evidence block names an element that exists; every element of a test a memo uses has
 * some evidence in it (else a warning: the gap is worth seeing); authorities are real entries.
 */
function checkEvidence(
  memos: ReadonlyMap<MemoId, Memo>,
  elementSets: ReadonlyMap<string, ElementSet>,
  sources: ReadonlyMap<CiteKey, Source>,
  diagnostics: Diagnostic[],
  diagnosticSubjects?: Map<Diagnostic, readonly RecordRef[]>,
): void {
  for (const set of elementSets.values()) {
    for (const element of set.elements) {
      if (element.authority !== null && !sources.has(element.authority.key)) {
        // An element set is public: only public entries are offered.
        const suggestions = nearestIds(element.authority.key, [...sources.values()].filter((source) => source.visibility === 'public').map((source) => source.key));
        const advice = suggestions.length > 0 ? didYouMean(suggestions, (id) => `@${id}`) : CREATE_ADVICE.source(element.authority.key);
        diagnostics.push(
          diagnostic({ file: set.file, line: 1, column: 1 }, 'unknown-cite-key', `@${element.authority.key}, the authority for "${element.id}", does not exist${advice}`, {
            replace: element.authority.key,
            suggestions,
          }),
        );
        diagnosticSubjects?.set(diagnostics[diagnostics.length - 1]!, [{ type: 'source', id: element.authority.key }]);
      }
    }
  }
  for (const memo of memos.values()) {
    const used = new Map<string, { line: number; column: number }>();
    const covered = new Set<string>();
    for (const entry of memo.evidence) {
      const set = elementSets.get(entry.element.set);
      const place = { file: memo.file, ...entry.position };
      if (set === undefined) {
        const suggestions = nearestIds(entry.element.set, elementSets.keys());
        const advice = suggestions.length > 0 ? didYouMean(suggestions, (id) => `"${id}"`) : `: write corpus/elements/${entry.element.set}.yaml`;
        diagnostics.push(diagnostic(place, 'unknown-element', `there is no element set "${entry.element.set}"${advice}`, { replace: entry.element.set, suggestions }));
        continue;
      }
      if (!set.elements.some((element) => element.id === entry.element.element)) {
        const known = set.elements.map((element) => element.id);
        const suggestions = nearestIds(entry.element.element, known);
        const advice = suggestions.length > 0 ? didYouMean(suggestions, (id) => `"${set.id}:${id}"`) : `; its elements are ${known.join(', ')}`;
        diagnostics.push(diagnostic(place, 'unknown-element', `"${entry.element.element}" is not an element of "${set.id}"${advice}`, { replace: entry.element.element, suggestions }));
        continue;
      }
      if (!used.has(set.id)) used.set(set.id, entry.position);
      if (entry.items.length > 0) covered.add(`${set.id}:${entry.element.element}`);
    }
    for (const [setId, position] of used) {
      for (const element of elementSets.get(setId)!.elements) {
        if (!covered.has(`${setId}:${element.id}`)) {
          diagnostics.push(diagnostic({ file: memo.file, ...position }, 'element-without-evidence', `"${element.label}" (${setId}:${element.id}) has no evidence in this memo`));
        }
      }
    }
  }
}
