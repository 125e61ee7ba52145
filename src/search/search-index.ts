/**
 * The searchable index of a corpus: its shards, the facets of every record, and the query path —
 * run the prepared query on every shard the reader may search, keep candidates that hold the
 * phrases, rank those matching all terms first, filter and count facets, page, and cut snippets.
 */
import lunr from './lunr.js';
import { LRUCache } from 'lru-cache';
import { recordAt, type Corpus, type CorpusRecord, type RecordRef, type Visibility } from '../model/records.js';
import { isSpeakerId, isTopicId } from '../model/ids.js';
import { RECORD_TYPE_NAMES } from '../model/record-types.js';
import { describeRecord, DOCUMENT_TYPE_LABELS, SEARCH_FIELDS, type Facets, type SearchField, type SearchFields } from './documents.js';
import { pipelineTokens, prepareQuery, QueryError, QUERY_LIMITS, spanOf, type Phrase, type PreparedQuery } from './query.js';
import { analysisFor, plainWords } from './analysis.js';
import { decodePositions, flatPositions, serialiseIndex, type EncodedPositions } from './persist.js';
import { FacetTable } from './facet-table.js';
import { queryLunrIndex, type QueryResult } from './lunr-query.js';

export type FacetName = 'type' | 'topic' | 'speaker' | 'year' | 'sourceType' | 'court';
export const FACET_NAMES: readonly FacetName[] = ['type', 'topic', 'speaker', 'year', 'sourceType', 'court'];

/** The orders results can be given in: best match first, or newest first. */
export type SearchSort = 'relevance' | 'date';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'date'];

export type SearchFilters = Partial<Record<FacetName, string>>;

export interface SearchRequest {
  readonly q: string;
  readonly filters?: SearchFilters;
  readonly page?: number;
  readonly size?: number;
  /** Relevance (the default) or date, newest first. */
  readonly sort?: SearchSort;
  /** Signed-in readers search internal records too. */
  readonly includeInternal: boolean;
}

