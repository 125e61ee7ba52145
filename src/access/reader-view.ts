/**
 * What one reader may see of the linked corpus. Every page, API response, export, graph and search
 * goes through a CorpusView, so the rule "internal records are for signed-in readers only" is
 * applied in one place, and always by reference: a sentence, a problem or an export entry is shown
 * by the records it refers to, never by searching its text for hidden names.
 */
import { isCiteKey, isEventId, isMemoId, isSpeakerId, isStatementId, isTopicId } from '../model/ids.js';
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
import { sentenceText, type SentenceSpan } from '../model/sentence.js';
import { CitationFormatter } from '../corpus/citations/format.js';
import type { RecordReader } from '../corpus/serialize.js';
import { leadingWords } from '../model/words.js';

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

  /** Whether this reader may see the record a reference points at (a missing record is not hidden, just absent). */
  mayFollow(ref: RecordRef): boolean {
    const record = this.lookup(ref);
    return record === undefined || this.isVisible(record);
  }

  /**
   * A text as this reader sees it: whole when every record its spans name may be seen, otherwise
   * rebuilt from the spans without those that name a hidden record. The same for a hidden record
   * as for one that does not exist, so the answer tells nothing of what is hidden.
   */
  textFor(full: string, spans: readonly SentenceSpan[] | null): string {
    if (spans === null || this.includeInternal) return full;
    const everyVisible = spans.every((span) => span.refs === undefined || span.refs.every((ref) => this.get(ref) !== undefined));
    return everyVisible ? full : sentenceText(spans, (ref) => this.get(ref) !== undefined);
  }

  /** What the JSON of records needs to know of this reader. */
  recordReader(): RecordReader {
    return { backlinks: (ref) => this.backlinks(ref), visible: (ref) => this.get(ref) !== undefined, text: (full, spans) => this.textFor(full, spans) };
  }

  /** A backlink's citing sentence as this reader sees it. */
  sentenceOf(backlink: Backlink): string | null {
    return backlink.sentence === null ? null : this.textFor(backlink.sentence, backlink.sentenceSpans);
  }

  /**
   * The citation formatter for what this reader may see: a hidden source by the same author in the
   * same year must not turn "(2010)" into "(2010b)", nor shift a Vancouver number.
   */
  formatter(): CitationFormatter {
    return this.formatterSucceeding(null);
  }

  /**
   * The formatter, made (the first time it is asked for) by taking over what `previous`, a
   * formatter of an earlier corpus that is no longer used, worked out for the same sources (see
   * CitationFormatter.succeeding).
   */
  formatterSucceeding(previous: CitationFormatter | null): CitationFormatter {
    // One per corpus and audience (citeproc engines are costly, and the corpus is frozen).
    const lists = readerLists(this.corpus, this.includeInternal);
    if (lists.formatter === null) {
      const visible = new Map([...this.corpus.sources].filter(([, source]) => this.isVisible(source)));
      lists.formatter = CitationFormatter.succeeding(previous, visible);
    }
    return lists.formatter;
  }

  /**
   * Whether this view is writing down what it is asked (the static build's recording view, while it
   * renders a page): answers worked out through it then must be asked again, not shared between
   * views of the same corpus.
   */
  get recordsQuestions(): boolean {
    return false;
  }

  isVisible(record: CorpusRecord): boolean {
    return this.includeInternal || record.type === 'topic' || record.visibility === 'public';
  }

  memo(id: string): Memo | undefined {
    return isMemoId(id) ? (this.get({ type: 'memo', id }) as Memo | undefined) : undefined;
  }
  statement(id: string): Statement | undefined {
    return isStatementId(id) ? (this.get({ type: 'statement', id }) as Statement | undefined) : undefined;
  }
  speaker(id: string): Speaker | undefined {
    return isSpeakerId(id) ? (this.get({ type: 'speaker', id }) as Speaker | undefined) : undefined;
  }
  event(id: string): CorpusEvent | undefined {
    return isEventId(id) ? (this.get({ type: 'event', id }) as CorpusEvent | undefined) : undefined;
  }
  topic(id: string): Topic | undefined {
    return isTopicId(id) ? (this.get({ type: 'topic', id }) as Topic | undefined) : undefined;
  }
  source(key: string): Source | undefined {
    return isCiteKey(key) ? (this.get({ type: 'source', id: key }) as Source | undefined) : undefined;
  }

  private ownLists: ReaderLists | null = null;

  /** The lists this view works out once: shared with every view of the corpus with the same audience, unless this one decides visibility otherwise. */
  private lists(): ReaderLists {
    if (this.isVisible !== CorpusView.prototype.isVisible) return (this.ownLists ??= { visible: new Map(), statementsByField: null, formatter: null });
    return readerLists(this.corpus, this.includeInternal);
  }

  /**
   * The records of one map this reader may see, in the map's order: a copy the caller may sort.
   * Worked out once per corpus and audience (see readerLists), not once per call: a build asks
   * for the statements many times over, each time 5,000 records' visibility at 1,000 memos.
   */
  private visibleValues<R extends CorpusRecord>(records: ReadonlyMap<string, R>): R[] {
    const lists = this.lists();
    let visible = lists.visible.get(records) as R[] | undefined;
    if (visible === undefined) {
      visible = [...records.values()].filter((record) => this.isVisible(record));
      lists.visible.set(records, visible);
    }
    return [...visible];
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

  /**
   * The statements this reader may see by one speaker or at one event, in corpus order: the
   * index's own list, not to be changed (indexed once per corpus and audience, see readerLists).
   */
  statementsWith(field: 'speaker' | 'event', id: string): readonly Statement[] {
    const lists = this.lists();
    if (lists.statementsByField === null) {
      const index = new Map<string, Statement[]>();
      for (const statement of this.statements()) {
        for (const key of [`speaker:${statement.speaker}`, ...(statement.event === null ? [] : [`event:${statement.event}`])]) {
          const list = index.get(key);
          if (list === undefined) index.set(key, [statement]);
          else list.push(statement);
        }
      }
      lists.statementsByField = index;
    }
    return lists.statementsByField.get(`${field}:${id}`) ?? [];
  }

  /** Incoming references from records this reader may see. */
  backlinks(ref: RecordRef): Backlink[] {
    return backlinksOf(this.corpus, ref).filter((backlink) => this.get(backlink.from) !== undefined);
  }

  /**
   * Whether a record has an incoming reference that `counts`, from a record this reader may see:
   * `backlinks(ref).some(counts)`, without seeing past the first.
   */
  hasBacklink(ref: RecordRef, counts: (backlink: Backlink) => boolean): boolean {
    return backlinksOf(this.corpus, ref).some((backlink) => counts(backlink) && this.get(backlink.from) !== undefined);
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
        const { words, more } = leadingWords(record.text, 12);
        const excerpt = more ? `${words.join(' ')}…` : record.text;
        return speaker === undefined ? `“${excerpt}”` : `${speaker.name}: “${excerpt}”`;
      }
    }
  }
}

