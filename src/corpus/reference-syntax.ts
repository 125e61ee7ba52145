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

const SPACE = new Set([' ', '\t']);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Punctuation allowed inside a simple key when a letter, digit or `_` follows it. */
const INTERNAL_KEY_PUNCTUATION = new Set([':', '.', '#', '$', '%', '&', '-', '+', '?', '<', '>', '~', '/']);

function charAt(units: readonly Unit[], index: number): string | null {
  const unit = units[index];
  if (unit === undefined || !('ch' in unit)) return null;
  return unit.ch;
}

/** The character at index when it is plain (not escaped, not an inline node), else null. */
function syntaxCharAt(units: readonly Unit[], index: number): string | null {
  const unit = units[index];
  if (unit === undefined || !('ch' in unit) || unit.escaped) return null;
  return unit.ch;
}

function isKeyChar(ch: string | null): boolean {
  return ch !== null && (ch === '_' || LETTER_OR_DIGIT.test(ch));
}

/** Pandoc's `spnl`: spaces, at most one newline, spaces, and no blank line after. */
function skipSpaceAndNewline(units: readonly Unit[], index: number): number | null {
  let i = index;
  while (SPACE.has(charAt(units, i) ?? '')) i++;
  if (charAt(units, i) === '\n') {
    i++;
    while (SPACE.has(charAt(units, i) ?? '')) i++;
    if (charAt(units, i) === '\n') return null;
  }
  return i;
}

/**
 * Pandoc's `notAfterString`: a key cannot start right after a word, so `jane@example` is not a
 * citation. Pandoc's words are runs of letters and digits that may take a full stop.
 */
function isAfterWord(units: readonly Unit[], index: number): boolean {
  const previous = units[index - 1];
  if (previous === undefined || !('ch' in previous) || previous.escaped) return false;
  return LETTER_OR_DIGIT.test(previous.ch) || previous.ch === '.';
}

interface KeyMatch {
  readonly key: string;
  readonly suppressAuthor: boolean;
  readonly end: number;
}

/** Pandoc's `citeKey`: `@key`, `-@key` or `@{any key}`. */
export function matchCiteKey(units: readonly Unit[], index: number): KeyMatch | null {
  if (isAfterWord(units, index)) return null;
  let i = index;
  let suppressAuthor = false;
  if (syntaxCharAt(units, i) === '-') {
    suppressAuthor = true;
    i++;
  }
  if (syntaxCharAt(units, i) !== '@') return null;
  i++;
  if (syntaxCharAt(units, i) === '{') {
    const braced = matchBracedKey(units, i);
    return braced === null ? null : { key: braced.key, suppressAuthor, end: braced.end };
  }
  const first = charAt(units, i);
  if (!(isKeyChar(first) || first === '*')) return null;
  let key = first as string;
  i++;
  for (;;) {
    const ch = charAt(units, i);
    if (ch === null) break;
    if (isKeyChar(ch)) {
      key += ch;
      i++;
    } else if (INTERNAL_KEY_PUNCTUATION.has(ch) && isKeyChar(charAt(units, i + 1))) {
      key += ch;
      i++;
    } else if ((ch === ':' || ch === '/') && charAt(units, i + 1) === '/') {
      key += ch;
      i++;
    } else {
      break;
    }
  }
  return { key, suppressAuthor, end: i };
}

/** `{…}` with balanced braces and no white space; the key is what lies between the outer braces. */
function matchBracedKey(units: readonly Unit[], open: number): { key: string; end: number } | null {
  let depth = 0;
  let key = '';
  /** Feeds one character; returns true when it closed the outer brace. */
  const feed = (ch: string): boolean => {
    if (ch === '{') {
      depth++;
      if (depth > 1) key += ch;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) return true;
      key += ch;
    } else {
      key += ch;
    }
    return false;
  };
  for (let i = open; i < units.length; i++) {
    const unit = units[i]!;
    // GFM turns a URL inside the braces into a link (taking the closing brace with it); its
    // text is still the key, as long as the key ends where the link does.
    const text = 'node' in unit ? (unit.node.type === 'link' && depth > 0 ? linkText(unit.node) : null) : unit.ch;
    if (text === null || /\s/u.test(text)) return null;
    const chars = Array.from(text);
    for (let j = 0; j < chars.length; j++) {
      if (!feed(chars[j]!)) continue;
      if (j !== chars.length - 1) return null;
      return key.length > 0 ? { key, end: i + 1 } : null;
    }
  }
  return null;
}

function linkText(node: PhrasingContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as PhrasingContent[]).map(linkText).join('');
  return '';
}

/** The result of a grammar rule: what it built and where it stopped. */
interface Match<T> {
  readonly value: T;
  readonly end: number;
}

