/**
 * How dossier turns text into index words, shared by the server and the static site's search
 * (which loads this module's compiled file in the browser): so it imports nothing, and takes
 * Lunr as an argument. The steps, for index and query alike:
 *
 * - legal identifiers are kept whole, in one canonical spelling whatever the spacing a lawyer
 *   types: UN symbols (`A/RES/96(I)`), tribunal case numbers (`IT-98-33-A`, `ICC-01/04-01/06`),
 *   application numbers (`no. 35343/05`), ECLI, OJ references (`OJ L 410I`), treaty series
 *   (`2187 UNTS 3`, `78 U.N.T.S. 277`), national case numbers (`B 15255-19`), and article
 *   pinpoints (`art. 7(1)(i)` is also `article 7(1)` and `article 7`);
 * - diacritics are folded (`Krstić` is `krstic`), where the snippet still shows the original;
 * - a small lemma table joins the word forms lawyers use that the Porter stemmer keeps apart
 *   (religion/religious, detain/detention, immune/immunity, prosecute/prosecution);
 * - stop words are left out of the index, but phrases keep them: a phrase is checked against
 *   the record's text, stop words and all.
 */
import type lunrModule from 'lunr';

type Lunr = typeof lunrModule;

/** A legal identifier found in a text: its canonical index word and where it was written. */
export interface IdentifierSpan {
  readonly term: string;
  readonly start: number;
  readonly length: number;
}

/** Each kind of identifier: a pattern over the original text, and its canonical words. */
const IDENTIFIER_RULES: ReadonlyArray<{ readonly pattern: RegExp; readonly terms: (match: RegExpExecArray) => string[] }> = [
  // UN and other document symbols: at least two slashes (A/RES/96(I), E/CN.4/2005/102/Add.1).
  // A session number may stand apart: A/RES/96 (I) is A/RES/96(I).
  { pattern: /\b[A-Z][A-Za-z]{0,6}(?:\/[A-Za-z0-9.()-]*[A-Za-z0-9)]){2,}(?: \([IVXLC]{1,5}\))?/g, terms: (m) => [balanced(m[0]).replace(/ /g, '').toLowerCase()] },
  // International tribunals' case numbers (IT-98-33-A, ICTR-96-4-T, ICC-01/04-01/06).
  { pattern: /\b(?:IT|ICTR|ICTY|MICT|IRMCT|ICC|SCSL|STL|ECCC)-\d{2}(?:[-/][0-9A-Za-z]+)+/g, terms: (m) => [m[0].toLowerCase()] },
  // Application numbers (no. 35343/05), written with or without "no.".
  { pattern: /\b\d{3,6}\/\d{2}\b/g, terms: (m) => [m[0]] },
  { pattern: /\bECLI:[A-Za-z]{2}:[A-Za-z0-9.]+:\d{4}:[A-Za-z0-9.]*[A-Za-z0-9]/g, terms: (m) => [m[0].toLowerCase()] },
  // The Official Journal of the EU: OJ L 410I, OJ C 2020/123 is not one (series and number only).
  { pattern: /\bOJ ?([LC]) ?(\d{1,4}) ?([A-Z]?)\b/g, terms: (m) => [`oj${m[1]}${m[2]}${m[3]}`.toLowerCase()] },
  // Treaty series: 2187 UNTS 3, 78 U.N.T.S. 277.
  { pattern: /\b(\d{1,4}) ?U\.? ?N\.? ?T\.? ?S\.? ?(\d{1,5})\b/g, terms: (m) => [`${m[1]}unts${m[2]}`] },
  // National case numbers of the Swedish kind: B 15255-19.
  { pattern: /\b([A-Z]{1,2}) ?(\d{2,6})-(\d{2})\b/g, terms: (m) => [`${m[1]}${m[2]}-${m[3]}`.toLowerCase()] },
  // Article pinpoints: art. 7(1)(i) is also art. 7(1) and art. 7; art., arts., article(s) alike.
  {
    pattern: /\b(?:[Aa]rt(?:icle)?s?\.?) ?(\d{1,3}[a-z]?|[IVXLC]{1,7}\b)((?:\([0-9a-z]{1,5}\))*)/g,
    terms: (m) => {
      const number = m[1]!.toLowerCase();
      const parts = m[2]!.toLowerCase().match(/\([0-9a-z]+\)/g) ?? [];
      return parts.reduce((terms, part) => [...terms, `${terms[terms.length - 1]}${part}`], [`art${number}`]);
    },
  },
];

/** A trailing ")" that closes nothing inside the symbol belongs to the sentence around it. */
function balanced(symbol: string): string {
  let text = symbol.replace(/[.,;]+$/, '');
  while (text.endsWith(')') && (text.match(/\(/g)?.length ?? 0) < (text.match(/\)/g)?.length ?? 0)) text = text.slice(0, -1);
  return text;
}