export interface FacetValue {
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

export interface SearchHit {
  readonly ref: string;
  readonly type: RecordRef['type'];
  readonly id: string;
  readonly title: string;
  readonly score: number;
  /** How many of the query's terms the record matches. */
  readonly matchedTerms: number;
  /** Escaped text with the matched words in <mark>. */
  readonly snippetHtml: string;
}

export interface SearchResult {
  readonly query: string;
  readonly filters: SearchFilters;
  readonly total: number;
  readonly sort: SearchSort;
  readonly page: number;
  readonly size: number;
  readonly pages: number;
  readonly terms: number;
  readonly hits: readonly SearchHit[];
  readonly facets: Readonly<Record<FacetName, readonly FacetValue[]>>;
}

/**
 * One shard of the plan as loaded: its base index, and, after a live edit, a small delta index of
 * the records changed since the base was built. The base's results for those records (and for
 * records deleted since) are masked, so every record is found in exactly one place.
 */
export interface LoadedShard {
  /** The plan's shard name (`public-3`): a later plan's shard of the same name holds the same records. */
  readonly name: string;
  /** The plan's content key: equal keys, equal contents. */
  readonly key: string;
  readonly visibility: Visibility;
  readonly index: lunr.Index;
  /** The digest of every record the base index was built from, by ref. */
  readonly digests: ReadonlyMap<string, string>;
  /** Refs whose base results are stale (changed or deleted since): answered by the delta or not at all. */
  readonly masked: ReadonlySet<string>;
  /** The changed records, indexed on their own; null when there are none. */
  readonly delta: lunr.Index | null;
  /** The base index serialised, when it was read or built that way: a query worker loads it without serialising again. */
  readonly bytes?: Buffer | null;
}

/**
 * What a search reads besides the index: each record's field texts (for snippets and phrase
 * checks) and the labels of facet values. From the corpus in the main thread; from a snapshot of
 * the documents in a query worker.
 */
export interface SearchTexts {
  fields(ref: string): SearchFields | null;
  label(facet: 'topic' | 'speaker', value: string): string | undefined;
  /** Query expansion from the topics: index word → the index words of its synonyms. */
  readonly expansions?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The texts of a corpus: those already worked out for indexing (`known`, by ref) are kept, as the
 * query workers keep them in their snapshot, so a phrase check or a snippet reads a string instead
 * of deriving a record's search text again; any other record's are derived on demand.
 */
export function corpusTexts(corpus: Corpus, known: ReadonlyMap<string, SearchFields> = new Map()): SearchTexts {
  return {
    fields: (ref) => {
      const kept = known.get(ref);
      if (kept !== undefined) return kept;
      const record = recordOf(corpus, ref);
      return record === undefined ? null : describeRecord(corpus, record).fields;
    },
    label: (facet, value) => (facet === 'topic' ? (isTopicId(value) ? corpus.topics.get(value)?.label : undefined) : isSpeakerId(value) ? corpus.speakers.get(value)?.name : undefined),
    expansions: topicExpansions(corpus),
  };
}

/**
 * Synonyms from the topics: a one-word label or synonym finds the topic's other one-word names.
 * (Names of several words are searched as they are; broader topics are not added to a query,
 * since a broader word such as "jurisdiction" would bury the narrower results under its own.)
 */
export function topicExpansions(corpus: Corpus): Map<string, string[]> {
  const expansions = new Map<string, Set<string>>();
  const single = (name: string): string | null => {
    const words = pipelineTokens(name);
    return words.length === 1 ? words[0]! : null;
  };
  for (const topic of corpus.topics.values()) {
    const names = [topic.label, ...(topic.synonyms ?? [])].map(single).filter((word): word is string => word !== null);
    for (const name of names) {
      const set = expansions.get(name) ?? new Set<string>();
      for (const other of names) if (other !== name) set.add(other);
      if (set.size > 0) expansions.set(name, set);
    }
  }
  return new Map([...expansions].map(([word, set]) => [word, [...set]]));
}

/** Everything a query worker needs to answer as this index does, as structured-clonable data. */
export interface SearchSnapshot {
  readonly shards: ReadonlyArray<{ name: string; key: string; visibility: Visibility; bytes: Uint8Array; masked: string[]; delta: Uint8Array | null }>;
  readonly facets: ReadonlyArray<[string, { facets: Facets; visibility: Visibility }]>;
  readonly fields: ReadonlyArray<[string, SearchFields]>;
  readonly labels: ReadonlyArray<[string, string]>;
  readonly expansions: ReadonlyArray<[string, readonly string[]]>;
}

interface Candidate {
  readonly ref: string;
  readonly score: number;
  readonly matchedTerms: number;
  readonly matchData: lunr.MatchData | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const HOT_QUERIES = 256;
/** Candidates the hot-query caches hold in all, whatever the number of queries. */
const HOT_CANDIDATES = 200_000;
const SNIPPET_LENGTH = 240;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** A record from a `type:id` reference. */
function recordOf(corpus: Corpus, ref: string): CorpusRecord | undefined {
  const colon = ref.indexOf(':');
  return recordAt(corpus, ref.slice(0, colon) as RecordRef['type'], ref.slice(colon + 1));
}

/** The facets' values of a record, by facet name. */
function facetValues(facets: Facets): Record<FacetName, readonly string[]> {
  return {
    type: [facets.type],
    topic: facets.topics,
    speaker: facets.speakers,
    year: facets.year === null ? [] : [facets.year],
    sourceType: facets.sourceType === null ? [] : [facets.sourceType],
    court: facets.court === null ? [] : [facets.court],
  };
}

/**
 * A map that forgets its least recently used entries beyond a number of entries or a total
 * weight. Weighed by candidates, the hot-query caches stay small on a large corpus: a common
 * word matches most of ten thousand memos, and its candidates carry Lunr's match data.
 */
class Recent<V> {
  // lru-cache keeps no null or undefined values, and a cached null (no fields) is an answer too.
  private readonly entries: LRUCache<string, { readonly value: V }>;
  constructor(size: number, budget?: number, weigh: (value: V) => number = () => 1) {
    // lru-cache wants sizes of at least 1; an empty result costs one unit, as its entry does.
    this.entries =
      budget === undefined
        ? new LRUCache({ max: size })
        : new LRUCache({ max: size, maxSize: budget, sizeCalculation: (entry) => Math.max(1, weigh(entry.value)) });
  }
  get(key: string, make: () => V): V {
    const found = this.entries.get(key);
    if (found !== undefined) return found.value;
    const value = make();
    // An entry heavier than the whole budget is not kept (lru-cache skips it), as before.
    this.entries.set(key, { value });
    return value;
  }
}

export class SearchIndex {
  private readonly hot = new Recent<Candidate[]>(HOT_QUERIES, HOT_CANDIDATES, (candidates) => candidates.length);
  /** Field texts, derived from the corpus, for snippets and phrase checks. */
  private readonly fieldCache = new Recent<SearchFields | null>(4096);
  /** Filtered candidates and their facet counts, by reader, query and filters. */
  private readonly counted = new Recent<{ filtered: Candidate[]; facets: Record<FacetName, FacetValue[]> }>(
    HOT_QUERIES,
    HOT_CANDIDATES,
    (entry) => entry.filtered.length,
  );


