/**
 * What one reader may see of the corpus, and where each record lives. Every page, API response
 * and export goes through a CorpusView, so the rule "internal records are for signed-in readers
 * only" is applied in one place.
 */
import type { CiteKey, EventId, MemoId, SpeakerId, StatementId, TopicId } from '../model/ids.js';
import {
  backlinksOf,
  recordAt,
  type Backlink,
  type Corpus,
  type CorpusEvent,
  type CorpusRecord,
  type Memo,
  type RecordRef,
  type Source,
  type Speaker,
  type Statement,
  type Topic,
} from '../model/records.js';

/** The path of a record's page; the JSON API mirrors it under /api. */
export function recordPath(ref: RecordRef): string {
  const segment = { memo: 'memos', statement: 'statements', speaker: 'speakers', event: 'events', topic: 'topics', source: 'sources' }[ref.type];
  return `/${segment}/${encodeURIComponent(ref.id)}`;
}

/** The reference to a record. */
export function refOf(record: CorpusRecord): RecordRef {
  return record.type === 'source' ? { type: 'source', id: record.key } : ({ type: record.type, id: record.id } as RecordRef);
}

/** The corpus as one reader sees it. */
export class CorpusView {
  constructor(
    readonly corpus: Corpus,
    /** Signed-in readers see internal records too. */
    readonly includeInternal: boolean,
  ) {}

  /** The record a reference points at, if it exists and this reader may see it. */
  get(ref: RecordRef): CorpusRecord | undefined {
    const record = this.lookup(ref);
    if (record === undefined) return undefined;
    return this.isVisible(record) ? record : undefined;
  }

  private lookup(ref: RecordRef): CorpusRecord | undefined {
    return recordAt(this.corpus, ref.type, ref.id);
  }

  /**
   * Text with the ids and keys of records this reader may not see taken out: a citing sentence
   * of a public memo can name an internal source (`@secret2020 argues…`).
   */
  redact(text: string): string {
    if (this.includeInternal) return text;
    const hidden = hiddenNames(this.corpus);
    if (hidden.length === 0) return text;
    let result = text;
    for (const name of hidden) {
      if (!result.includes(name)) continue;
      const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}_-])${escaped}(?![\\p{L}\\p{N}_-])`, 'gu'), '[withheld]');
    }
    return result;
  }

  isVisible(record: CorpusRecord): boolean {
    return this.includeInternal || record.type === 'topic' || record.visibility === 'public';
  }

  memo(id: string): Memo | undefined {
    return this.get({ type: 'memo', id: id as MemoId }) as Memo | undefined;
  }
  statement(id: string): Statement | undefined {
    return this.get({ type: 'statement', id: id as StatementId }) as Statement | undefined;
  }
  speaker(id: string): Speaker | undefined {
    return this.get({ type: 'speaker', id: id as SpeakerId }) as Speaker | undefined;
  }
  event(id: string): CorpusEvent | undefined {
    return this.get({ type: 'event', id: id as EventId }) as CorpusEvent | undefined;
  }
  topic(id: string): Topic | undefined {
    return this.get({ type: 'topic', id: id as TopicId }) as Topic | undefined;
  }
  source(key: string): Source | undefined {
    return this.get({ type: 'source', id: key as CiteKey }) as Source | undefined;
  }

  private visibleValues<R extends CorpusRecord>(records: ReadonlyMap<string, R>): R[] {
    return [...records.values()].filter((record) => this.isVisible(record));
  }

  memos(): Memo[] {
    return this.visibleValues(this.corpus.memos);
  }
  statements(): Statement[] {
    return this.visibleValues(this.corpus.statements);
  }
  speakers(): Speaker[] {
    return this.visibleValues(this.corpus.speakers);
  }
  events(): CorpusEvent[] {
    return this.visibleValues(this.corpus.events);
  }
  topics(): Topic[] {
    return [...this.corpus.topics.values()];
  }
  sources(): Source[] {
    return this.visibleValues(this.corpus.sources);
  }

  /** Every record of a type that this reader may see. */
  all(type: RecordRef['type']): CorpusRecord[] {
    switch (type) {
      case 'memo':
        return this.memos();
      case 'statement':
        return this.statements();
      case 'speaker':
        return this.speakers();
      case 'event':
        return this.events();
      case 'topic':
        return this.topics();
      case 'source':
        return this.sources();
    }
  }

  /** Incoming references from records this reader may see. */
  backlinks(ref: RecordRef): Backlink[] {
    return backlinksOf(this.corpus, ref).filter((backlink) => this.get(backlink.from) !== undefined);
  }

  /** The title a link to this record shows. */
  titleOf(record: CorpusRecord): string {
    switch (record.type) {
      case 'memo':
      case 'event':
        return record.title;
      case 'speaker':
        return record.name;
      case 'topic':
        return record.label;
      case 'source':
        return String(record.csl.title ?? record.key);
      case 'statement': {
        const speaker = this.speaker(record.speaker);
        const words = record.text.split(/\s+/u);
        const excerpt = words.length > 12 ? `${words.slice(0, 12).join(' ')}…` : record.text;
        return speaker === undefined ? `“${excerpt}”` : `${speaker.name}: “${excerpt}”`;
      }
    }
  }
}

const hiddenNamesCache = new WeakMap<Corpus, string[]>();

/** The ids and cite keys of internal records, longest first. */
export function hiddenNames(corpus: Corpus): string[] {
  let names = hiddenNamesCache.get(corpus);
  if (names === undefined) {
    const internal: string[] = [];
    for (const records of [corpus.memos, corpus.statements, corpus.speakers, corpus.events] as ReadonlyArray<ReadonlyMap<string, { id: string; visibility: string }>>) {
      for (const record of records.values()) if (record.visibility === 'internal') internal.push(record.id);
    }
    for (const source of corpus.sources.values()) if (source.visibility === 'internal') internal.push(source.key);
    names = internal.sort((a, b) => b.length - a.length);
    hiddenNamesCache.set(corpus, names);
  }
  return names;
}