/** Every legal identifier in a text, with its canonical words, in order of position. */
export function identifierSpans(text: string): IdentifierSpan[] {
  const spans: IdentifierSpan[] = [];
  for (const rule of IDENTIFIER_RULES) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(text); match !== null; match = rule.pattern.exec(text)) {
      for (const term of rule.terms(match)) spans.push({ term, start: match.index, length: match[0].length });
      if (match[0].length === 0) rule.pattern.lastIndex++;
    }
  }
  return spans.sort((a, b) => a.start - b.start || b.length - a.length);
}

/** Any code unit outside ASCII: a word without one has no diacritics to fold. */
const BEYOND_ASCII = /[\u0080-\uffff]/;

/** Lower case without diacritics: `Krstić` → `krstic`, `Ažubalis` → `azubalis`. */
export function foldDiacritics(word: string): string {
  // Most words are plain ASCII, which NFD leaves as it is: the decomposition is skipped for them.
  if (!BEYOND_ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Word forms joined before stemming, where Porter's stems differ (`religious` → `religi`, `religion` → `religion`). */
export const LEMMAS: Readonly<Record<string, string>> = {
  religious: 'religion',
  religiously: 'religion',
  religions: 'religion',
  detention: 'detain',
  detentions: 'detain',
  detainee: 'detain',
  detainees: 'detain',
  immunity: 'immune',
  immunities: 'immune',
  prosecution: 'prosecute',
  prosecutions: 'prosecute',
  prosecuting: 'prosecute',
  prosecuted: 'prosecute',
  disappearance: 'disappear',
  disappearances: 'disappear',
  disappeared: 'disappear',
  jurisdictional: 'jurisdiction',
  execution: 'execute',
  executions: 'execute',
  executed: 'execute',
  genocidal: 'genocide',
  ethnic: 'ethnical',
  ethnically: 'ethnical',
};

/** A plain word: letters and digits, apostrophes inside. */
const PLAIN_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The words of a text as the tokenizer splits them, with where each stands: letters and digits, apostrophes inside. */
export function plainWords(text: string): Array<{ word: string; start: number; length: number }> {
  const words: Array<{ word: string; start: number; length: number }> = [];
  for (const match of text.matchAll(PLAIN_WORD)) words.push({ word: foldDiacritics(match[0]), start: match.index, length: match[0].length });
  return words;
}

/** What a character is to PLAIN_WORD: a letter, a number, or neither (0: not yet asked). */
const LETTER = 1;
const NUMBER = 2;
const NEITHER = 3;
/** The kinds of the Basic Multilingual Plane's characters, filled in as they are met. */
let characterKinds: Uint8Array | null = null;

function kindByPattern(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  return /\p{L}/u.test(character) ? LETTER : /\p{N}/u.test(character) ? NUMBER : NEITHER;
}

/** Whether a character is a letter (\p{L}), a number (\p{N}) or neither. */
function characterKind(codePoint: number): number {
  if (codePoint > 0xffff) return kindByPattern(codePoint);
  characterKinds ??= new Uint8Array(0x10000);
  let kind = characterKinds[codePoint]!;
  if (kind === 0) characterKinds[codePoint] = kind = kindByPattern(codePoint);
  return kind;
}

/**
 * Where each of plainWords' words starts, without the words themselves (what word numbers are
 * counted by). It walks the text as PLAIN_WORD matches it, a character at a time, since the
 * expression's match objects cost a build more than the words' starts are worth.
 */
export function plainWordStarts(text: string): number[] {
  const starts: number[] = [];
  const length = text.length;
  let at = 0;
  while (at < length) {
    let codePoint = text.codePointAt(at)!;
    let kind = characterKind(codePoint);
    if (kind === NEITHER) {
      at += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    starts.push(at);
    // Letters and digits, then any apostrophe followed by letters.
    while (kind !== NEITHER) {
      at += codePoint > 0xffff ? 2 : 1;
      if (at >= length) return starts;
      codePoint = text.codePointAt(at)!;
      kind = characterKind(codePoint);
    }
    while ((codePoint === 0x27 || codePoint === 0x2019) && at + 1 < length && characterKind(text.codePointAt(at + 1)!) === LETTER) {
      at++;
      codePoint = text.codePointAt(at)!;
      while (characterKind(codePoint) === LETTER) {
        at += codePoint > 0xffff ? 2 : 1;
        if (at >= length) return starts;
        codePoint = text.codePointAt(at)!;
      }
    }
  }
  return starts;
}

/** dossier's analysis bound to one Lunr: the pipeline functions (registered, so indexes load) and the word helpers. */
export interface Analysis {
  /** The tokenizer for building indexes: Lunr's tokens plus one per identifier word. */
  tokenizer(text: unknown, metadata?: object): lunrModule.Token[];
  /** Applies the index pipeline to a builder: trim, fold, drop stop words, lemma, stem; identifiers untouched. */
  configureBuilder(builder: lunrModule.Builder): void;
  /** The terms the index pipeline makes of one token of Lunr's tokenizer (not an identifier): none for a stop word, the lemma's beside the word's own. */
  indexTerms(token: string): string[];
  /** A word as the index holds it (folded, lemmatised, stemmed); '' for a stop word. */
  indexWord(word: string): string;
  /** A word as the index holds it, stop words included. */
  searchWord(word: string): string;
  isStopWord(word: string): boolean;
}

const analyses = new WeakMap<object, Analysis>();

/** dossier's analysis for a Lunr instance (Node's or the browser's), registering its pipeline functions once. */
export function analysisFor(lunr: Lunr): Analysis {
  const known = analyses.get(lunr);
  if (known !== undefined) return known;
  const isIdentifier = (token: lunrModule.Token): boolean => (token as unknown as { metadata: { identifier?: boolean } }).metadata.identifier === true;
  const trimmer = (token: lunrModule.Token) => (isIdentifier(token) ? token : lunr.trimmer(token));
  const stopWords = (token: lunrModule.Token) => (isIdentifier(token) ? token : lunr.stopWordFilter(token));
  const fold = (token: lunrModule.Token) => (isIdentifier(token) ? token : token.update((word) => foldDiacritics(word)));
  // Own keys only: a word such as "constructor" must not find Object's prototype.
  const lemmaOf = (word: string): string | undefined => (Object.hasOwn(LEMMAS, word) ? LEMMAS[word] : undefined);
  const lemma = (token: lunrModule.Token) => (isIdentifier(token) ? token : token.update((word) => lemmaOf(word) ?? word));
  // The index keeps the word's own stem beside its lemma, so that a fuzzy or wildcard term spelled
  // near the word as written (`religous~1`) still finds it.
  const lemmaAndWord = (token: lunrModule.Token) => {
    const found = lemmaOf(token.toString());
    return isIdentifier(token) || found === undefined ? token : [token, token.clone(() => found)];
  };
  const stemmer = (token: lunrModule.Token) => (isIdentifier(token) ? token : lunr.stemmer(token));
  const register = (fn: lunrModule.PipelineFunction, label: string): void => {
    // Registering twice warns in Lunr; a second copy of this module (tests) reuses the first's.
    if (!(label in (lunr.Pipeline as unknown as { registeredFunctions: object }).registeredFunctions)) lunr.Pipeline.registerFunction(fn, label);
  };
  register(trimmer as lunrModule.PipelineFunction, 'dossierTrimmer');
  register(stopWords as lunrModule.PipelineFunction, 'dossierStopWords');
  register(fold as lunrModule.PipelineFunction, 'dossierFold');
  register(lemma as lunrModule.PipelineFunction, 'dossierLemma');
  register(lemmaAndWord as unknown as lunrModule.PipelineFunction, 'dossierLemmaAndWord');
  register(stemmer as lunrModule.PipelineFunction, 'dossierStemmer');
  const fns = (lunr.Pipeline as unknown as { registeredFunctions: Record<string, lunrModule.PipelineFunction> }).registeredFunctions;
  const indexPipeline = new lunr.Pipeline();
  indexPipeline.add(fns.dossierTrimmer!, fns.dossierFold!, fns.dossierStopWords!, fns.dossierLemmaAndWord!, fns.dossierStemmer!);
  const searchPipeline = new lunr.Pipeline();
  searchPipeline.add(fns.dossierTrimmer!, fns.dossierFold!, fns.dossierLemma!, fns.dossierStemmer!);
  const runWord = (pipeline: lunrModule.Pipeline, word: string): string => pipeline.run([new lunr.Token(word.toLowerCase(), {})]).map(String).join('');

  const analysis: Analysis = {
    tokenizer(text, metadata) {
      const tokens = (lunr.tokenizer as unknown as (text: unknown, metadata?: object) => lunrModule.Token[])(text, metadata);
      if (typeof text !== 'string') return tokens;
      for (const span of identifierSpans(text)) {
        tokens.push(new lunr.Token(span.term, { ...(metadata ?? {}), position: [span.start, span.length], index: tokens.length, identifier: true }));
      }
      return tokens;
    },
    configureBuilder(builder) {
      builder.pipeline.reset();
      builder.pipeline.add(...(indexPipeline as unknown as { _stack: lunrModule.PipelineFunction[] })._stack);
      builder.searchPipeline.reset();
      builder.searchPipeline.add(...(searchPipeline as unknown as { _stack: lunrModule.PipelineFunction[] })._stack);
      (builder as unknown as { tokenizer: Analysis['tokenizer'] }).tokenizer = analysis.tokenizer;
    },
    indexTerms: (token) => indexPipeline.run([new lunr.Token(token, {})]).map(String),
    indexWord: (word) => runWord(searchPipeline, analysis.isStopWord(word) ? '' : word),
    searchWord: (word) => runWord(searchPipeline, word),
    isStopWord: (word) => lunr.stopWordFilter(new lunr.Token(foldDiacritics(word), {}) as never) === undefined,
  };
  analyses.set(lunr, analysis);
  return analysis;
}

/** The first index of a sorted list whose value is at least the given one (a word number from a position in plainWordStarts). */
export function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
