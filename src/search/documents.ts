/**
 * What the search index knows of each record: the text of its fields (title, headings, body,
 * people), derived from the frozen corpus the same way at indexing and at query time, and the
 * facets results are counted by. Nothing here is stored twice: the corpus holds the text.
 */
import { createHash } from 'node:crypto';
import type { CitationItem, Corpus, CorpusRecord, Memo, RecordRef, Source, Visibility } from '../model/records.js';
import { refKey } from '../model/records.js';
import { identifierSpans } from './analysis.js';
import { searchBodyText, searchSentenceText } from './shown-text.js';
import { leadingWords } from '../model/words.js';
import { recordContentDigest } from '../corpus/record-digest.js';

export { SEARCH_FIELDS, type SearchField, type SearchFields } from './fields.js';
import type { SearchFields } from './fields.js';

/** What results are counted and filtered by. */
export interface Facets {
  readonly type: RecordRef['type'];
  readonly topics: readonly string[];
  readonly speakers: readonly string[];
  readonly year: string | null;
  /** The kind of document as lawyers name it: `judgment`, `treaty`, `un-document`, `report`… */
  readonly sourceType: string | null;
  /** The court of a judgment, without its chamber. */
  readonly court: string | null;
  /** The fullest date known (`1998-09-02`, `2021`), for sorting by date. */
  readonly date: string | null;
}

/** Document types as lawyers name them, by CSL type; UN documents are told apart by their symbol or author. */
export const DOCUMENT_TYPE_LABELS: Readonly<Record<string, string>> = {
  judgment: 'Judgment',
  treaty: 'Treaty',
  legislation: 'Legislation',
  'un-document': 'UN document',
  report: 'Report',
  book: 'Book',
  article: 'Article',
  'web-page': 'Web page',
  document: 'Other document',
};

const CSL_DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  legal_case: 'judgment',
  treaty: 'treaty',
  legislation: 'legislation',
  bill: 'legislation',
  regulation: 'legislation',
  report: 'report',
  book: 'book',
  chapter: 'book',
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  webpage: 'web-page',
  'post-weblog': 'web-page',
};

function documentType(csl: Record<string, unknown>): string {
  const kind = CSL_DOCUMENT_TYPES[String(csl.type)] ?? 'document';
  if (kind !== 'report' && kind !== 'document') return kind;
  const issuer = ['authority', 'publisher', 'container-title'].map((field) => csl[field]).filter((value) => typeof value === 'string').join(' ');
  const number = typeof csl.number === 'string' ? csl.number : '';
  const unSymbol = identifierSpans(number).some((span) => span.start === 0 && span.term.includes('/') && /^[a-z]/.test(span.term));
  return /United Nations|Human Rights Council|General Assembly|Security Council|Economic and Social Council/i.test(issuer) || unSymbol ? 'un-document' : kind;
}

function fullDate(parts: readonly unknown[] | undefined): string | null {
  if (parts === undefined || parts[0] === undefined) return null;
  return parts.map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, '0'))).join('-');
}

const LOCATOR_ABBREVIATIONS: Readonly<Record<string, string>> = { article: 'art.', paragraph: 'para.', page: 'p.', section: 's.', chapter: 'ch.', rule: 'r.' };

/** Where a source is published, as lawyers cite it: `78 UNTS 277`, `OJ L 410 I, p. 1`. */
function reporterCitation(csl: Record<string, unknown>): string {
  const short = csl['container-title-short'];
  const volume = csl.volume;
  if (typeof short !== 'string' || (typeof volume !== 'string' && typeof volume !== 'number')) return '';
  const page = typeof csl.page === 'string' || typeof csl.page === 'number' ? String(csl.page) : '';
  return short === 'OJ' ? `OJ ${volume}${page === '' ? '' : `, p. ${page}`}` : `${volume} ${short} ${page}`.trim();
}

/** A citation's pinpoint as a lawyer writes it: `art. 7(1)(i)`, `para. 520`. */
function pinpoint(item: CitationItem): string {
  if (item.locator === null) return '';
  return `${item.label === null ? '' : `${LOCATOR_ABBREVIATIONS[item.label] ?? item.label} `}${item.locator}`;
}

