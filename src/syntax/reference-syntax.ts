/**
 * The grammar of Pandoc citations and of dossier's wiki-links, over a stream of "units": the
 * characters of the text nodes of one mdast parent, with every other inline node (emphasis,
 * code, links…) as one opaque unit. Working on the parsed tree rather than on raw Markdown means
 * code spans, autolinks and escapes are already out of the way, and inline markup inside a
 * prefix or suffix (`*passim*`) is kept as nodes.
 *
 * The rules follow Pandoc's Markdown reader (`cite`, `textualCite`, `normalCite`, `bareloc`,
 * `citeList`, `citation`, `prefix`, `suffix`, `citeKey`) and are checked against pandoc itself
 * by the fixture tests.
 *
 * Pandoc's rules backtrack: a `[` that does not close is tried again from every bracket around
 * it, which made nested unclosed brackets exponential. Every rule here is a function of the
 * position it starts at alone, so the scanner first decides, from the last unit to the first,
 * where each rule starting at each position ends (a table, no recursion), and only then builds
 * the clusters that are kept. Both passes take a bounded number of steps per unit, counted in
 * `ScanCounter` so that the tests can prove it without timing anything.
 */
import type { PhrasingContent } from 'mdast';

/** One character of text (with its source offset), or one opaque inline node. */
export type Unit =
  | { readonly ch: string; readonly escaped: boolean; readonly offset: number }
  | { readonly node: PhrasingContent; readonly offset: number };

export type ScannedMode = 'normal' | 'author-in-text' | 'suppress-author';

/** A run of units, a nested citation cluster, or a wiki-link, in document order. */
export type Piece =
  | { readonly kind: 'units'; readonly units: readonly Unit[] }
  | { readonly kind: 'cluster'; readonly cluster: ScannedCluster }
  | { readonly kind: 'wiki-link'; readonly link: ScannedWikiLink };

export interface ScannedItem {
  readonly key: string;
  readonly mode: ScannedMode;
  readonly prefix: readonly Piece[];
  /** Pandoc's suffix: the locator is still inside it (see `splitLocator`). */
  readonly suffix: readonly Piece[];
}

export interface ScannedCluster {
  readonly items: readonly ScannedItem[];
  /** Source offset of the first character (`[`, `@` or `-`). */
  readonly offset: number;
  /** The units the cluster was written as, for its raw text. */
  readonly units: readonly Unit[];
}

export interface ScannedWikiLink {
  readonly target: string;
  readonly label: string | null;
  readonly embed: boolean;
  readonly offset: number;
  readonly units: readonly Unit[];
}

/** Counts the steps a scan takes, so that tests can check that it grows linearly with the input. */
export interface ScanCounter {
  steps: number;
}

/** What a scan may report besides its pieces. */
export interface ScanOptions {
  /** Incremented once per unit visited, in every pass. */
  readonly counter?: ScanCounter;
  /** Called with the offset of each citation nested deeper than `MAX_CITATION_NESTING`. */
  readonly onTooDeep?: (offset: number) => void;
}

/**
 * How deep citations may nest in each other's prefixes and suffixes. A deeper one is kept as
 * text: no memo needs more, and it keeps every walk over a cluster's items shallow.
 */
export const MAX_CITATION_NESTING = 8;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Punctuation allowed inside a simple key when a letter, digit or `_` follows it. */
const INTERNAL_KEY_PUNCTUATION = new Set([':', '.', '#', '$', '%', '&', '-', '+', '?', '<', '>', '~', '/']);
/** A rule that does not match at a position. */
const FAIL = -1;

function isKeyChar(ch: string | null): boolean {
  return ch !== null && (ch === '_' || LETTER_OR_DIGIT.test(ch));
}

function linkText(node: PhrasingContent): string {
  const parts: string[] = [];
  const pending: PhrasingContent[] = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if ('value' in current && typeof current.value === 'string') parts.push(current.value);
    else if ('children' in current) {
      const children = current.children as PhrasingContent[];
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
    }
  }
  return parts.join('');
}