  /** Every record's facet values, numbered once: each query counts them for thousands of candidates. */
  private readonly facetTable: FacetTable<FacetName>;

  constructor(
    private readonly texts: SearchTexts,
    private readonly shards: readonly LoadedShard[],
    private readonly facets: ReadonlyMap<string, { readonly facets: Facets; readonly visibility: Visibility }>,
  ) {
    this.facetTable = new FacetTable(FACET_NAMES, [...facets].map(([ref, entry]) => [ref, facetValues(entry.facets)] as const));
  }

  /** This index as data a query worker can load (see query-worker.ts). */
  snapshot(): SearchSnapshot {
    const labels: Array<[string, string]> = [];
    const fields: Array<[string, SearchFields]> = [];
    for (const [ref, entry] of this.facets) {
      const found = this.texts.fields(ref);
      if (found !== null) fields.push([ref, found]);
      for (const topic of entry.facets.topics) labels.push([`topic:${topic}`, this.texts.label('topic', topic) ?? topic]);
      for (const speaker of entry.facets.speakers) labels.push([`speaker:${speaker}`, this.texts.label('speaker', speaker) ?? speaker]);
    }
    return {
      shards: this.shards.map((shard) => ({
        name: shard.name,
        key: shard.key,
        visibility: shard.visibility,
        bytes: shard.bytes ?? serialiseIndex(shard.index),
        masked: [...shard.masked],
        delta: shard.delta === null ? null : serialiseIndex(shard.delta),
      })),
      facets: [...this.facets],
      fields,
      labels,
      expansions: [...(this.texts.expansions ?? new Map<string, readonly string[]>())],
    };
  }

  /** The shards as loaded, by name, so that the next generation can keep those that did not change. */
  shardsByName(): ReadonlyMap<string, LoadedShard> {
    return new Map(this.shards.map((shard) => [shard.name, shard]));
  }

