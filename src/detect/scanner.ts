/**
 * The scanner: one pass over the text. At each position where a reference may start (the table of
 * start characters says which rows to try), every row that may start there is tried with its sticky,
 * bounded pattern; the longest match wins and the scan goes on after it. Each attempt reads a
 * bounded number of characters, so the work is linear in the length of the text — the scanner
 * counts its attempts so that tests can hold it to that without timing anything.
 */
import { ARTICLE_LIST, ARTICLE_WORD, BACK_REFERENCE_ROWS, BARE_PAGE, BRACKETED_PARAGRAPH, literal, PATTERN_ROWS, PINPOINT, type PatternRow, type RowResult } from './patterns.js';
import { BUILT_IN_INSTRUMENTS, type Instrument } from './instruments.js';
import type { DetectionKind, TextSpan } from './types.js';
import { LineIndex } from '../syntax/line-index.js';

/** A reference as the scanner finds it, before resolution. */
export interface ScannedReference {
  readonly kind: DetectionKind;
  readonly row: string;
  readonly span: TextSpan;
  readonly text: string;
  readonly identifier: string;
  readonly pinpoint: string | null;
  readonly details: Readonly<Record<string, string>>;
  /** Where the reference itself ends, before its pinpoint. */
  readonly referenceEnd: number;
}

/** How much work a scan did: one attempt is one bounded pattern tried at one position. */
export interface ScanCounter {
  attempts: number;
}

/** Options of a scan. */
export interface ScanOptions {
  /** Accept references that need words around them (an ECtHR number without "Application"). */
  readonly withoutContext?: boolean;
  readonly counter?: ScanCounter;
}

/** How far past its start a reference may reach (every pattern is bounded well within this). */
const WINDOW = 320;
/** How far past a reference its pinpoint, or the next number of a list, may reach. */
const TAIL = 120;

/**
 * Whether a character ends a word of an instrument's name: white space, `,`, `;`, `:`, `(` or `)`.
 * Tested by code rather than by a regular expression, as it runs at almost every capital letter.
 */
function endsWord(code: number): boolean {
  return code === 32 || code === 44 || code === 59 || code === 58 || code === 40 || code === 41 || (code >= 9 && code <= 13) || code === 160 || (code > 255 && /\s/.test(String.fromCharCode(code)));
}

/** A space, a tab or a line break: what parts the words of a name. */
function isBlankOrNewline(code: number): boolean {
  return code === 32 || code === 9 || code === 10;
}

/** At most this many words make an instrument's name. */
const MAX_NAME_WORDS = 16;

/**
 * The rows for `Article 7 of the Rome Statute` and `Rome Statute, art. 7`, built from the
 * instruments. Names are looked up word by word in a table, longest first — a regular expression
 * with a hundred alternatives was the slowest thing in a scan.
 */