/** The result of a grammar rule: what it built and where it stopped. */
interface Match<T> {
  readonly value: T;
  readonly end: number;
}

type FlatItem = Unit | Exclude<Piece, { kind: 'units' }>;

/** Trims white-space units from both ends of a piece list, as Pandoc's `trimInlines` does. */
function trimPieces(pieces: Piece[]): Piece[] {
  const flat: FlatItem[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'units') for (const unit of piece.units) flat.push(unit);
    else flat.push(piece);
  }
  const isSpaceUnit = (item: FlatItem): boolean => 'ch' in item && (item.ch === ' ' || item.ch === '\t' || item.ch === '\n');
  let start = 0;
  let end = flat.length;
  while (start < end && isSpaceUnit(flat[start]!)) start++;
  while (end > start && isSpaceUnit(flat[end - 1]!)) end--;
  return regroup(flat.slice(start, end));
}

function regroup(flat: readonly FlatItem[]): Piece[] {
  const pieces: Piece[] = [];
  let run: Unit[] = [];
  for (const item of flat) {
    if ('kind' in item) {
      if (run.length > 0) pieces.push({ kind: 'units', units: run });
      run = [];
      pieces.push(item);
    } else {
      run.push(item);
    }
  }
  if (run.length > 0) pieces.push({ kind: 'units', units: run });
  return pieces;
}

/** Adds one unit to a piece list, extending the last run. */
function pushUnit(pieces: Piece[], unit: Unit): void {
  const last = pieces[pieces.length - 1];
  if (last !== undefined && last.kind === 'units') (last.units as Unit[]).push(unit);
  else pieces.push({ kind: 'units', units: [unit] });
}

/**
 * One scan of one parent's units. The constructor fills, for every position, where each rule
 * that starts there ends (or `FAIL`); the `build…` methods then read those tables to build
 * only the clusters that are kept.
 */
class ReferenceScanner {
  private readonly length: number;
  /** The character of each unit, or null for an inline node (Pandoc's `anyChar`). */
  private readonly chars: Array<string | null>;
  /** The character when it is plain: not escaped and not an inline node (syntax only). */
  private readonly plain: Array<string | null>;
  private readonly nextNonSpace: Int32Array;
  /** Where a cite key starting at the position ends (`@key`, `-@key`, `@{key}`). */
  private readonly keyEnd: Int32Array;
  /** Where the `{…}` group opened at the position closes, for braced keys. */
  private readonly braceEnd: Int32Array;
  /** Pandoc's `cite` (`matchInlineCitation`). */
  private readonly inlineEnd: Int32Array;
  /** Pandoc's `normalCite`: `[` items `]`. */
  private readonly bracketsEnd: Int32Array;
  /** Pandoc's `citeList`. */
  private readonly itemListEnd: Int32Array;
  /** Pandoc's `citation`: prefix, key, suffix. */
  private readonly itemEnd: Int32Array;
  /** Where Pandoc's `prefix` starting at the position stops before a key, or `FAIL`. */
  private readonly prefixStop: Int32Array;
  /** Where the body of Pandoc's `suffix` starting at the position stops (`;`, `]` or the end). */
  private readonly suffixStop: Int32Array;

