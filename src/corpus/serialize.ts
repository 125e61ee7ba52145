/**
 * The JSON shapes of records, as `dossier inspect` prints them and the JSON API serves them:
 * each record's own fields, its outgoing references and its backlinks, never its syntax tree.
 */
import { backlinksOf, recordAt, type Backlink, type Corpus, type CorpusRecord, type MarkdownBody, type RecordRef } from '../model/records.js';
import { isCiteKey, isStatementId } from '../model/ids.js';
import type { SentenceSpan } from '../model/sentence.js';

/**
 * What a reader may see, as the access layer answers it: which records, which backlinks, and a
 * sentence's text without the spans that name what the reader may not see.
 */
export interface RecordReader {
  backlinks(ref: RecordRef): readonly Backlink[];
  visible(ref: RecordRef): boolean;
  text(full: string, spans: readonly SentenceSpan[] | null): string;
}

/** A reader who sees everything: `dossier inspect`. */
function everythingReader(corpus: Corpus): RecordReader {
  return { backlinks: (ref) => backlinksOf(corpus, ref), visible: () => true, text: (full) => full };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function backlinkJson(backlink: Backlink, reader: RecordReader): Json {
  return {
    from: { type: backlink.from.type, id: backlink.from.id },
    via: backlink.via,
    field: backlink.field,
    file: backlink.place.file,
    line: backlink.place.line,
    column: backlink.place.column,
    sentence: backlink.sentence === null ? null : reader.text(backlink.sentence, backlink.sentenceSpans),
    locator: backlink.locator,
    label: backlink.label,
  };
}

function idsFrom(backlinks: readonly Backlink[], type: RecordRef['type'], via?: Backlink['via']): string[] {
  const ids = backlinks.filter((b) => b.from.type === type && (via === undefined || b.via === via)).map((b) => b.from.id as string);
  return [...new Set(ids)];
}

function bodyJson(record: MarkdownBody, reader: RecordReader) {
  return {
    citations: record.citations.map((cluster) => ({
      items: cluster.items.map((item) => ({ ...item })),
      position: { ...cluster.position },
      sentence: reader.text(cluster.sentence, cluster.sentenceSpans),
    })) as unknown as Json,
    links: record.links.map((link) => ({
      target: { type: link.target.type, id: link.target.id },
      label: link.label,
      embed: link.embed,
      position: { ...link.position } as Json,
      sentence: reader.text(link.sentence, link.sentenceSpans),
    })),
  };
}

/** One record with its links and backlinks, as plain JSON, as `reader` may see it (by default, everything). */
export function recordToJson(corpus: Corpus, record: CorpusRecord, reader: RecordReader = everythingReader(corpus)): { [key: string]: Json } {
  const json = unfilteredRecordJson(record, reader);
  return filterReferences(json, (ref) => reader.visible(ref));
}

/** Takes out of a record's JSON every reference to a record the reader may not see. */
function filterReferences(json: { [key: string]: Json }, visible: (ref: RecordRef) => boolean): { [key: string]: Json } {
  const result = { ...json };
  if (Array.isArray(result.citations)) {
    result.citations = (result.citations as Array<{ [key: string]: Json }>)
      .map((cluster) => ({ ...cluster, items: (cluster.items as Array<{ key: string }>).filter((item) => isCiteKey(item.key) && visible({ type: 'source', id: item.key })) as unknown as Json }))
      .filter((cluster) => (cluster.items as Json[]).length > 0);
  }
  if (Array.isArray(result.links)) {
    result.links = (result.links as Array<{ target: { type: RecordRef['type']; id: string } }>).filter((link) => visible(link.target as RecordRef)) as unknown as Json;
  }
  if (Array.isArray(result.evidence)) {
    result.evidence = (result.evidence as Array<{ [key: string]: Json }>).map((entry) => ({
      ...entry,
      items: (entry.items as Array<{ type: RecordRef['type']; id: string }>).filter((item) => visible({ type: item.type, id: item.id } as RecordRef)) as unknown as Json,
    }));
  }
  if (result.type === 'memo' && Array.isArray(result.statements)) {
    result.statements = (result.statements as string[]).filter((id) => isStatementId(id) && visible({ type: 'statement', id }));
  }
  const fields: Array<[string, RecordRef['type']]> = [['speaker', 'speaker'], ['event', 'event'], ['source', 'source']];
  for (const [field, type] of fields) {
    if ((result.type === 'statement' || (result.type === 'event' && field === 'source')) && typeof result[field] === 'string' && !visible({ type, id: result[field] } as RecordRef)) {
      result[field] = null;
    }
  }
  return result;
}

function unfilteredRecordJson(record: CorpusRecord, reader: RecordReader): { [key: string]: Json } {
  const ref: RecordRef = record.type === 'source' ? { type: 'source', id: record.key } : ({ type: record.type, id: record.id } as RecordRef);
  const backlinks = reader.backlinks(ref);
  const common = { backlinks: backlinks.map((backlink) => backlinkJson(backlink, reader)) };
  switch (record.type) {
    case 'memo':
      return {
        type: 'memo',
        id: record.id,
        file: record.file,
        title: record.title,
        summary: record.summary,
        topics: [...record.topics],
        jurisdiction: record.jurisdiction,
        status: record.status,
        visibility: record.visibility,
        authors: [...record.authors],
        updated: record.updated,
        ...bodyJson(record, reader),
        statements: [...new Set(record.links.filter((link) => link.target.type === 'statement').map((link) => link.target.id as string))],
        evidence: record.evidence.map((entry) => ({
          element: `${entry.element.set}:${entry.element.element}`,
          stance: entry.stance,
          reasoning: reader.text(entry.reasoning, entry.reasoningSpans),
          items: entry.items.map((item) => ({ type: item.ref.type, id: item.ref.id, locator: item.locator, label: item.label })),
          position: { ...entry.position },
        })),
        ...common,
      };
    case 'statement':
      return {
        type: 'statement',
        id: record.id,
        file: record.file,
        speaker: record.speaker,
        role: record.role,
        event: record.event,
        date: record.date,
        language: record.language,
        kind: record.kind,
        source: record.source,
        locator: record.locator,
        topics: [...record.topics],
        visibility: record.visibility,
        text: record.text,
        ...bodyJson(record, reader),
        usedBy: idsFrom(backlinks, 'memo'),
        ...common,
      };
    case 'speaker':
      return {
        type: 'speaker',
        id: record.id,
        file: record.file,
        name: record.name,
        roles: record.roles.map((role) => ({ ...role })),
        topics: [...record.topics],
        visibility: record.visibility,
        biography: record.body.trim(),
        ...bodyJson(record, reader),
        statements: idsFrom(backlinks, 'statement', 'field'),
        ...common,
      };
    case 'event':
      return {
        type: 'event',
        id: record.id,
        file: record.file,
        title: record.title,
        date: record.date,
        start: record.start,
        end: record.end,
        place: record.place,
        online: record.online,
        organiser: record.organiser,
        source: record.source,
        topics: [...record.topics],
        visibility: record.visibility,
        description: record.body.trim(),
        ...bodyJson(record, reader),
        statements: idsFrom(backlinks, 'statement', 'field'),
        ...common,
      };
    case 'topic':
      return {
        type: 'topic',
        id: record.id,
        file: record.file,
        label: record.label,
        description: record.description,
        broader: record.broader,
        narrower: idsFrom(backlinks, 'topic'),
        memos: idsFrom(backlinks, 'memo', 'field'),
        statements: idsFrom(backlinks, 'statement', 'field'),
        speakers: idsFrom(backlinks, 'speaker', 'field'),
        events: idsFrom(backlinks, 'event', 'field'),
        sources: idsFrom(backlinks, 'source', 'field'),
        ...common,
      };
    case 'source':
      return {
        type: 'source',
        key: record.key,
        file: record.file,
        position: { ...record.position },
        csl: JSON.parse(JSON.stringify(record.csl)) as Json,
        verification: { ...record.verification },
        topics: [...record.topics],
        visibility: record.visibility,
        archivedText: record.archivedText === null ? null : { file: record.archivedText.file, characters: record.archivedText.text.length },
        citedBy: backlinks.filter((b) => b.via === 'citation').map((backlink) => backlinkJson(backlink, reader)),
        statements: idsFrom(backlinks, 'statement', 'field'),
        ...common,
      };
  }
}

/** Diagnostic counts by severity. */
export function diagnosticCounts(corpus: Corpus): { errors: number; warnings: number } {
  const errors = corpus.diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: corpus.diagnostics.filter((d) => d.severity === 'warning').length };
}