function instrumentRows(instruments: readonly Instrument[]): PatternRow[] {
  const byName = new Map<string, Instrument>();
  for (const instrument of instruments) for (const name of instrument.names) byName.set(name.replace(/\s+/g, ' '), instrument);
  if (byName.size === 0) return [];
  const longest = Math.min(MAX_NAME_WORDS, Math.max(...[...byName.keys()].map((name) => name.split(' ').length)));
  const firstWords = new Set([...byName.keys()].map((name) => name.split(' ')[0]!));
  const firstWordLengths = new Set([...firstWords].map((word) => word.length));
  /** The longest name that starts at `index`, with its length in the text. */
  const nameAt = (text: string, index: number): { instrument: Instrument; name: string; length: number } | null => {
    const words: Array<{ word: string; end: number }> = [];
    let at = index;
    while (words.length < longest) {
      let end = at;
      while (end < text.length && end - at < 40 && !endsWord(text.charCodeAt(end))) end++;
      if (end === at) break;
      words.push({ word: text.slice(at, end), end });
      // Words of a name are parted by one or two spaces or a line break.
      let next = end;
      while (next < text.length && next - end < 2 && isBlankOrNewline(text.charCodeAt(next))) next++;
      if (next === end) break;
      at = next;
    }
    for (let count = words.length; count > 0; count--) {
      const name = words.slice(0, count).map((item) => item.word).join(' ');
      const instrument = byName.get(name) ?? byName.get(name.replace(/[.]$/, ''));
      if (instrument === undefined) continue;
      const length = words[count - 1]!.end - index - (byName.has(name) ? 0 : 1);
      return { instrument, name, length };
    }
    return null;
  };
  const articlesOf = (written: string): { pinpoint: string } => {
    const articles = written.replace(/\s+(?=\()/g, '').replace(/\s+/g, ' ');
    const plural = /\s?(?:,|and|to|-|–|&)\s?/.test(articles.replace(/\([^)]*\)/g, ''));
    return { pinpoint: `${plural ? 'arts.' : 'art.'} ${articles}` };
  };
  const articleAfterName = new RegExp(`,?\\s{1,2}${ARTICLE_WORD}\\s{1,2}(?<articles>${ARTICLE_LIST})(?![A-Za-z0-9])`, 'y');
  const firstCharacters = [...new Set([...byName.keys()].map((name) => name[0]!))].join('');
  return [
    {
      kind: 'instrument-article',
      name: 'article-of-instrument',
      starts: 'Aa',
      quick: (text, index) => text.startsWith('rt', index + 1),
      hint: '[Aa]rt',
      pattern: new RegExp(`${ARTICLE_WORD}\\s{1,2}(?<articles>${ARTICLE_LIST})(?:\\s?,)?\\s{1,2}(?:of\\s{1,2}(?:the\\s{1,2})?(?:(?:19|20)\\d{2}\\s)?)?`, 'y'),
      build(match, text) {
        const found = nameAt(text, match.index + match[0].length);
        if (found === null || /[A-Za-z]/.test(text[match.index + match[0].length + found.length] ?? '')) return null;
        return { identifier: found.instrument.names[0]!, details: { instrument: found.instrument.id }, length: match[0].length + found.length, ...articlesOf(match.groups?.articles ?? '') };
      },
    },
    {
      kind: 'instrument-article',
      name: 'instrument-article',
      starts: firstCharacters,
      hint: [...firstWords].map(literal).join('|'),
      quick: (text, index) => {
        let end = index;
        while (end < text.length && end - index < 40 && !endsWord(text.charCodeAt(end))) end++;
        // Most capitalised words are no instrument's first word; their length alone rules them out
        // without cutting a string out of the text.
        return firstWordLengths.has(end - index) && firstWords.has(text.slice(index, end));
      },
      // The name is looked up by `build`; the pattern only takes the first character.
      pattern: /[A-Za-z]/y,
      build(match, text) {
        const found = nameAt(text, match.index);
        if (found === null) return null;
        articleAfterName.lastIndex = match.index + found.length;
        const article = articleAfterName.exec(text);
        if (article === null) return null;
        return { identifier: found.instrument.names[0]!, details: { instrument: found.instrument.id }, length: found.length + article[0].length, ...articlesOf(article.groups?.articles ?? '') };
      },
    },
  ];
}

const LABELS: Readonly<Record<string, [string, string]>> = {
  para: ['para.', 'paras.'],
  paragraph: ['para.', 'paras.'],
  p: ['p.', 'pp.'],
  pp: ['p.', 'pp.'],
  '§': ['§', '§§'],
  art: ['art.', 'arts.'],
  article: ['art.', 'arts.'],
  n: ['n.', 'nn.'],
  nn: ['n.', 'nn.'],
  fn: ['n.', 'nn.'],
};

/** A pinpoint in one spelling: `paras 510–516` → `paras. 510-516`. */
export function normalisePinpoint(label: string, locator: string): string {
  const bare = label.replace(/\.$/, '').toLowerCase().replace(/s$/, '').replace(/^§§$/, '§');
  const cleanLocator = locator.replace(/\s*[–-]\s*/g, '-').replace(/\s+(?=\()/g, '').replace(/\s+/g, ' ').trim();
  const plural = /[-,&]|\sand\s/.test(cleanLocator.replace(/\([^)]*\)/g, '')) || /^(?:paras|pp|§§|arts|nn)/.test(label.toLowerCase());
  const words = LABELS[bare] ?? LABELS[bare.replace(/s$/, '')] ?? [label, label];
  return `${words[plural ? 1 : 0]} ${cleanLocator}`;
}

/** A scanner for a set of instruments: the pattern table is built once and used for many texts. */
export class ReferenceScanner {
  /** The rows to try at each character code below 256, by that code. */
  private readonly rowsByStart: Array<PatternRow[] | undefined> = [];
  /** Finds the next place a reference may start: a start character not inside a word or number. */
  private readonly candidates: RegExp;
  readonly rows: readonly PatternRow[];

  constructor(instruments: readonly Instrument[] = BUILT_IN_INSTRUMENTS) {
    this.rows = [...PATTERN_ROWS, ...instrumentRows(instruments), ...BACK_REFERENCE_ROWS];
    for (const row of this.rows) {
      for (const character of row.starts) {
        const code = character.charCodeAt(0);
        if (code >= 256) throw new TypeError(`row ${row.name} starts with ${character}: start characters must be below U+0100`);
        (this.rowsByStart[code] ??= []).push(row);
      }
    }
    // One expression that finds every place where some row's hint holds: the engine's own search
    // passes over the text far faster than a loop over every character, or over every capital.
    const characterClass = (characters: string): string => `[${characters.replace(/[\]\\^-]/g, '\\$&')}]`;
    const hints = new Set(this.rows.map((row) => `(?=${characterClass(row.starts)})(?:${row.hint ?? characterClass(row.starts)})`));
    // The class of all start characters comes first: the engine can then skip over the text by it
    // and test the word boundary and the hints only there (a third faster on dense text).
    const starts = characterClass([...new Set(this.rows.flatMap((row) => [...row.starts]))].join(''));
    this.candidates = new RegExp(`(?=${starts})(?<![A-Za-z0-9/_\\u00C0-\\u024F-])(?=${[...hints].join('|')})`, 'g');
  }

