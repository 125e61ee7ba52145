/** The typed records of a corpus. Parsing copies facts from syntax trees into these once. */
import type { CiteKey, EventId, MemoId, SpeakerId, StatementId, TopicId } from './ids.js';
import { isCiteKey, isEventId, isMemoId, isSpeakerId, isStatementId, isTopicId } from './ids.js';
import type { Place } from './diagnostic.js';

export type Visibility = 'public' | 'internal';
export type RecordType = 'memo' | 'statement' | 'speaker' | 'event' | 'topic' | 'source';

/** A typed pointer to any record. */
export type RecordRef =
  | { readonly type: 'memo'; readonly id: MemoId }
  | { readonly type: 'statement'; readonly id: StatementId }
  | { readonly type: 'speaker'; readonly id: SpeakerId }
  | { readonly type: 'event'; readonly id: EventId }
  | { readonly type: 'topic'; readonly id: TopicId }
  | { readonly type: 'source'; readonly id: CiteKey };

/** Pandoc's three citation modes, spelled as CSL processors and our JSON API spell them. */
export type CitationMode = 'normal' | 'author-in-text' | 'suppress-author';

/** One cited source inside a cluster, with its pinpoint split into label and locator. */
export interface CitationItem {
  readonly key: CiteKey;
  readonly mode: CitationMode;
  /** Plain text before the key, e.g. `see`. */
  readonly prefix: string;
  /** The pinpoint, e.g. `33-35`, or null when none was given. */
  readonly locator: string | null;
  /** The CSL locator label, e.g. `page`, `paragraph`, or null when there is no locator. */
  readonly label: string | null;
  /** Plain text after the locator, e.g. `and passim`. */
  readonly suffix: string;
}

/** A 1-based line and column in the record's file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One citation as Pandoc sees it: a bracketed cluster or an author-in-text reference. */
export interface CitationCluster {
  readonly items: readonly CitationItem[];
  readonly position: Position;
  /** The sentence of the body that carries the citation, as plain text. */
  readonly sentence: string;
  /** The same sentence as spans, with the records each names: what a reader sees is decided by these. */
  readonly sentenceSpans: readonly SentenceSpan[];
}

/** A `[[wiki-link]]` or `![[embed]]` from one record's body to another record. */
export interface WikiLink {
  readonly target: RecordRef;
  readonly label: string | null;
  readonly embed: boolean;
  readonly position: Position;
  readonly sentence: string;
  /** The sentence as spans, with the records each names. */
  readonly sentenceSpans: readonly SentenceSpan[];
}

/** What every Markdown-bodied record carries: its file, its body and the references in it. */
export interface MarkdownBody {
  readonly file: string;
  /** Where each frontmatter field was written, keyed by its path: `speaker`, `topics.1`. */
  readonly fieldPlaces: Readonly<Record<string, Place>>;
  /** The Markdown source of the body, without frontmatter. */
  readonly body: string;
  /** Where the body starts in the file, so that tree positions can be mapped into `body`. */
  readonly bodyOffset: number;
  /** The file's whole text as read; `bodyTree` parses it again to render (records keep no trees). */
  readonly fileText: string;
  /** The body's headings as plain text, one per line, for the search index. */
  readonly headings: string;
  /** The body's paragraphs, code and table cells as plain text, for the search index. */
  readonly prose: string;
  readonly citations: readonly CitationCluster[];
  readonly links: readonly WikiLink[];
}

/** Where evidence stands towards an element of a legal test. */
export type EvidenceStance = 'supports' | 'opposes' | 'context';

/** An element of a legal test, by its set and its own id: `genocide:specific-intent`. */
export interface ElementRef {
  readonly set: string;
  readonly element: string;
}

/** One `::: {.evidence element=… stance=…}` block of a memo: what it ties to which element. */
export interface EvidenceEntry {
  readonly element: ElementRef;
  readonly stance: EvidenceStance;
  /** The block's own words, as plain text. */
  readonly reasoning: string;
  /** The reasoning as spans, with the records each names. */
  readonly reasoningSpans: readonly SentenceSpan[];
  /** The records it relies on: sources (with pinpoints), statements, memos. */
  readonly items: ReadonlyArray<{ readonly ref: RecordRef; readonly locator: string | null; readonly label: string | null }>;
  readonly position: Position;
}