  /** Runs a search; throws QueryError for a malformed or too costly query. */
  search(request: SearchRequest): SearchResult {
    const q = request.q.trim();
    const filters = request.filters ?? {};
    const size = Math.min(Math.max(1, Math.floor(request.size ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
    const prepared = q === '' ? null : prepareQuery(q, this.texts.expansions);
    const sort = request.sort ?? 'relevance';
    const audience = request.includeInternal ? 'all' : 'public';
    // Filtering and counting facets walk every candidate; a hot query's next page reuses both.
    const { filtered, facets } = this.counted.get(`${audience}\u0000${q}\u0000${FACET_NAMES.map((name) => filters[name] ?? '').join('\u0001')}`, () => {
      const ranked = this.rankedCandidates(q, prepared, request.includeInternal);
      const passes = this.facetTable.filter(filters);
      const kept = FACET_NAMES.some((name) => filters[name] !== undefined) ? ranked.filter((candidate) => passes(this.facetTable.ordinal(candidate.ref))) : ranked;
      return { filtered: kept, facets: this.countFacets(kept) };
    });
    const pages = Math.max(1, Math.ceil(filtered.length / size));
    const page = Math.min(Math.max(1, Math.floor(request.page ?? 1)), pages);
    const ordered = sort === 'date' ? this.byDate(filtered) : filtered;
    const hits = ordered.slice((page - 1) * size, page * size).map((candidate) => this.hit(candidate));
    return {
      query: q,
      filters,
      total: filtered.length,
      sort,
      page,
      size,
      pages,
      terms: prepared?.termMatchers.length ?? 0,
      hits,
      facets,
    };
  }

  /** Newest first; records without a date last; equal dates in order of relevance. */
  private byDate(candidates: readonly Candidate[]): Candidate[] {
    const dateOf = (ref: string): string => this.facets.get(ref)?.facets.date ?? '';
    return candidates
      .map((candidate, rank) => ({ candidate, rank, date: dateOf(candidate.ref) }))
      .sort((a, b) => (a.date === b.date ? a.rank - b.rank : a.date < b.date ? 1 : -1))
      .map(({ candidate }) => candidate);
  }

  /** The candidates of a query for one kind of reader, best first; cached for hot queries. */
  private rankedCandidates(q: string, prepared: PreparedQuery | null, includeInternal: boolean): Candidate[] {
    const key = `${includeInternal ? 'all' : 'public'}\u0000${q}`;
    return this.hot.get(key, () => (prepared === null ? this.everything(includeInternal) : this.run(prepared, includeInternal)));
  }

  private everything(includeInternal: boolean): Candidate[] {
    return [...this.facets.entries()]
      .filter(([, entry]) => includeInternal || entry.visibility === 'public')
      .map(([ref]) => ({ ref, score: 0, matchedTerms: 0, matchData: null }))
      .sort((a, b) => (a.ref < b.ref ? -1 : 1));
  }

  private run(prepared: PreparedQuery, includeInternal: boolean): Candidate[] {
    if (prepared.clauses.length === 0) {
      // Only stop words, held by no index: every record is a candidate, and its text decides.
      return this.everything(includeInternal).filter((candidate) => this.holdsPhrases(candidate.ref, null, prepared));
    }
    const candidates: Candidate[] = [];
    for (const shard of this.shards) {
      if (!includeInternal && shard.visibility !== 'public') continue;
      // Each wildcard and fuzzy term is expanded once per index, to count it and to query with.
      const ask = (index: lunr.Index): QueryResult[] => queryLunrIndex(index, expandedClauses(index, prepared));
      const base = shard.masked.size === 0 ? ask(shard.index) : ask(shard.index).filter((result) => !shard.masked.has(result.ref));
      const results = shard.delta === null ? base : [...base, ...ask(shard.delta)];
      for (const result of results) {
        if (prepared.phrases.length > 0 && !this.holdsPhrases(result.ref, result.matchData, prepared)) continue;
        const matchedTerms = prepared.termMatchers.filter((matches) => result.terms.some(matches)).length;
        candidates.push({ ref: result.ref, score: result.score, matchedTerms, matchData: result.matchData });
      }
    }
    // All terms before some; then Lunr's score; then a stable order.
    return candidates.sort((a, b) => b.matchedTerms - a.matchedTerms || b.score - a.score || (a.ref < b.ref ? -1 : 1));
  }

  private fieldsOf(ref: string): SearchFields | null {
    return this.fieldCache.get(ref, () => this.texts.fields(ref));
  }

  /**
   * Whether a candidate holds every phrase: its words one after another, stop words included,
   * with nothing between them but spaces and punctuation. The positions Lunr found for the
   * phrase's indexed words say where to look, so only short stretches of text are read; a
   * phrase of stop words only (which the index does not hold) is looked for in the whole text.
   * The record's texts are worked out only when the positions leave a place the phrase may
   * stand: most candidates of a phrase hold its words, but nowhere near each other.
   */
  private holdsPhrases(ref: string, matchData: lunr.MatchData | null, prepared: PreparedQuery): boolean {
    const metadata = (matchData?.metadata ?? {}) as Record<string, Record<string, { position?: EncodedPositions }>>;
    // A field where one of a phrase's indexed words is missing cannot hold it: that is known from
    // the match data alone, before the record's texts are worked out.
    const possible = (phrase: Phrase, name: SearchField): boolean =>
      phrase.stopWordsOnly || phrase.words.every((word) => word.stop || metadata[word.key]?.[name] !== undefined);
    const namesOf = (phrase: Phrase): SearchField[] =>
      (phrase.field === null ? SEARCH_FIELDS.map((field) => field.name) : [phrase.field]).filter((name) => possible(phrase, name));
    if (prepared.phrases.some((phrase) => namesOf(phrase).length === 0)) return false;
    let fields: SearchFields | null | undefined;
    const fieldsNow = (): SearchFields | null => (fields === undefined ? (fields = this.fieldsOf(ref)) : fields);
    const holds = prepared.phrases.every((phrase) => {
      return namesOf(phrase).some((name) => {
        if (phrase.stopWordsOnly) {
          const text = fieldsNow()?.[name];
          return text !== undefined && phraseAt(text, 0, text.length, phrase, 0, null);
        }
        return phraseFromPositions(() => fieldsNow()?.[name] ?? null, phrase, (key) => flatPositions(metadata[key]?.[name]?.position));
      });
    });
    // A record without texts holds no phrase, even one the positions alone could vouch for.
    return holds && fieldsNow() !== null;
  }

  private countFacets(candidates: readonly Candidate[]): Record<FacetName, FacetValue[]> {
    const counts = this.facetTable.count(candidates.map((candidate) => this.facetTable.ordinal(candidate.ref)));
    const result = {} as Record<FacetName, FacetValue[]>;
    for (const name of FACET_NAMES) {
      result[name] = counts[name]
        .map(({ value, count }) => ({ value, count, label: this.facetLabel(name, value) }))
        .sort((a, b) => (name === 'year' ? b.value.localeCompare(a.value) : b.count - a.count || a.label.localeCompare(b.label)));
    }
    return result;
  }

  private facetLabel(name: FacetName, value: string): string {
    if (name === 'type') return RECORD_TYPE_NAMES[value as RecordRef['type']]?.plural ?? value;
    if (name === 'topic' || name === 'speaker') return this.texts.label(name, value) ?? value;
    if (name === 'sourceType') return DOCUMENT_TYPE_LABELS[value] ?? value.replace(/[_-]/g, ' ');
    return value;
  }

  private hit(candidate: Candidate): SearchHit {
    const colon = candidate.ref.indexOf(':');
    const fields = this.fieldsOf(candidate.ref) ?? { title: candidate.ref, headings: '', people: '', body: '', citing: '' };
    return {
      ref: candidate.ref,
      type: candidate.ref.slice(0, colon) as RecordRef['type'],
      id: candidate.ref.slice(colon + 1),
      title: fields.title,
      score: candidate.score,
      matchedTerms: candidate.matchedTerms,
      snippetHtml: snippet(fields, candidate.matchData, colon === 'source'.length && candidate.ref.startsWith('source:')),
    };
  }
}

/** What a phrase check needs of a phrase besides positions, worked out once per phrase. */
interface PhraseShape {
  /** The word numbers of the phrase's indexed words. */
  readonly content: readonly number[];
  /** For each indexed word after the first: the stop words between it and the one before, joined by spaces. */
  readonly between: readonly string[];
  readonly leading: string;
  readonly leadingCount: number;
  readonly trailing: string;
  readonly trailingCount: number;
  /** How far before the first and after the last indexed word to read for the leading and trailing stop words. */
  readonly reach: number;
}

const phraseShapes = new WeakMap<Phrase, PhraseShape>();

function shapeOf(phrase: Phrase): PhraseShape {
  let shape = phraseShapes.get(phrase);
  if (shape === undefined) {
    const content = phrase.words.flatMap((word, index) => (word.stop ? [] : [index]));
    const stopWordsBetween = (from: number, to: number) => phrase.words.slice(from, to).map((word) => word.key).join(' ');
    const leading = stopWordsBetween(0, content[0]!);
    const trailing = stopWordsBetween(content[content.length - 1]! + 1, phrase.words.length);
    const leadingCount = leading.split(' ').length;
    const trailingCount = trailing.split(' ').length;
    shape = {
      content,
      between: content.map((index, k) => (k === 0 ? '' : stopWordsBetween(content[k - 1]! + 1, index))),
      leading,
      leadingCount,
      trailing,
      trailingCount,
      reach: 12 * Math.max(leadingCount, trailingCount) + 12,
    };
    phraseShapes.set(phrase, shape);
  }
  return shape;
}

/** The longest stretch between two of a phrase's words that is read at all: longer, and the words are too far apart. */
const MAX_PHRASE_GAP = 80;

/**
 * Whether a phrase with indexed words stands in a text, from the positions Lunr found for those
 * words (flat `[start, length, …]` lists, see flatPositions): each next indexed word is the
 * nearest after the previous one, and what stands between them, before the first and after the
 * last is read (a few words) and must be exactly the phrase's stop words there. Only those short
 * stretches are read, never the whole text; and the text is asked for only once the positions
 * alone put every word close enough to the one before (null: no text, so no phrase).
 */
function phraseFromPositions(textOf: () => string | null, phrase: Phrase, positionsOf: (key: string) => Int32Array): boolean {
  const shape = shapeOf(phrase);
  const { content } = shape;
  const lists = content.map((index) => positionsOf(phrase.words[index]!.key));
  if (lists.some((list) => list.length === 0)) return false;
  let text: string | null | undefined;
  const textNow = (): string | null => (text === undefined ? (text = textOf()) : text);
  // Each list is sorted and the first word's occurrences are taken in order, so the nearest
  // occurrence of each next word only moves forward: one pointer per list, not a search from its start.
  const pointers = new Int32Array(lists.length);
  const first = lists[0]!;
  for (let at = 0; at < first.length; at += 2) {
    const start = first[at]!;
    let cursor = start + first[at + 1]!;
    let holds = true;
    for (let k = 1; k < content.length && holds; k++) {
      const list = lists[k]!;
      let pointer = pointers[k]!;
      while (pointer < list.length && list[pointer]! < cursor) pointer += 2;
      pointers[k] = pointer;
      const nextStart = pointer < list.length ? list[pointer]! : -1;
      if (nextStart === -1 || nextStart - cursor > MAX_PHRASE_GAP) {
        holds = false;
        break;
      }
      const source = textNow();
      if (source === null) return false;
      if (plainWords(source.slice(cursor, nextStart)).map((word) => word.word).join(' ') !== shape.between[k]) holds = false;
      cursor = nextStart + list[pointer + 1]!;
    }
    if (!holds) continue;
    const source = textNow();
    if (source === null) return false;
    if (shape.leading !== '' && plainWords(source.slice(Math.max(0, start - shape.reach), start)).slice(-shape.leadingCount).map((word) => word.word).join(' ') !== shape.leading) continue;
    if (shape.trailing !== '' && plainWords(source.slice(cursor, cursor + shape.reach)).slice(0, shape.trailingCount).map((word) => word.word).join(' ') !== shape.trailing) continue;
    return true;
  }
  return false;
}

/**
 * Whether the phrase stands in text[from, to): with its word number `anchor` at the given
 * occurrence, or anywhere when there is none.
 */
function phraseAt(text: string, from: number, to: number, phrase: Phrase, anchor: number, occurrence: readonly [number, number] | null): boolean {
  const words = plainWords(text.slice(from, to));
  const matchesAt = (first: number): boolean =>
    phrase.words.every((expected, offset) => {
      const found = words[first + offset];
      if (found === undefined) return false;
      return expected.stop ? found.word === expected.key : searchWordOf(found.word) === expected.key;
    });
  if (occurrence === null) return words.some((_, index) => matchesAt(index));
  const [start, length] = occurrence;
  return words.some((word, index) => word.start + from >= start && word.start + from < start + length && matchesAt(index - anchor));
}

const analysis = analysisFor(lunr);
const searchWordCache = new Map<string, string>();
/** A word as the index holds it; cached, since phrase checks ask for the same words again and again. */
function searchWordOf(word: string): string {
  let found = searchWordCache.get(word);
  if (found === undefined) {
    found = analysis.searchWord(word);
    if (searchWordCache.size > 50_000) searchWordCache.clear();
    searchWordCache.set(word, found);
  }
  return found;
}

/** A Lunr word automaton (TokenSet): the index's words, or those a wildcard or fuzzy term matches. */
interface WordAutomaton {
  intersect(other: WordAutomaton): WordAutomaton;
  toArray(): string[];
}
/** The parts of Lunr's TokenSet that @types/lunr leaves out. */
const TokenSets = lunr.TokenSet as unknown as { fromFuzzyString(term: string, distance: number): WordAutomaton; fromString(term: string): WordAutomaton };

/**
 * The query's clauses for one index, each optional or prohibited wildcard and fuzzy term replaced
 * by the index words it stands for (exact terms with its boost and fields): Lunr would otherwise
 * walk the index's word automaton a second time to find the same words. A required one is left to
 * Lunr, since any one of its words satisfies it. Throws QueryError when a term stands for too many.
 */
function expandedClauses(index: lunr.Index, prepared: PreparedQuery): lunr.Query.Clause[] {
  const clauses: lunr.Query.Clause[] = [];
  for (const clause of prepared.clauses) {
    const fuzzy = (clause.editDistance ?? 0) > 0;
    if (!fuzzy && !clause.term.includes('*')) {
      clauses.push(clause);
      continue;
    }
    const term = fuzzy && clause.usePipeline !== false ? pipelineTokens(clause.term)[0] ?? clause.term : clause.term;
    const automaton = fuzzy ? TokenSets.fromFuzzyString(term, clause.editDistance!) : TokenSets.fromString(term);
    const words = (index as unknown as { tokenSet: WordAutomaton }).tokenSet.intersect(automaton).toArray();
    const count = words.length;
    if (clause.presence === lunr.Query.presence.REQUIRED) clauses.push(clause);
    else for (const word of words) clauses.push({ ...clause, term: word, usePipeline: false, editDistance: 0, wildcard: lunr.Query.wildcard.NONE });
    if (count > QUERY_LIMITS.maxExpansions) {
      throw new QueryError(
        `'${clause.term}${fuzzy ? `~${clause.editDistance}` : ''}' stands for ${count} different words; at most ${QUERY_LIMITS.maxExpansions} are allowed: add letters before the * or lower the ~`,
        ...spanOf(prepared.query, clause.term),
      );
    }
  }
  return clauses;
}

/**
 * A passage of the best field around the first match, with every match in it marked. The
 * positions come from Lunr's position metadata, so stemmed, wildcard and fuzzy matches are marked
 * exactly where they stand.
 */
export function snippet(fields: SearchFields, matchData: lunr.MatchData | null, citedFirst = false): string {
  const positions: Record<string, Array<[number, number]>> = {};
  for (const term of Object.values(matchData?.metadata ?? {})) {
    for (const [field, data] of Object.entries(term as Record<string, { position?: EncodedPositions }>)) {
      (positions[field] ??= []).push(...decodePositions(data.position));
    }
  }
  // What the memos cite a source for says more than a match deep in its full text.
  const order = citedFirst ? (['citing', 'body', 'headings', 'people', 'title'] as const) : (['body', 'headings', 'citing', 'people', 'title'] as const);
  const field = order.find((name) => (positions[name]?.length ?? 0) > 0) ?? 'body';
  const text = fields[field] || fields.title;
  const marks = (positions[field] ?? []).sort((a, b) => a[0] - b[0]);
  const first = marks[0]?.[0] ?? 0;
  // A citing sentence is shown on its own: one line of the field.
  const lineStart = field === 'citing' ? text.lastIndexOf('\n', first) + 1 : 0;
  const lineEnd = field === 'citing' ? (text.indexOf('\n', first) + 1 || text.length + 1) - 1 : text.length;
  let start = Math.max(lineStart, first - Math.floor(SNIPPET_LENGTH / 3));
  if (start > lineStart) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(lineEnd, start + SNIPPET_LENGTH);
  if (end < lineEnd) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  let html = field === 'citing' ? 'cited for: ' : '';
  html += start > lineStart ? '…' : '';
  let at = start;
  for (const [position, length] of marks) {
    if (position < at || position + length > end) continue;
    // Lunr's positions include punctuation stuck to the word ("Raisi,"); the mark does not.
    const written = text.slice(position, position + length);
    const word = written.replace(written.includes('(') ? /[^\p{L}\p{N})]+$/u : /[^\p{L}\p{N}]+$/u, '');
    html += escapeHtml(text.slice(at, position)) + `<mark>${escapeHtml(word)}</mark>`;
    at = position + word.length;
  }
  html += escapeHtml(text.slice(at, end)) + (end < lineEnd ? '…' : '');
  return html.replace(/\s+/g, ' ').trim();
}

/** A snippet's HTML as plain segments, for clients that build the DOM themselves. */
export function snippetSegments(html: string): Array<{ text: string; mark: boolean }> {
  const unescape = (text: string): string =>
    text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
  return html
    .split(/(<mark>[^<]*<\/mark>)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('<mark>') ? { text: unescape(part.slice(6, -7)), mark: true } : { text: unescape(part), mark: false },
    );
}