  /** Every reference in the text, in order, none overlapping another. */
  scan(text: string, options: ScanOptions = {}): ScannedReference[] {
    const found: ScannedReference[] = [];
    const counter = options.counter;
    let lines: LineIndex | null = null;
    const spanOf = (start: number, end: number): TextSpan => {
      lines ??= new LineIndex(text);
      const { line, column } = lines.position(start);
      return { start, end, line, column };
    };
    const length = text.length;
    const candidates = new RegExp(this.candidates);
    for (let index = 0; index < length; index++) {
      candidates.lastIndex = index;
      // `test` rather than `exec`: the match is empty, so `lastIndex` says where it is, and no match
      // array is made for each of the candidates that come to nothing.
      if (!candidates.test(text)) break;
      index = candidates.lastIndex;
      const rows = this.rowsByStart[text.charCodeAt(index)]!;
      let best: { row: PatternRow; result: RowResult; end: number } | null = null;
      let window: string | null = null;
      for (const row of rows) {
        if (row.quick !== undefined && !row.quick(text, index)) continue;
        // Patterns run on a bounded window: no attempt can read further, and V8 matches a short
        // string several times faster than a position deep inside a long one.
        window ??= text.slice(index, index + WINDOW);
        row.pattern.lastIndex = 0;
        if (counter !== undefined) counter.attempts++;
        const match = row.pattern.exec(window);
        if (match === null) continue;
        const result = row.build(match, window);
        if (result === null) continue;
        const end = index + (result.length ?? match[0].length);
        if (best !== null && end <= best.end) continue;
        if (!options.withoutContext && row.needsContext !== undefined && !row.needsContext(text, index, end)) continue;
        best = { row, result, end };
      }
      if (best === null) continue;
      const { row, result } = best;
      let end = best.end;
      let pinpoint = result.pinpoint ?? null;
      if (row.kind !== 'instrument-article') {
        const tail = text.slice(end, end + TAIL);
        PINPOINT.lastIndex = 0;
        if (counter !== undefined) counter.attempts++;
        const pin = PINPOINT.exec(tail);
        if (pin !== null) {
          pinpoint = normalisePinpoint(pin.groups!.label!, pin.groups!.locator!);
          // `(ICTR-96-4-T), para. 516`: the pinpoint counts, but the span stays inside the brackets.
          if (!pin[0].startsWith(')')) end += pin[0].length;
        } else if (row.kind === 'law-report') {
          BRACKETED_PARAGRAPH.lastIndex = 0;
          BARE_PAGE.lastIndex = 0;
          if (counter !== undefined) counter.attempts += 2;
          const paragraph = BRACKETED_PARAGRAPH.exec(tail);
          const page = paragraph === null ? BARE_PAGE.exec(tail) : null;
          if (paragraph !== null) {
            pinpoint = normalisePinpoint('para', paragraph.groups!.locator!.replace(/[[\]]/g, ''));
            end += paragraph[0].length;
          } else if (page !== null) {
            pinpoint = normalisePinpoint('p', page.groups!.locator!);
            end += page[0].length;
          }
        }
      }
      found.push({ kind: row.kind, row: row.name, span: spanOf(index, end), text: text.slice(index, end), identifier: result.identifier, pinpoint, details: result.details ?? {}, referenceEnd: best.end });
      // A list of application numbers: each further number is a reference of its own.
      if (row.continuation !== undefined && pinpoint === null) {
        for (let more = 0; more < 20; more++) {
          row.continuation.lastIndex = 0;
          if (counter !== undefined) counter.attempts++;
          const next = row.continuation.exec(text.slice(end, end + TAIL));
          if (next === null) break;
          const numberStart = end + next[0].length - next.groups!.number!.length;
          const nextResult = row.build(next, next.input)!;
          end += next[0].length;
          found.push({ kind: row.kind, row: row.name, span: spanOf(numberStart, end), text: text.slice(numberStart, end), identifier: nextResult.identifier, pinpoint: null, details: nextResult.details ?? {}, referenceEnd: end });
        }
      }
      index = end - 1;
    }
    return found;
  }
}