/** A legal test broken into its elements, each with the authority that defines it. */
export interface ElementSet {
  readonly type: 'element-set';
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly description: string | null;
  readonly elements: ReadonlyArray<{
    readonly id: string;
    readonly label: string;
    readonly description: string | null;
    readonly authority: { readonly key: CiteKey; readonly locator: string | null } | null;
  }>;
}

export interface Memo extends MarkdownBody {
  readonly type: 'memo';
  readonly id: MemoId;
  readonly title: string;
  readonly summary: string | null;
  readonly topics: readonly TopicId[];
  readonly jurisdiction: string | null;
  readonly status: 'draft' | 'final' | null;
  readonly visibility: Visibility;
  readonly authors: readonly string[];
  readonly updated: string | null;
  /** What the memo ties to the elements of legal tests. */
  readonly evidence: readonly EvidenceEntry[];
}

export type StatementKind = 'verbatim' | 'paraphrase' | 'translation';

export interface Statement extends MarkdownBody {
  readonly type: 'statement';
  readonly id: StatementId;
  readonly speaker: SpeakerId;
  readonly role: string | null;
  readonly event: EventId | null;
  readonly date: string | null;
  readonly language: string | null;
  readonly kind: StatementKind;
  readonly source: CiteKey;
  readonly locator: string | null;
  readonly topics: readonly TopicId[];
  readonly visibility: Visibility;
  /** The statement's words as plain text. */
  readonly text: string;
}