  constructor(
    private readonly units: readonly Unit[],
    private readonly counter: ScanCounter,
    private readonly onTooDeep: (offset: number) => void,
  ) {
    const length = units.length;
    this.length = length;
    this.chars = new Array<string | null>(length + 2).fill(null);
    this.plain = new Array<string | null>(length + 2).fill(null);
    let hasOpeningBrace = false;
    for (let i = 0; i < length; i++) {
      const unit = units[i]!;
      if ('ch' in unit) {
        this.chars[i] = unit.ch;
        if (unit.ch === '{') hasOpeningBrace = true;
        if (!unit.escaped) this.plain[i] = unit.ch;
      }
    }
    // One buffer for every table: a paragraph is scanned with one allocation, not nine.
    const tables = new Int32Array(9 * (length + 2)).fill(FAIL);
    let tablesUsed = 0;
    const table = (): Int32Array => tables.subarray(tablesUsed, (tablesUsed += length + 2));
    this.nextNonSpace = table();
    this.nextNonSpace[length] = length;
    this.nextNonSpace[length + 1] = length + 1;
    for (let i = length - 1; i >= 0; i--) {
      const ch = this.chars[i];
      this.nextNonSpace[i] = ch === ' ' || ch === '\t' ? this.nextNonSpace[i + 1]! : i;
    }
    this.braceEnd = table();
    // Only a `{` written as a character opens a braced key: without one, no key is braced.
    if (hasOpeningBrace) this.matchBraces();
    this.keyEnd = table();
    this.matchKeys();
    this.inlineEnd = table();
    this.bracketsEnd = table();
    this.itemListEnd = table();
    this.itemEnd = table();
    this.prefixStop = table();
    this.suffixStop = table();
    this.suffixStop[length] = length;
    this.suffixStop[length + 1] = length + 1;
    // Every rule at a position depends only on rules at later positions, so one pass from the
    // end fills every table without recursion.
    for (let i = length - 1; i >= 0; i--) {
      this.counter.steps++;
      this.fillPosition(i);
    }
  }

  /** Pandoc's `spnl`: spaces, at most one newline, spaces, and no blank line after. */
  private skipSpaceAndNewline(index: number): number | null {
    let i = this.nextNonSpace[index]!;
    if (this.chars[i] === '\n') {
      i = this.nextNonSpace[i + 1]!;
      if (this.chars[i] === '\n') return null;
    }
    return i;
  }

  /**
   * Pandoc's `notAfterString`: a key cannot start right after a word, so `jane@example` is not a
   * citation. Pandoc's words are runs of letters and digits that may take a full stop.
   */
  private isAfterWord(index: number): boolean {
    const previous = this.plain[index - 1] ?? null;
    return previous !== null && (LETTER_OR_DIGIT.test(previous) || previous === '.');
  }

  /** The text a unit stands for inside a braced key: its character, or a link's text. */
  private braceText(index: number): string | null {
    const unit = this.units[index]!;
    if ('ch' in unit) return unit.ch;
    return unit.node.type === 'link' ? linkText(unit.node) : null;
  }

  /**
   * Matches every `{` with its `}` in one pass with a stack. A `{…}` key holds no white space and
   * no inline node other than a link (GFM makes a URL inside the braces a link, taking the
   * closing brace with it: the key may end where the link ends, not inside it).
   */
  private matchBraces(): void {
    const open: number[] = [];
    for (let i = 0; i < this.length; i++) {
      this.counter.steps++;
      const text = this.braceText(i);
      if (text === null || /\s/u.test(text)) {
        open.length = 0;
        continue;
      }
      const chars = Array.from(text);
      const inLink = !('ch' in this.units[i]!);
      for (let j = 0; j < chars.length; j++) {
        this.counter.steps++;
        if (chars[j] === '{') open.push(inLink ? FAIL : i);
        else if (chars[j] === '}') {
          const opened = open.pop();
          if (opened !== undefined && opened !== FAIL) this.braceEnd[opened] = j === chars.length - 1 ? i + 1 : FAIL;
        }
      }
    }
  }

  /** Fills `keyEnd`: Pandoc's `citeKey` at every position. */
  private matchKeys(): void {
    const afterAt = new Int32Array(this.length + 2).fill(FAIL);
    for (let i = 0; i < this.length; i++) {
      this.counter.steps++;
      if (this.plain[i] === '@') afterAt[i] = this.keyAfterAt(i + 1);
    }
    for (let i = 0; i < this.length; i++) {
      const ch = this.plain[i];
      if ((ch !== '@' && (ch !== '-' || this.plain[i + 1] !== '@')) || this.isAfterWord(i)) continue;
      this.keyEnd[i] = ch === '@' ? afterAt[i]! : afterAt[i + 1]!;
    }
  }

