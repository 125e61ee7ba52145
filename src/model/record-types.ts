/** The one table of record types: how each is spelt in URLs, in messages, on list pages and facets. */
import type { RecordType } from './records.js';

/** The names of one record type. */
export interface RecordTypeNames {
  /** The name the JSON API and the search index give the type (`"type": "memo"`). */
  readonly type: RecordType;
  /** The URL segment of its pages (`/memos/…`), mirrored by the JSON API under `/api`. */
  readonly segment: string;
  /** One record, as messages name it ("There is no memo …"). */
  readonly label: string;
  /** Many records, as list pages and search facets head them. */
  readonly plural: string;
}

/** Every record type, in the order pages and routes list them. */
export const RECORD_TYPES: readonly RecordTypeNames[] = [
  { type: 'memo', segment: 'memos', label: 'memo', plural: 'Memos' },
  { type: 'source', segment: 'sources', label: 'source', plural: 'Sources' },
  { type: 'statement', segment: 'statements', label: 'statement', plural: 'Statements' },
  { type: 'speaker', segment: 'speakers', label: 'speaker', plural: 'Speakers' },
  { type: 'event', segment: 'events', label: 'event', plural: 'Events' },
  { type: 'topic', segment: 'topics', label: 'topic', plural: 'Topics' },
];

/** The names of each record type, by type. */
export const RECORD_TYPE_NAMES: Readonly<Record<RecordType, RecordTypeNames>> = Object.fromEntries(RECORD_TYPES.map((names) => [names.type, names])) as Record<RecordType, RecordTypeNames>;