export interface SpeakerRole {
  readonly title: string;
  readonly organisation: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

export interface Speaker extends MarkdownBody {
  readonly type: 'speaker';
  readonly id: SpeakerId;
  readonly name: string;
  readonly roles: readonly SpeakerRole[];
  readonly topics: readonly TopicId[];
  readonly visibility: Visibility;
}

export interface CorpusEvent extends MarkdownBody {
  readonly type: 'event';
  readonly id: EventId;
  readonly title: string;
  readonly date: string | null;
  readonly start: string | null;
  readonly end: string | null;
  readonly place: string | null;
  readonly online: boolean;
  readonly organiser: string | null;
  readonly source: CiteKey | null;
  readonly topics: readonly TopicId[];
  readonly visibility: Visibility;
}

export interface Topic {
  readonly type: 'topic';
  readonly id: TopicId;
  readonly file: string;
  readonly position: Position;
  readonly label: string;
  readonly description: string | null;
  readonly broader: TopicId | null;
  /** Other words for the topic, which search treats as the label (optional in topics.yaml). */
  readonly synonyms?: readonly string[];
}

/** A CSL-JSON item as citation-js produces it; dossier's own fields live under `custom`. */
export interface CslItem {
  readonly id: string;
  readonly type: string;
  readonly [field: string]: unknown;
}

/** Whether a source's details were checked against the document itself. */
export interface Verification {
  readonly verified: boolean;
  /** What was checked, or what could not be, in the compiler's words. */
  readonly note: string | null;
}

export interface Source {
  readonly type: 'source';
  readonly key: CiteKey;
  readonly file: string;
  readonly position: Position;
  readonly csl: CslItem;
  readonly verification: Verification;
  readonly topics: readonly TopicId[];
  readonly visibility: Visibility;
  /** The archived full text of the source, from `citations/texts/<key>.txt` or `.md`. */
  readonly archivedText: { readonly file: string; readonly text: string } | null;
}

export type CorpusRecord = Memo | Statement | Speaker | CorpusEvent | Topic | Source;

/** How a record points at another: a citation, a wiki-link, an embed, a frontmatter field, or a reference found in an archived text. */
export type BacklinkVia = 'citation' | 'link' | 'embed' | 'field' | 'mention';

/** One incoming reference to a record: from where, how, and in which sentence. */
export interface Backlink {
  readonly from: RecordRef;
  readonly via: BacklinkVia;
  /** For `field` backlinks, the frontmatter field that names the record. */
  readonly field: string | null;
  readonly place: Place;
  readonly sentence: string | null;
  /** The sentence as spans, with the records each names (null with the sentence). */
  readonly sentenceSpans: readonly SentenceSpan[] | null;
  readonly locator: string | null;
  readonly label: string | null;
  /** For a `mention` in an archived text, where in the citing text it is (`p. 14`, `line 210`). */
  readonly at?: string | null;
}

/** More names for an instrument, from a corpus's `corpus/aliases.yaml` (read by src/detect). */
export interface InstrumentAlias {
  readonly id: string;
  readonly title: string | null;
  readonly names: readonly string[];
  readonly key?: string;
}

/** The linked, frozen corpus that every reader (server, CLI, exports) works from. */
export interface Corpus {
  readonly root: string;
  readonly memos: ReadonlyMap<MemoId, Memo>;
  readonly statements: ReadonlyMap<StatementId, Statement>;
  readonly speakers: ReadonlyMap<SpeakerId, Speaker>;
  readonly events: ReadonlyMap<EventId, CorpusEvent>;
  readonly topics: ReadonlyMap<TopicId, Topic>;
  readonly sources: ReadonlyMap<CiteKey, Source>;
  /** The legal tests memos tie evidence to, by id. */
  readonly elementSets: ReadonlyMap<string, ElementSet>;
  /** Incoming references, keyed by `refKey(target)`. */
  readonly backlinks: ReadonlyMap<string, readonly Backlink[]>;
  readonly diagnostics: readonly import('./diagnostic.js').Diagnostic[];
  /** The instruments authority detection knows by name: the built-in ones with the corpus's aliases. */
  readonly instruments?: readonly InstrumentAlias[];
  /**
   * The records each diagnostic is about beyond the file it is in (a citation's target, the source
   * a verbatim statement was checked against): the access layer shows a problem by these.
   */
  readonly diagnosticSubjects: ReadonlyMap<import('./diagnostic.js').Diagnostic, readonly RecordRef[]>;
  /** Folders whose `_defaults` make their records internal. */
  readonly internalFolders: readonly string[];
}

/** The reference to a record of this type with this id, or null when the id cannot be one (unchecked input welcome). */
export function recordRefOf(type: RecordRef['type'], id: string): RecordRef | null {
  switch (type) {
    case 'memo':
      return isMemoId(id) ? { type, id } : null;
    case 'statement':
      return isStatementId(id) ? { type, id } : null;
    case 'speaker':
      return isSpeakerId(id) ? { type, id } : null;
    case 'event':
      return isEventId(id) ? { type, id } : null;
    case 'topic':
      return isTopicId(id) ? { type, id } : null;
    case 'source':
      return isCiteKey(id) ? { type, id } : null;
  }
}

/** A stable string for a record reference, e.g. `statement:robertson-fatwa`. */
export function refKey(ref: RecordRef): string {
  return `${ref.type}:${ref.id}`;
}

/** Every record of one type, by id (sources by cite key), in the corpus's order. */
export function recordsOf(corpus: Corpus, type: RecordRef['type']): ReadonlyMap<string, CorpusRecord> {
  return { memo: corpus.memos, statement: corpus.statements, speaker: corpus.speakers, event: corpus.events, topic: corpus.topics, source: corpus.sources }[type];
}

/** The record a reference points at, if the corpus holds it. */
export function recordAt(corpus: Corpus, type: RecordRef['type'], id: string): CorpusRecord | undefined {
  switch (type) {
    case 'memo':
      return isMemoId(id) ? corpus.memos.get(id) : undefined;
    case 'statement':
      return isStatementId(id) ? corpus.statements.get(id) : undefined;
    case 'speaker':
      return isSpeakerId(id) ? corpus.speakers.get(id) : undefined;
    case 'event':
      return isEventId(id) ? corpus.events.get(id) : undefined;
    case 'topic':
      return isTopicId(id) ? corpus.topics.get(id) : undefined;
    case 'source':
      return isCiteKey(id) ? corpus.sources.get(id) : undefined;
  }
}

/** The incoming references of a record, oldest file position first. */
export function backlinksOf(corpus: Corpus, ref: RecordRef): readonly Backlink[] {
  return corpus.backlinks.get(refKey(ref)) ?? [];
}

/** One stretch of a sentence; `refs` are the records it names, when it names any. */
export interface SentenceSpan {
  readonly text: string;
  readonly refs?: readonly RecordRef[];
}