/** What a view works out from the whole corpus for its audience, shared by every view of it. */
interface ReaderLists {
  /** By the corpus's map of a type: the records of it the audience may see. */
  readonly visible: Map<ReadonlyMap<string, CorpusRecord>, CorpusRecord[]>;
  /** Statements by `speaker:id` and `event:id`. */
  statementsByField: Map<string, Statement[]> | null;
  /** The citation formatter over the sources the audience may see (see formatterSucceeding). */
  formatter: CitationFormatter | null;
}

/**
 * Per corpus, and per audience (signed-in readers, who see internal records, or the public): the
 * corpus is frozen, so what one view of it works out holds for every view with the same audience —
 * the build's several views of one corpus, or the server's view for each request. Never shared
 * between audiences: a public view's lists are its own.
 */
const listsByCorpus = new WeakMap<Corpus, { all?: ReaderLists; public?: ReaderLists }>();

function readerLists(corpus: Corpus, includeInternal: boolean): ReaderLists {
  let byAudience = listsByCorpus.get(corpus);
  if (byAudience === undefined) {
    byAudience = {};
    listsByCorpus.set(corpus, byAudience);
  }
  const audience = includeInternal ? 'all' : 'public';
  return (byAudience[audience] ??= { visible: new Map(), statementsByField: null, formatter: null });
}