  /** Where the key after an `@` ends: `{…}`, or key characters with some inner punctuation. */
  private keyAfterAt(start: number): number {
    if (this.plain[start] === '{') {
      const end = this.braceEnd[start]!;
      if (end === FAIL) return FAIL;
      return end === start + 2 && this.braceText(start + 1) === '}' ? FAIL : end;
    }
    const first = this.chars[start] ?? null;
    if (!(isKeyChar(first) || first === '*')) return FAIL;
    let i = start + 1;
    for (;;) {
      this.counter.steps++;
      const ch = this.chars[i] ?? null;
      if (ch === null) break;
      const next = this.chars[i + 1] ?? null;
      if (isKeyChar(ch) || (INTERNAL_KEY_PUNCTUATION.has(ch) && isKeyChar(next)) || ((ch === ':' || ch === '/') && next === '/')) i++;
      else break;
    }
    return i;
  }

  /** The key of the cite key at a position (known to match), and whether it suppresses the author. */
  private keyAt(index: number): { key: string; suppressAuthor: boolean } {
    const suppressAuthor = this.plain[index] === '-';
    const start = index + (suppressAuthor ? 2 : 1);
    const end = this.keyEnd[index]!;
    let key = '';
    for (let i = start; i < end; i++) {
      this.counter.steps++;
      key += this.braceText(i) ?? '';
    }
    // A braced key is what lies between the outer braces.
    if (this.plain[start] === '{') key = key.slice(1, -1);
    return { key, suppressAuthor };
  }

  /** True when the unit at index would make a `[…]` before it a link (`[` or `(`). */
  private isFollowedByLinkSyntax(index: number): boolean {
    const ch = this.plain[index];
    return ch === '[' || ch === '(';
  }

  /** Fills every table at one position, from the tables at later positions. */
  private fillPosition(i: number): void {
    const ch = this.plain[i];
    if (ch === '[') {
      const start = this.skipSpaceAndNewline(i + 1);
      const list = start === null ? FAIL : this.itemListEnd[start]!;
      const close = list === FAIL ? null : this.skipSpaceAndNewline(list);
      if (close !== null && this.plain[close] === ']') this.bracketsEnd[i] = close + 1;
      const brackets = this.bracketsEnd[i]!;
      if (brackets !== FAIL && !this.isFollowedByLinkSyntax(brackets)) this.inlineEnd[i] = brackets;
    } else if (ch === '@' || ch === '-') {
      this.inlineEnd[i] = this.textualCitationEnd(i);
    }
    const nested = this.inlineEnd[i]!;
    // Pandoc's `prefix`: a `]` first means no key; a key (or `; key`) ends it.
    if (ch !== ']') {
      const lookahead = ch === ';' ? this.skipSpaceAndNewline(i + 1) : i;
      if (lookahead !== null && this.keyEnd[lookahead] !== FAIL) this.prefixStop[i] = i;
      else this.prefixStop[i] = nested !== FAIL ? this.prefixStop[nested]! : this.prefixStop[i + 1]!;
    }
    if (ch === ';' || ch === ']') this.suffixStop[i] = i;
    else this.suffixStop[i] = nested !== FAIL ? this.suffixStop[nested]! : this.suffixStop[i + 1]!;
    const keyPosition = this.prefixStop[i]!;
    const keyEnd = keyPosition === FAIL ? FAIL : this.keyEnd[keyPosition]!;
    this.itemEnd[i] = keyEnd === FAIL ? FAIL : this.suffixEnd(keyEnd);
    const itemEnd = this.itemEnd[i]!;
    if (itemEnd !== FAIL) {
      const next = this.plain[itemEnd] === ';' ? this.skipSpaceAndNewline(itemEnd + 1) : null;
      this.itemListEnd[i] = next !== null && this.itemEnd[next] !== FAIL ? this.itemListEnd[next]! : itemEnd;
    }
  }

  /** Where Pandoc's `suffix` starting at index ends, or `FAIL` when a blank line follows. */
  private suffixEnd(index: number): number {
    const start = this.skipSpaceAndNewline(index);
    return start === null ? FAIL : this.suffixStop[start]!;
  }