/** A text with its legal identifiers blanked out. */
function withoutIdentifiers(text: string): string {
  let result = text;
  for (const span of identifierSpans(text)) result = result.slice(0, span.start) + ' '.repeat(span.length) + result.slice(span.start + span.length);
  return result.replace(/ {2,}/g, ' ');
}

/** Citing sentences indexed per source, at most. */
export const MAX_CITING_SENTENCES = 40;

/** Where each source is cited: the memo, the cluster and the item, in the corpus's order. */
interface Citing {
  readonly memo: Memo;
  readonly cluster: Memo['citations'][number];
  readonly item: CitationItem;
}

/** The citations of every source, found once per corpus. */
const citingBySource = new WeakMap<Corpus, Map<string, Citing[]>>();

function citingOf(corpus: Corpus, source: Source, reads?: Set<string>): string {
  let bySource = citingBySource.get(corpus);
  if (bySource === undefined) {
    bySource = new Map();
    for (const memo of corpus.memos.values()) {
      for (const cluster of memo.citations) {
        for (const item of cluster.items) {
          const list = bySource.get(item.key);
          if (list === undefined) bySource.set(item.key, [{ memo, cluster, item }]);
          else list.push({ memo, cluster, item });
        }
      }
    }
    citingBySource.set(corpus, bySource);
  }
  // A public source is found only by what public memos say of it. A source cited everywhere (a
  // treaty in every memo) keeps its first citing sentences only: past a few dozen they add little
  // to what it is found for, and would make it a giant document every query matches. Only those
  // kept are written out (at 10,000 memos, writing every citation's sentence was most of the time
  // the search documents took).
  const citing = bySource.get(source.key) ?? [];
  // Every citing memo is read: whether it is kept depends on its visibility, and on those before it.
  if (reads !== undefined) for (const { memo } of citing) reads.add(refKey({ type: 'memo', id: memo.id }));
  return citing
    .filter(({ memo }) => memo.visibility === 'public' || source.visibility === 'internal')
    .slice(0, MAX_CITING_SENTENCES)
    .map(({ memo, cluster, item }) =>
      // The memo's title says what the citing argument is about, where the sentence alone may
      // not; its article numbers are the memo's own, not the source's, and are left out.
      `${searchSentenceText(corpus, cluster.sentenceSpans, cluster.sentence, reads)}${item.locator === null ? '' : ` (${pinpoint(item)})`} — ${withoutIdentifiers(memo.title)}`,
    )
    .join('\n');
}

/** A memo's pinpoints, of the sources its reader could see in the memo. */
function pinpointsOf(corpus: Corpus, memo: Memo, reads?: Set<string>): string {
  const lines = new Set<string>();
  for (const cluster of memo.citations) {
    for (const item of cluster.items) {
      reads?.add(refKey({ type: 'source', id: item.key }));
      const source = corpus.sources.get(item.key);
      if (source === undefined || (source.visibility === 'internal' && memo.visibility === 'public') || item.locator === null) continue;
      lines.add(pinpoint(item));
    }
  }
  return [...lines].join('\n');
}

/** One record as the index sees it. */
export interface SearchDocument {
  /** `type:id`, as refKey writes it. */
  readonly ref: string;
  readonly visibility: Visibility;
  readonly fields: SearchFields;
  readonly facets: Facets;
  /** A digest of fields and facets: a document whose digest is unchanged needs no re-indexing. */
  readonly digest: string;
}

function yearOf(date: string | null | undefined): string | null {
  return date === null || date === undefined ? null : date.slice(0, 4);
}

function issuedYear(csl: Record<string, unknown>): string | null {
  const parts = (csl.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0];
  return parts === undefined || parts[0] === undefined ? null : String(parts[0]);
}

function issuedDate(csl: Record<string, unknown>): string | null {
  return fullDate((csl.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]);
}

function names(csl: Record<string, unknown>): string {
  const people = [...((csl.author as unknown[]) ?? []), ...((csl.editor as unknown[]) ?? [])] as Array<Record<string, unknown>>;
  return people.map((person) => [person.given, person.family, person.literal].filter(Boolean).join(' ')).join('\n');
}

