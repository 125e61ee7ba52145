/**
 * What the search index knows of each record: the text of its fields (title, headings, body,
 * people), derived from the frozen corpus the same way at indexing and at query time, and the
 * facets results are counted by. Nothing here is stored twice: the corpus holds the text.
 */
import { createHash } from 'node:crypto';
import type { Corpus, CorpusRecord, RecordRef, Visibility } from '../model/records.js';
import { refKey } from '../model/records.js';

/** The searchable fields, with their boosts: a match in a title counts most. */
export const SEARCH_FIELDS = [
  { name: 'title', boost: 10 },
  { name: 'headings', boost: 5 },
  { name: 'people', boost: 3 },
  { name: 'body', boost: 1 },
] as const;

export type SearchField = (typeof SEARCH_FIELDS)[number]['name'];

export type SearchFields = Record<SearchField, string>;

/** What results are counted and filtered by. */
export interface Facets {
  readonly type: RecordRef['type'];
  readonly topics: readonly string[];
  readonly speakers: readonly string[];
  readonly year: string | null;
  readonly sourceType: string | null;
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

function names(csl: Record<string, unknown>): string {
  const people = [...((csl.author as unknown[]) ?? []), ...((csl.editor as unknown[]) ?? [])] as Array<Record<string, unknown>>;
  return people.map((person) => [person.given, person.family, person.literal].filter(Boolean).join(' ')).join('\n');
}

/** The fields and facets of one record. */
export function describeRecord(corpus: Corpus, record: CorpusRecord): { fields: SearchFields; facets: Facets } {
  switch (record.type) {
    case 'memo':
      return {
        fields: {
          title: record.title,
          headings: record.headings,
          people: record.authors.join('\n'),
          body: [record.summary ?? '', record.prose].filter(Boolean).join('\n'),
        },
        facets: { type: 'memo', topics: record.topics, speakers: [], year: yearOf(record.updated), sourceType: null },
      };
    case 'statement': {
      // A public statement by an internal speaker must not make the speaker findable.
      const known = corpus.speakers.get(record.speaker);
      const speaker = known !== undefined && (known.visibility === 'public' || record.visibility === 'internal') ? known : undefined;
      return {
        fields: {
          title: `${speaker === undefined ? '' : `${speaker.name}: `}${record.text.split(/\s+/u).slice(0, 12).join(' ')}`,
          headings: record.role ?? '',
          people: speaker?.name ?? '',
          body: record.text,
        },
        facets: { type: 'statement', topics: record.topics, speakers: speaker === undefined ? [] : [record.speaker], year: yearOf(record.date), sourceType: null },
      };
    }
    case 'speaker':
      return {
        fields: {
          title: record.name,
          headings: record.roles.map((role) => [role.title, role.organisation].filter(Boolean).join(', ')).join('\n'),
          people: record.name,
          body: record.prose,
        },
        facets: { type: 'speaker', topics: record.topics, speakers: [record.id], year: null, sourceType: null },
      };
    case 'event':
      return {
        fields: {
          title: record.title,
          headings: [record.place ?? '', record.organiser ?? ''].filter(Boolean).join('\n'),
          people: '',
          body: record.prose,
        },
        facets: { type: 'event', topics: record.topics, speakers: [], year: yearOf(record.date ?? record.start), sourceType: null },
      };
    case 'topic':
      return {
        fields: { title: record.label, headings: '', people: '', body: record.description ?? '' },
        facets: { type: 'topic', topics: [record.id], speakers: [], year: null, sourceType: null },
      };
    case 'source': {
      const csl = record.csl as Record<string, unknown>;
      const identifiers = ['authority', 'number', 'container-title', 'publisher', 'genre']
        .map((field) => csl[field])
        .filter((value) => typeof value === 'string');
      return {
        fields: {
          title: String(csl.title ?? record.key),
          headings: [record.key, ...identifiers].join('\n'),
          people: names(csl),
          body: [typeof csl.note === 'string' ? csl.note : '', record.archivedText?.text ?? ''].filter(Boolean).join('\n'),
        },
        facets: { type: 'source', topics: record.topics, speakers: [], year: issuedYear(csl), sourceType: String(csl.type) },
      };
    }
  }
}

function refOf(record: CorpusRecord): RecordRef {
  return record.type === 'source' ? { type: 'source', id: record.key } : ({ type: record.type, id: record.id } as RecordRef);
}

/** Every record of the corpus as a search document. */
export function searchDocuments(corpus: Corpus): SearchDocument[] {
  const records: CorpusRecord[] = [
    ...corpus.memos.values(),
    ...corpus.statements.values(),
    ...corpus.sources.values(),
    ...corpus.speakers.values(),
    ...corpus.events.values(),
    ...corpus.topics.values(),
  ];
  return records.map((record) => {
    const { fields, facets } = describeRecord(corpus, record);
    const visibility = record.type === 'topic' ? 'public' : record.visibility;
    const digest = createHash('sha256').update(JSON.stringify([fields, facets, visibility])).digest('base64url').slice(0, 22);
    return { ref: refKey(refOf(record)), visibility, fields, facets, digest };
  });
}