  /** Pandoc's `textualCite`: `@key`, optionally followed by `[locator]` or a bracketed cluster. */
  private textualCitationEnd(index: number): number {
    const keyEnd = this.keyEnd[index]!;
    if (keyEnd === FAIL) return FAIL;
    const afterSpace = this.skipSpaceAndNewline(keyEnd);
    const following = afterSpace === null ? FAIL : this.bracketsEnd[afterSpace]!;
    if (following !== FAIL) return following;
    const bare = this.bareLocatorEnd(keyEnd);
    return bare !== FAIL ? bare : keyEnd;
  }

  /** Pandoc's `bareloc`: the `[p. 33]` after an author-in-text key, possibly with more items. */
  private bareLocatorEnd(index: number): number {
    const open = this.skipSpaceAndNewline(index);
    if (open === null || this.plain[open] !== '[' || this.chars[open + 1] === '^') return FAIL;
    let end = this.suffixEnd(open + 1);
    if (end === FAIL) return FAIL;
    if (this.plain[end] === ';') {
      const afterSeparator = this.skipSpaceAndNewline(end + 1);
      const rest = afterSeparator === null ? FAIL : this.itemListEnd[afterSeparator]!;
      if (rest !== FAIL) end = rest;
    }
    const close = this.skipSpaceAndNewline(end);
    if (close === null || this.plain[close] !== ']' || this.isFollowedByLinkSyntax(close + 1)) return FAIL;
    return close + 1;
  }

  /** The pieces between two positions that a prefix or suffix visits, nested clusters built. */
  private buildPieces(from: number, to: number, depth: number): Piece[] {
    const pieces: Piece[] = [];
    let i = from;
    while (i < to) {
      this.counter.steps++;
      const nestedEnd = this.inlineEnd[i]!;
      if (nestedEnd === FAIL) {
        pushUnit(pieces, this.units[i]!);
        i++;
        continue;
      }
      if (depth < MAX_CITATION_NESTING) {
        pieces.push({ kind: 'cluster', cluster: this.buildCluster(i, depth + 1) });
      } else {
        this.onTooDeep(this.units[i]!.offset);
        for (let j = i; j < nestedEnd; j++) {
          this.counter.steps++;
          pushUnit(pieces, this.units[j]!);
        }
      }
      i = nestedEnd;
    }
    return pieces;
  }

  /** Pandoc's `suffix`: inlines up to `;` or `]`, with a leading space kept as one space. */
  private buildSuffix(index: number, depth: number): Match<Piece[]> {
    const next = this.chars[index] ?? null;
    const hasSpace = next === null ? this.units[index] === undefined : /\s/u.test(next);
    const start = this.skipSpaceAndNewline(index)!;
    const end = this.suffixStop[start]!;
    const rest = trimPieces(this.buildPieces(start, end, depth));
    const spaceUnit: Unit = { ch: ' ', escaped: false, offset: this.units[index]?.offset ?? 0 };
    return { value: hasSpace ? [{ kind: 'units', units: [spaceUnit] }, ...rest] : rest, end };
  }

  /** Pandoc's `citation`: prefix, key, suffix. */
  private buildItem(start: number, depth: number): ScannedItem {
    const keyPosition = this.prefixStop[start]!;
    const prefix = trimPieces(this.buildPieces(start, keyPosition, depth));
    const { key, suppressAuthor } = this.keyAt(keyPosition);
    const suffix = this.buildSuffix(this.keyEnd[keyPosition]!, depth);
    return { key, mode: suppressAuthor ? 'suppress-author' : 'normal', prefix, suffix: suffix.value };
  }

  /** Pandoc's `citeList`: items separated by `;`. */
  private buildItemList(start: number, depth: number): ScannedItem[] {
    const items = [this.buildItem(start, depth)];
    let end = this.itemEnd[start]!;
    for (;;) {
      this.counter.steps++;
      if (this.plain[end] !== ';') break;
      const next = this.skipSpaceAndNewline(end + 1);
      if (next === null || this.itemEnd[next] === FAIL) break;
      items.push(this.buildItem(next, depth));
      end = this.itemEnd[next]!;
    }
    return items;
  }