/** Trims white-space units from both ends of a piece list, as Pandoc's `trimInlines` does. */
function trimPieces(pieces: Piece[]): Piece[] {
  const flat: Array<Unit | Exclude<Piece, { kind: 'units' }>> = [];
  for (const piece of pieces) {
    if (piece.kind === 'units') flat.push(...piece.units);
    else flat.push(piece);
  }
  const isSpaceUnit = (item: (typeof flat)[number]): boolean =>
    'ch' in item && (item.ch === ' ' || item.ch === '\t' || item.ch === '\n');
  let start = 0;
  let end = flat.length;
  while (start < end && isSpaceUnit(flat[start]!)) start++;
  while (end > start && isSpaceUnit(flat[end - 1]!)) end--;
  return regroup(flat.slice(start, end));
}

function regroup(flat: ReadonlyArray<Unit | Exclude<Piece, { kind: 'units' }>>): Piece[] {
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
 * Pandoc's `prefix`: inlines up to the key. A `]` first means there is no key, so no citation.
 * A `[` may open a nested citation, which becomes part of the prefix.
 */
function matchPrefix(units: readonly Unit[], index: number): Match<Piece[]> | null {
  const pieces: Piece[] = [];
  let i = index;
  while (i < units.length) {
    if (syntaxCharAt(units, i) === ']') return null;
    let lookahead: number | null = i;
    if (syntaxCharAt(units, i) === ';') lookahead = skipSpaceAndNewline(units, i + 1);
    if (lookahead !== null && matchCiteKey(units, lookahead) !== null) {
      return { value: trimPieces(pieces), end: i };
    }
    const nested = matchInlineCitation(units, i);
    if (nested !== null) {
      pieces.push({ kind: 'cluster', cluster: nested.value });
      i = nested.end;
      continue;
    }
    pushUnit(pieces, units[i]!);
    i++;
  }
  return null;
}

/** Pandoc's `suffix`: inlines up to `;` or `]`, with a leading space kept as one space. */
function matchSuffix(units: readonly Unit[], index: number): Match<Piece[]> | null {
  const next = charAt(units, index);
  const hasSpace = next === null ? units[index] === undefined : /\s/u.test(next);
  const start = skipSpaceAndNewline(units, index);
  if (start === null) return null;
  const pieces: Piece[] = [];
  let i = start;
  while (i < units.length) {
    const ch = syntaxCharAt(units, i);
    if (ch === ';' || ch === ']') break;
    const nested = matchInlineCitation(units, i);
    if (nested !== null) {
      pieces.push({ kind: 'cluster', cluster: nested.value });
      i = nested.end;
      continue;
    }
    pushUnit(pieces, units[i]!);
    i++;
  }
  const rest = trimPieces(pieces);
  const spaceUnit: Unit = { ch: ' ', escaped: false, offset: units[index]?.offset ?? 0 };
  return { value: hasSpace ? [{ kind: 'units', units: [spaceUnit] }, ...rest] : rest, end: i };
}

/** Pandoc's `citation`: prefix, key, suffix, inside brackets. */
function matchBracketedItem(units: readonly Unit[], index: number): Match<ScannedItem> | null {
  const prefix = matchPrefix(units, index);
  if (prefix === null) return null;
  const key = matchCiteKey(units, prefix.end);
  if (key === null) return null;
  const suffix = matchSuffix(units, key.end);
  if (suffix === null) return null;
  return {
    value: {
      key: key.key,
      mode: key.suppressAuthor ? 'suppress-author' : 'normal',
      prefix: prefix.value,
      suffix: suffix.value,
    },
    end: suffix.end,
  };
}

/** Pandoc's `citeList`: items separated by `;`. */
function matchItemList(units: readonly Unit[], index: number): Match<ScannedItem[]> | null {
  const first = matchBracketedItem(units, index);
  if (first === null) return null;
  const items = [first.value];
  let end = first.end;
  for (;;) {
    if (syntaxCharAt(units, end) !== ';') break;
    const afterSeparator = skipSpaceAndNewline(units, end + 1);
    if (afterSeparator === null) break;
    const next = matchBracketedItem(units, afterSeparator);
    if (next === null) break;
    items.push(next.value);
    end = next.end;
  }
  return { value: items, end };
}

/** Pandoc's `normalCite`: `[` items `]`. */
function matchBracketedItems(units: readonly Unit[], index: number): Match<ScannedItem[]> | null {
  if (syntaxCharAt(units, index) !== '[') return null;
  const start = skipSpaceAndNewline(units, index + 1);
  if (start === null) return null;
  const list = matchItemList(units, start);
  if (list === null) return null;
  const close = skipSpaceAndNewline(units, list.end);
  if (close === null || syntaxCharAt(units, close) !== ']') return null;
  return { value: list.value, end: close + 1 };
}

/** True when the unit at index would make a `[…]` before it a link (`[` or `(`). */
function isFollowedByLinkSyntax(units: readonly Unit[], index: number): boolean {
  const ch = syntaxCharAt(units, index);
  return ch === '[' || ch === '(';
}

/** Pandoc's `bareloc`: the `[p. 33]` after an author-in-text key, possibly with more items. */
function matchBareLocator(units: readonly Unit[], index: number, first: ScannedItem): Match<ScannedItem[]> | null {
  const open = skipSpaceAndNewline(units, index);
  if (open === null || syntaxCharAt(units, open) !== '[') return null;
  if (charAt(units, open + 1) === '^') return null;
  const suffix = matchSuffix(units, open + 1);
  if (suffix === null) return null;
  const items: ScannedItem[] = [{ ...first, suffix: suffix.value }];
  let end = suffix.end;
  if (syntaxCharAt(units, end) === ';') {
    const afterSeparator = skipSpaceAndNewline(units, end + 1);
    const rest = afterSeparator === null ? null : matchItemList(units, afterSeparator);
    if (rest !== null) {
      items.push(...rest.value);
      end = rest.end;
    }
  }
  const close = skipSpaceAndNewline(units, end);
  if (close === null || syntaxCharAt(units, close) !== ']') return null;
  if (isFollowedByLinkSyntax(units, close + 1)) return null;
  return { value: items, end: close + 1 };
}

/** Pandoc's `textualCite`: `@key`, optionally followed by `[locator]` or a bracketed cluster. */
function matchTextualCitation(units: readonly Unit[], index: number): Match<ScannedCluster> | null {
  const key = matchCiteKey(units, index);
  if (key === null) return null;
  const first: ScannedItem = {
    key: key.key,
    mode: key.suppressAuthor ? 'suppress-author' : 'author-in-text',
    prefix: [],
    suffix: [],
  };
  let items: ScannedItem[] = [first];
  let end = key.end;
  const afterSpace = skipSpaceAndNewline(units, key.end);
  const following = afterSpace === null ? null : matchBracketedItems(units, afterSpace);
  if (following !== null) {
    items = [first, ...following.value];
    end = following.end;
  } else {
    const bare = matchBareLocator(units, key.end, first);
    if (bare !== null) {
      items = bare.value;
      end = bare.end;
    }
  }
  return { value: { items, offset: units[index]!.offset, units: units.slice(index, end) }, end };
}

/** Pandoc's `cite`: a textual citation, or else a bracketed one. */
function matchInlineCitation(units: readonly Unit[], index: number): Match<ScannedCluster> | null {
  const ch = syntaxCharAt(units, index);
  if (ch === '@' || ch === '-') return matchTextualCitation(units, index);
  if (ch === '[') {
    const bracketed = matchBracketedItems(units, index);
    if (bracketed === null || isFollowedByLinkSyntax(units, bracketed.end)) return null;
    return {
      value: { items: bracketed.value, offset: units[index]!.offset, units: units.slice(index, bracketed.end) },
      end: bracketed.end,
    };
  }
  return null;
}

/** `[[target]]`, `[[target|label]]` and `![[target]]`, in plain characters only. */
function matchWikiLink(units: readonly Unit[], index: number): Match<ScannedWikiLink> | null {
  let i = index;
  const embed = syntaxCharAt(units, i) === '!';
  if (embed) i++;
  if (syntaxCharAt(units, i) !== '[' || syntaxCharAt(units, i + 1) !== '[') return null;
  i += 2;
  let target = '';
  let label: string | null = null;
  for (; i < units.length; i++) {
    const unit = units[i]!;
    if (!('ch' in unit) || unit.ch === '\n' || (unit.ch === '[' && !unit.escaped)) return null;
    if (!unit.escaped && unit.ch === ']') {
      if (syntaxCharAt(units, i + 1) !== ']') return null;
      const trimmedTarget = target.trim();
      if (trimmedTarget === '') return null;
      const trimmedLabel = label === null ? null : label.trim();
      return {
        value: {
          target: trimmedTarget,
          label: trimmedLabel === '' ? null : trimmedLabel,
          embed,
          offset: units[index]!.offset,
          units: units.slice(index, i + 2),
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

/** Scans the units of one parent node into text runs, citation clusters and wiki-links. */
export function scanReferences(units: readonly Unit[]): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < units.length) {
    const link = matchWikiLink(units, i);
    if (link !== null) {
      pieces.push({ kind: 'wiki-link', link: link.value });
      i = link.end;
      continue;
    }
    const citation = matchInlineCitation(units, i);
    if (citation !== null) {
      pieces.push({ kind: 'cluster', cluster: citation.value });
      i = citation.end;
      continue;
    }
    pushUnit(pieces, units[i]!);
    i++;
  }
  return pieces;
}
