/**
 * Every reference a record makes — citations, wiki-links, embeds and id fields — as one list.
 * Validation checks that each target exists; linking turns the same list into backlinks.
 */
import type { Place } from '../model/diagnostic.js';
import type { TopicId } from '../model/ids.js';
import type { BacklinkVia, CorpusEvent, MarkdownBody, Memo, RecordRef, Speaker, Statement, Topic } from '../model/records.js';
import type { LibraryEntry } from './citations/library.js';
import { splitLocator } from '../syntax/locator.js';
import type { SentenceSpan } from '../model/sentence.js';

export interface OutgoingReference {
  readonly from: RecordRef;
  readonly target: RecordRef;
  readonly via: BacklinkVia;
  readonly field: string | null;
  readonly place: Place;
  readonly sentence: string | null;
  readonly sentenceSpans: readonly SentenceSpan[] | null;
  readonly locator: string | null;
  readonly label: string | null;
}

/** A record that can point at others. */
export type ReferringRecord = Memo | Statement | Speaker | CorpusEvent | Topic | (LibraryEntry & { readonly type: 'source' });

function refOf(record: ReferringRecord): RecordRef {
  return record.type === 'source' ? { type: 'source', id: record.key } : ({ type: record.type, id: record.id } as RecordRef);
}

function bodyReferences(from: RecordRef, body: MarkdownBody): OutgoingReference[] {
  const references: OutgoingReference[] = [];
  for (const cluster of body.citations) {
    for (const item of cluster.items) {
      references.push({
        from,
        target: { type: 'source', id: item.key },
        via: 'citation',
        field: null,
        place: { file: body.file, ...cluster.position },
        sentence: cluster.sentence,
        sentenceSpans: cluster.sentenceSpans,
        locator: item.locator,
        label: item.label,
      });
    }
  }
  for (const link of body.links) {
    references.push({
      from,
      target: link.target,
      via: link.embed ? 'embed' : 'link',
      field: null,
      place: { file: body.file, ...link.position },
      sentence: link.sentence,
      sentenceSpans: link.sentenceSpans,
      locator: null,
      label: null,
    });
  }
  return references;
}

/** The references of each record met, kept while it is: a build keeps the frozen records of files that did not change. */
const referencesOf = new WeakMap<ReferringRecord, readonly OutgoingReference[]>();

/**
 * The references a record makes, in the order they appear in its file. They are made from the
 * record alone, so a record met again (the same object) gives the same references (the same
 * objects): their backlinks are then the same objects too, already frozen (see linkCorpus).
 */
export function outgoingReferences(record: ReferringRecord): readonly OutgoingReference[] {
  let references = referencesOf.get(record);
  if (references === undefined) {
    references = Object.freeze(referencesMadeBy(record));
    referencesOf.set(record, references);
  }
  return references;
}

function referencesMadeBy(record: ReferringRecord): OutgoingReference[] {
  const from = refOf(record);
  const references: OutgoingReference[] = [];
  const fieldReference = (target: RecordRef, field: string, place: Place, pinpoint: string | null = null): void => {
    // A statement's `locator: para. 12` is read with the same rules as a citation's suffix.
    const split = pinpoint === null ? null : splitLocator(pinpoint);
    const locator = split?.locator ?? (pinpoint === null ? null : pinpoint.trim());
    const label = split?.label ?? null;
    references.push({ from, target, via: 'field', field, place, sentence: null, sentenceSpans: null, locator, label });
  };
  const topicFields = (topics: readonly TopicId[], places: Readonly<Record<string, Place>>, fallback: Place): void => {
    topics.forEach((id, index) => fieldReference({ type: 'topic', id }, 'topics', places[`topics.${index}`] ?? fallback));
  };
  switch (record.type) {
    case 'topic': {
      const place = { file: record.file, ...record.position };
      if (record.broader !== null) fieldReference({ type: 'topic', id: record.broader }, 'broader', place);
      return references;
    }
    case 'source': {
      const place = { file: record.file, ...record.position };
      topicFields(record.topics, {}, place);
      return references;
    }
    default: {
      const start = { file: record.file, line: 1, column: 1 };
      const places = record.fieldPlaces;
      const placeOf = (field: string): Place => places[field] ?? start;
      if (record.type === 'statement') {
        fieldReference({ type: 'speaker', id: record.speaker }, 'speaker', placeOf('speaker'));
        if (record.event !== null) fieldReference({ type: 'event', id: record.event }, 'event', placeOf('event'));
        fieldReference({ type: 'source', id: record.source }, 'source', placeOf('source'), record.locator);
      }
      if (record.type === 'event' && record.source !== null) {
        fieldReference({ type: 'source', id: record.source }, 'source', placeOf('source'));
      }
      topicFields(record.topics, places, start);
      references.push(...bodyReferences(from, record));
      return references;
    }
  }
}