  /** A citation cluster known to start at index. */
  private buildCluster(index: number, depth: number): ScannedCluster {
    const end = this.inlineEnd[index]!;
    const items = this.plain[index] === '[' ? this.buildItemList(this.skipSpaceAndNewline(index + 1)!, depth) : this.buildTextual(index, depth);
    this.counter.steps += end - index;
    return { items, offset: this.units[index]!.offset, units: this.units.slice(index, end) };
  }

  /** The items of a textual citation known to start at index. */
  private buildTextual(index: number, depth: number): ScannedItem[] {
    const { key, suppressAuthor } = this.keyAt(index);
    const first: ScannedItem = { key, mode: suppressAuthor ? 'suppress-author' : 'author-in-text', prefix: [], suffix: [] };
    const keyEnd = this.keyEnd[index]!;
    const afterSpace = this.skipSpaceAndNewline(keyEnd);
    if (afterSpace !== null && this.bracketsEnd[afterSpace] !== FAIL) {
      return [first, ...this.buildItemList(this.skipSpaceAndNewline(afterSpace + 1)!, depth)];
    }
    if (this.bareLocatorEnd(keyEnd) === FAIL) return [first];
    const open = this.skipSpaceAndNewline(keyEnd)!;
    const suffix = this.buildSuffix(open + 1, depth);
    const items: ScannedItem[] = [{ ...first, suffix: suffix.value }];
    if (this.plain[suffix.end] === ';') {
      const afterSeparator = this.skipSpaceAndNewline(suffix.end + 1);
      if (afterSeparator !== null && this.itemListEnd[afterSeparator] !== FAIL) {
        for (const item of this.buildItemList(afterSeparator, depth)) items.push(item);
      }
    }
    return items;
  }

  /** `[[target]]`, `[[target|label]]` and `![[target]]`, in plain characters only. */
  private matchWikiLink(index: number): Match<ScannedWikiLink> | null {
    let i = index;
    const embed = this.plain[i] === '!';
    if (embed) i++;
    if (this.plain[i] !== '[' || this.plain[i + 1] !== '[') return null;
    i += 2;
    let target = '';
    let label: string | null = null;
    // The scan stops at the next `[`, so scans from different starts barely overlap.
    for (; i < this.length; i++) {
      this.counter.steps++;
      const unit = this.units[i]!;
      if (!('ch' in unit) || unit.ch === '\n' || (unit.ch === '[' && !unit.escaped)) return null;
      if (!unit.escaped && unit.ch === ']') {
        if (this.plain[i + 1] !== ']') return null;
        const trimmedTarget = target.trim();
        if (trimmedTarget === '') return null;
        const trimmedLabel = label === null ? null : label.trim();
        return {
          value: {
            target: trimmedTarget,
            label: trimmedLabel === '' ? null : trimmedLabel,
            embed,
            offset: this.units[index]!.offset,
            units: this.units.slice(index, i + 2),
          },
          end: i + 2,
        };
      }
      if (!unit.escaped && unit.ch === '|' && label === null) label = '';
      else if (label === null) target += unit.ch;
      else label += unit.ch;
    }
    return null;
  }

  /** The pieces of the whole parent: text runs, citation clusters and wiki-links. */
  scan(): Piece[] {
    const pieces: Piece[] = [];
    let i = 0;
    while (i < this.length) {
      this.counter.steps++;
      const link = this.matchWikiLink(i);
      if (link !== null) {
        pieces.push({ kind: 'wiki-link', link: link.value });
        i = link.end;
        continue;
      }
      if (this.inlineEnd[i] !== FAIL) {
        const end = this.inlineEnd[i]!;
        pieces.push({ kind: 'cluster', cluster: this.buildCluster(i, 1) });
        i = end;
        continue;
      }
      pushUnit(pieces, this.units[i]!);
      i++;
    }
    return pieces;
  }
}

/**
 * Scans the units of one parent node into text runs, citation clusters and wiki-links, in a
 * number of steps proportional to the number of units.
 */
export function scanReferences(units: readonly Unit[], options: ScanOptions = {}): Piece[] {
  const counter = options.counter ?? { steps: 0 };
  return new ReferenceScanner(units, counter, options.onTooDeep ?? (() => undefined)).scan();
}