/** The whole linked corpus as JSON. */
export function corpusToJson(corpus: Corpus): { [key: string]: Json } {
  const list = <R extends CorpusRecord>(records: ReadonlyMap<string, R>): Json[] => [...records.values()].map((record) => recordToJson(corpus, record));
  return {
    counts: {
      memos: corpus.memos.size,
      statements: corpus.statements.size,
      speakers: corpus.speakers.size,
      events: corpus.events.size,
      topics: corpus.topics.size,
      sources: corpus.sources.size,
      ...diagnosticCounts(corpus),
    },
    memos: list(corpus.memos),
    statements: list(corpus.statements),
    speakers: list(corpus.speakers),
    events: list(corpus.events),
    topics: list(corpus.topics),
    sources: list(corpus.sources),
    diagnostics: corpus.diagnostics.map((d) => ({ ...d })),
  };
}

/**
 * Finds records by `id`, `type:id` or `@key`. More than one match means the id is shared by
 * records of different types; the caller asks the user to say which.
 */
export function findRecords(corpus: Corpus, query: string): CorpusRecord[] {
  const typed = /^(memo|statement|speaker|event|topic|source):(.+)$/.exec(query);
  const lookups: Array<[RecordRef['type'], string]> = typed
    ? [[typed[1] as RecordRef['type'], typed[2]!]]
    : query.startsWith('@')
      ? [['source', query.slice(1)]]
      : (['memo', 'statement', 'speaker', 'event', 'topic', 'source'] as const).map((type) => [type, query]);
  const found: CorpusRecord[] = [];
  for (const [type, id] of lookups) {
    const record = recordAt(corpus, type, id);
    if (record !== undefined) found.push(record);
  }
  return found;
}