/** The fields and facets of one record; with `reads`, notes the key (refKey) of every other record they were derived from. */
export function describeRecord(corpus: Corpus, record: CorpusRecord, reads?: Set<string>): { fields: SearchFields; facets: Facets } {
  switch (record.type) {
    case 'memo':
      return {
        fields: {
          title: record.title,
          headings: searchBodyText(corpus, record.headings, reads),
          people: record.authors.join('\n'),
          body: [record.summary ?? '', searchBodyText(corpus, record.prose, reads)].filter(Boolean).join('\n'),
          citing: pinpointsOf(corpus, record, reads),
        },
        facets: { type: 'memo', topics: record.topics, speakers: [], year: yearOf(record.updated), sourceType: null, court: null, date: record.updated ?? null },
      };
    case 'statement': {
      // A public statement by an internal speaker must not make the speaker findable.
      reads?.add(refKey({ type: 'speaker', id: record.speaker }));
      const known = corpus.speakers.get(record.speaker);
      const speaker = known !== undefined && (known.visibility === 'public' || record.visibility === 'internal') ? known : undefined;
      return {
        fields: {
          title: `${speaker === undefined ? '' : `${speaker.name}: `}${leadingWords(record.text, 12).words.join(' ')}`,
          headings: record.role ?? '',
          people: speaker?.name ?? '',
          body: record.text,
          citing: '',
        },
        facets: { type: 'statement', topics: record.topics, speakers: speaker === undefined ? [] : [record.speaker], year: yearOf(record.date), sourceType: null, court: null, date: record.date ?? null },
      };
    }
    case 'speaker':
      return {
        fields: {
          title: record.name,
          headings: record.roles.map((role) => [role.title, role.organisation].filter(Boolean).join(', ')).join('\n'),
          people: record.name,
          body: searchBodyText(corpus, record.prose, reads),
          citing: '',
        },
        facets: { type: 'speaker', topics: record.topics, speakers: [record.id], year: null, sourceType: null, court: null, date: null },
      };
    case 'event':
      return {
        fields: {
          title: record.title,
          headings: [record.place ?? '', record.organiser ?? ''].filter(Boolean).join('\n'),
          people: '',
          body: searchBodyText(corpus, record.prose, reads),
          citing: '',
        },
        facets: { type: 'event', topics: record.topics, speakers: [], year: yearOf(record.date ?? record.start), sourceType: null, court: null, date: record.date ?? record.start ?? null },
      };
    case 'topic':
      return {
        fields: { title: record.label, headings: (record.synonyms ?? []).join('\n'), people: '', body: record.description ?? '', citing: '' },
        facets: { type: 'topic', topics: [record.id], speakers: [], year: null, sourceType: null, court: null, date: null },
      };
    case 'source': {
      const csl = record.csl as Record<string, unknown>;
      const identifiers = ['authority', 'number', 'container-title', 'publisher', 'genre']
        .map((field) => csl[field])
        .filter((value) => typeof value === 'string');
      return {
        fields: {
          title: String(csl.title ?? record.key),
          headings: [record.key, ...identifiers, reporterCitation(csl)].filter(Boolean).join('\n'),
          people: names(csl),
          body: [typeof csl.note === 'string' ? csl.note : '', record.archivedText?.text ?? ''].filter(Boolean).join('\n'),
          citing: citingOf(corpus, record, reads),
        },
        facets: {
          type: 'source',
          topics: record.topics,
          speakers: [],
          year: issuedYear(csl),
          sourceType: documentType(csl),
          court: csl.type === 'legal_case' && typeof csl.authority === 'string' ? csl.authority.split(',')[0]!.trim() : null,
          date: issuedDate(csl),
        },
      };
    }
  }
}

function refOf(record: CorpusRecord): RecordRef {
  return record.type === 'source' ? { type: 'source', id: record.key } : ({ type: record.type, id: record.id } as RecordRef);
}

/** Every record of the corpus as a search document. */
export function searchDocuments(corpus: Corpus): SearchDocument[] {
  return allRecords(corpus).map((record) => searchDocument(corpus, record));
}

function allRecords(corpus: Corpus): CorpusRecord[] {
  return [...corpus.memos.values(), ...corpus.statements.values(), ...corpus.sources.values(), ...corpus.speakers.values(), ...corpus.events.values(), ...corpus.topics.values()];
}

function searchDocument(corpus: Corpus, record: CorpusRecord, reads?: Set<string>): SearchDocument {
  const { fields, facets } = describeRecord(corpus, record, reads);
  const visibility = record.type === 'topic' ? 'public' : record.visibility;
  const digest = createHash('sha256').update(JSON.stringify([fields, facets, visibility])).digest('base64url').slice(0, 22);
  return { ref: refKey(refOf(record)), visibility, fields, facets, digest };
}

/** The records (by refKey) added, removed or changed (recordContentDigest) from one corpus to the next. */
export function changedRecords(before: Corpus, after: Corpus): Set<string> {
  const changed = new Set<string>();
  const compare = <Id extends string, R extends CorpusRecord>(type: RecordRef['type'], old: ReadonlyMap<Id, R>, now: ReadonlyMap<Id, R>): void => {
    for (const [id, record] of now) {
      const was = old.get(id);
      if (was === undefined || (was !== record && recordContentDigest(was) !== recordContentDigest(record))) changed.add(`${type}:${id}`);
    }
    for (const id of old.keys()) if (!now.has(id)) changed.add(`${type}:${id}`);
  };
  compare('memo', before.memos, after.memos);
  compare('statement', before.statements, after.statements);
  compare('source', before.sources, after.sources);
  compare('speaker', before.speakers, after.speakers);
  compare('event', before.events, after.events);
  compare('topic', before.topics, after.topics);
  return changed;
}

/** A document kept between generations, with the records (refKey) it was derived from. */
interface KeptDocument {
  readonly document: SearchDocument;
  readonly reads: readonly string[];
}

/**
 * The search documents of one corpus after another, in a process that builds again after each
 * edit (`build --watch`, `serve --watch`): each document notes the records it was derived from
 * (a statement's speaker, the records a text names and a statement's speaker again, the sources a
 * memo cites, a source's citing memos and what their sentences name), and is derived again only
 * when its record or one of those was added, removed or changed, or, for a source, when a changed
 * memo cites it now (a memo that cited it before was one of those read). The documents are those
 * searchDocuments gives, in its order.
 */
export class SearchDocumentCache {
  private corpus: Corpus | null = null;
  private documents: SearchDocument[] = [];
  private entries = new Map<string, KeptDocument>();

  documentsOf(corpus: Corpus): SearchDocument[] {
    if (corpus === this.corpus) return this.documents;
    const changed = this.corpus === null ? null : changedRecords(this.corpus, corpus);
    // The sources a changed memo cites now, whose citing lines may gain it. Only their own documents
    // are derived again: another document reads of a source only what the source's record holds.
    const cited = new Set<string>();
    for (const ref of changed ?? []) {
      if (!ref.startsWith('memo:')) continue;
      const memo = corpus.memos.get(ref.slice('memo:'.length) as Memo['id']);
      for (const cluster of memo?.citations ?? []) for (const item of cluster.items) cited.add(refKey({ type: 'source', id: item.key }));
    }
    const entries = new Map<string, KeptDocument>();
    const documents: SearchDocument[] = [];
    for (const record of allRecords(corpus)) {
      const ref = refKey(refOf(record));
      let entry = changed === null || changed.has(ref) || cited.has(ref) ? undefined : this.entries.get(ref);
      if (entry !== undefined && entry.reads.some((read) => changed!.has(read))) entry = undefined;
      if (entry === undefined) {
        const reads = new Set<string>();
        const document = searchDocument(corpus, record, reads);
        entry = { document, reads: [...reads] };
      }
      entries.set(ref, entry);
      documents.push(entry.document);
    }
    this.corpus = corpus;
    this.entries = entries;
    this.documents = documents;
    return documents;
  }
}
