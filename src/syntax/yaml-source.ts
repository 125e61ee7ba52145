/**
 * YAML with positions: frontmatter, topics.yaml, CSL-YAML and CSL-JSON are read through the
 * `yaml` package's document API so every field can be traced back to its line and column.
 */
import { isNode, parseDocument, type Document } from 'yaml';
import { LineIndex } from './line-index.js';
import { diagnostic, type Diagnostic, type Place } from '../model/diagnostic.js';

export interface YamlSource {
  /** The plain JavaScript value of the document, or undefined when it could not be read. */
  readonly value: unknown;
  /** Where the value at a path was written; the document's start when the path is absent. */
  placeOf(path: ReadonlyArray<string | number>): Place;
  /** Where the key of a mapping entry was written, for "unknown field" messages. */
  keyPlaceOf(path: ReadonlyArray<string | number>): Place;
  readonly diagnostics: readonly Diagnostic[];
}

/** The place of every field and list item of a YAML value, keyed by its dotted path. */
export function placesOfAllFields(yaml: YamlSource): Record<string, Place> {
  const places: Record<string, Place> = {};
  const walk = (value: unknown, path: Array<string | number>): void => {
    if (path.length > 0) places[path.join('.')] = yaml.placeOf(path);
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(yaml.value, []);
  return places;
}

/** How many mistakes in one YAML text are mended to read on; each mending is reported. */
const MOST_REPAIRS = 20;

/**
 * Parses YAML text that starts at `origin` in `file` (line and column of its first character).
 * Syntax errors become `yaml-syntax` diagnostics in plain words, at the line of the mistake. The
 * common mistakes (a colon in an unquoted value, a list or quotation left open) are mended in a
 * copy of the text, line for line, so that the other fields are still read and checked.
 */
export function parseYamlSource(text: string, file: string, origin: { line: number; column: number } = { line: 1, column: 1 }): YamlSource {
  return readYamlSource(text, file, origin, true);
}

/**
 * The same as parseYamlSource, always through the yaml package's document: the reference that
 * the reader of flat mappings (see readFlatMapping) is checked against.
 */
export function parseYamlSourceWithDocument(text: string, file: string, origin: { line: number; column: number } = { line: 1, column: 1 }): YamlSource {
  return readYamlSource(text, file, origin, false);
}

function readYamlSource(text: string, file: string, origin: { line: number; column: number }, flatMappingsDirectly: boolean): YamlSource {
  // Lines are counted from the text itself: the yaml package's own line counter misses a line
  // break that ends a broken token (`''@` and a newline), and placed errors on the wrong line.
  // A mended text has the same lines as the original (mending happens within a line), so places
  // are counted in the text that was read.
  let readable = text;
  let lines = new LineIndex(text);
  const originalLines = text.split('\n');
  const toPlace = (offset: number): Place => {
    const counted = lines.position(Math.min(Math.max(0, offset), readable.length));
    // Kept inside the text as written: a mended line may be a character or two longer.
    const line = Math.min(counted.line, originalLines.length);
    const column = Math.min(counted.column, (originalLines[line - 1]?.replace(/\r$/, '').length ?? 0) + 1);
    return { file, line: origin.line + line - 1, column: line === 1 ? origin.column + column - 1 : column };
  };
  const start = toPlace(0);
  const tooDeep = deepYamlNesting(text);
  if (tooDeep !== null) {
    const message = `YAML nested more than ${MAX_YAML_NESTING} levels deep cannot be read`;
    return { value: undefined, placeOf: () => start, keyPlaceOf: () => start, diagnostics: [diagnostic(toPlace(tooDeep), 'too-deeply-nested', message)] };
  }
  const flat = flatMappingsDirectly ? readFlatMapping(text) : null;
  if (flat !== null) {
    const placeAt = (path: ReadonlyArray<string | number>, key: boolean): Place => {
      for (let length = path.length; length > 0; length--) {
        if (key && length === path.length) {
          const parent = flatNodeAt(flat, path.slice(0, length - 1));
          const keyOffset = parent?.kind === 'map' ? parent.entries.get(path[length - 1] as string)?.keyOffset : undefined;
          if (keyOffset !== undefined) return toPlace(keyOffset);
        }
        const node = flatNodeAt(flat, path.slice(0, length));
        if (node !== undefined) return toPlace(node.offset);
      }
      return start;
    };
    return { value: flatValue(flat), placeOf: (path) => placeAt(path, false), keyPlaceOf: (path) => placeAt(path, true), diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const report = (offset: number, message: string): boolean => {
    const place = toPlace(offset);
    const key = `${place.line}:${message}`;
    if (reported.has(key)) return false;
    reported.add(key);
    diagnostics.push(diagnostic(place, 'yaml-syntax', message));
    return true;
  };
  let document: Document = parseYaml(readable);
  for (let repairs = 0; document.errors.length > 0; repairs++) {
    const error = document.errors[0]!;
    const explained = explainYamlError(readable, error.code, error.pos[0], firstLine(error.message));
    // A mending that brings back the same mistake has not mended it: stop there.
    const isNew = report(explained.offset, explained.message);
    if (explained.repaired === null || !isNew || repairs >= MOST_REPAIRS) {
      // Nothing more can be mended: the remaining errors are reported as the parser words them.
      for (const other of document.errors.slice(1)) report(other.pos[0], `cannot read YAML: ${firstLine(other.message)}`);
      break;
    }
    readable = explained.repaired;
    lines = new LineIndex(readable);
    document = parseYaml(readable);
  }
  const nodeAt = (path: ReadonlyArray<string | number>, key: boolean): Place => {
    for (let length = path.length; length > 0; length--) {
      const prefix = path.slice(0, length);
      if (key && length === path.length) {
        const parent = length === 1 ? document.contents : document.getIn(prefix.slice(0, -1), true);
        const pair = parent !== null && typeof parent === 'object' && 'items' in parent
          ? (parent.items as unknown[]).find((item) => isPairWithKey(item, prefix[prefix.length - 1]!))
          : undefined;
        const keyNode = (pair as { key?: unknown } | undefined)?.key;
        if (isNode(keyNode) && keyNode.range) return toPlace(keyNode.range[0]);
      }
      const node = document.getIn(prefix, true);
      if (isNode(node) && node.range) return toPlace(node.range[0]);
    }
    return start;
  };
  let value: unknown;
  if (document.errors.length === 0) {
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      diagnostics.push(diagnostic(start, 'yaml-syntax', `cannot read YAML: ${(error as Error).message}`));
    }
  }
  return {
    value,
    placeOf: (path) => nodeAt(path, false),
    keyPlaceOf: (path) => nodeAt(path, true),
    diagnostics,
  };
}

/**
 * A flat mapping as readFlatMapping reads it: every node with the offset its first character has
 * in the text, as the yaml package's node ranges give it.
 */
type FlatNode =
  | { readonly kind: 'string'; readonly offset: number; readonly value: string }
  | { readonly kind: 'list'; readonly offset: number; readonly items: readonly FlatNode[] }
  | { readonly kind: 'map'; readonly offset: number; readonly entries: ReadonlyMap<string, { readonly keyOffset: number; readonly value: FlatNode }> };

/** A key that the core schema reads as a string (not `true`, `null`…), written plainly, shorter than YAML's bound on keys. */
const FLAT_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;
/**
 * A plain scalar that the core schema surely reads as a string: it starts with a letter and is no
 * `null`, `true` or `false`, or it is a date (which YAML 1.2 keeps as a string); no character in
 * it is YAML syntax where it stands (no `:`, `#`, quotation mark first, brackets or braces).
 */
const FLAT_STRING = /^(?:[\p{L}][\p{L}\p{M}\p{N} .;'()/+_?!&%-]*[\p{L}\p{M}\p{N}.;'()/+_?!&%-]|[\p{L}]|\d{4}-\d{2}-\d{2})$/u;
const FLAT_LINE = /^([A-Za-z][A-Za-z0-9_-]*):( +)(\S.*)$/;
const NOT_A_STRING = new Set(['null', 'true', 'false']);

function flatString(value: string, offset: number): FlatNode | null {
  return FLAT_STRING.test(value) && !NOT_A_STRING.has(value.toLowerCase()) ? { kind: 'string', offset, value } : null;
}

/**
 * Reads the frontmatter most records have — one `key: value` a line, values plain words or dates
 * or a `[…]` list of them, nothing else — directly, as the yaml package would read it, with the
 * same places; null for anything else (comments, quotes, nesting, blank lines, numbers, repeated
 * keys), which the yaml package reads. Parsing a document was most of the cost of frontmatter.
 */
function readFlatMapping(text: string): FlatNode | null {
  if (text === '' || /[\t\r#"\\]/.test(text)) return null;
  const entries = new Map<string, { keyOffset: number; value: FlatNode }>();
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const match = FLAT_LINE.exec(line);
    if (match === null || !FLAT_KEY.test(match[1]!) || NOT_A_STRING.has(match[1]!.toLowerCase()) || entries.has(match[1]!)) return null;
    const written = match[3]!;
    const valueOffset = lineStart + match[1]!.length + 1 + match[2]!.length;
    let value: FlatNode | null;
    if (written.startsWith('[')) {
      if (!written.endsWith(']')) return null;
      const inner = written.slice(1, -1);
      const items: FlatNode[] = [];
      if (inner.trim() !== '') {
        let itemStart = valueOffset + 1;
        for (const part of inner.split(',')) {
          const leading = part.length - part.trimStart().length;
          const item = flatString(part.trim(), itemStart + leading);
          if (item === null || /[[\]{}]/.test(part)) return null;
          items.push(item);
          itemStart += part.length + 1;
        }
      }
      value = { kind: 'list', offset: valueOffset, items };
    } else {
      value = /[[\]{},]/.test(written) ? null : flatString(written, valueOffset);
    }
    if (value === null) return null;
    entries.set(match[1]!, { keyOffset: lineStart, value });
    lineStart += line.length + 1;
  }
  return { kind: 'map', offset: 0, entries };
}

/** Whether a YAML text is a flat mapping that parseYamlSource reads without the yaml package. */
export function readsAsFlatMapping(text: string): boolean {
  return readFlatMapping(text) !== null;
}

/** The node at a path, as the yaml package's `getIn` finds it (a list index may be a string of digits). */
function flatNodeAt(root: FlatNode, path: ReadonlyArray<string | number>): FlatNode | undefined {
  let node: FlatNode | undefined = root;
  for (const step of path) {
    if (node === undefined) return undefined;
    if (node.kind === 'map') node = typeof step === 'string' ? node.entries.get(step)?.value : undefined;
    else if (node.kind === 'list') {
      const index = typeof step === 'string' && step !== '' ? Number(step) : step;
      node = typeof index === 'number' && Number.isInteger(index) && index >= 0 ? node.items[index] : undefined;
    } else return undefined;
  }
  return node;
}

/** The plain JavaScript value of a flat node, as the yaml package's `toJS` gives it. */
function flatValue(node: FlatNode): unknown {
  if (node.kind === 'string') return node.value;
  if (node.kind === 'list') return node.items.map(flatValue);
  const value: Record<string, unknown> = {};
  for (const [key, entry] of node.entries) value[key] = flatValue(entry.value);
  return value;
}

function parseYaml(text: string): Document {
  return parseDocument(text, { prettyErrors: false, uniqueKeys: true, version: '1.2' });
}

/** A YAML error in plain words, where the mistake was made, and the text mended when it can be. */
interface ExplainedYamlError {
  readonly offset: number;
  readonly message: string;
  /** The text with this mistake mended and every line where it was, or null when it cannot be. */
  readonly repaired: string | null;
}

/** The start and end offsets of the line that holds `offset`. */
function lineAround(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const newline = text.indexOf('\n', offset);
  const end = newline === -1 ? text.length : newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
  return { start: Math.min(start, offset), end };
}

/**
 * The innermost bracket or quotation mark still open at `offset`, reading from the start: where a
 * list, mapping or quoted value began that the parser only found unfinished lines later.
 */
function unclosedOpener(text: string, offset: number): { offset: number; char: string } | null {
  const open: Array<{ offset: number; char: string }> = [];
  let quote: { offset: number; char: string } | null = null;
  // The last character before `index` that is not white space, kept as we go (one pass, not one per character).
  let previous = '';
  for (let index = 0; index < offset && index < text.length; previous = /\s/.test(text[index] ?? '') ? previous : (text[index] ?? ''), index++) {
    const char = text[index]!;
    if (quote !== null) {
      if (quote.char === '"' && char === '\\') index++;
      else if (char === quote.char) quote = null;
      continue;
    }
    if (char === '#' && (index === 0 || /\s/.test(text[index - 1]!))) {
      const newline = text.indexOf('\n', index);
      index = newline === -1 ? text.length : newline - 1;
      continue;
    }
    // A quotation mark opens a quoted value only where a value can begin.
    if ((char === '"' || char === "'") && (previous === '' || /[:,[{\-\n]/.test(previous) || text[index - 1] === '\n')) quote = { offset: index, char };
    else if (char === '[' || char === '{') open.push({ offset: index, char });
    else if ((char === ']' || char === '}') && open.length > 0) open.pop();
  }
  return quote ?? open[open.length - 1] ?? null;
}

/** Puts the value of a `key: value` line in double quotes, keeping the rest of the text as it was. */
function quoteValueOfLine(text: string, line: { start: number; end: number }): { key: string; value: string; repaired: string } | null {
  const match = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?):[ \t]+(.*?)\s*$/.exec(text.slice(line.start, line.end));
  if (match === null || match[3] === '' || /^["'[{|>]/.test(match[3]!)) return null;
  const value = match[3]!;
  const quoted = `${match[1]}${match[2]}: ${JSON.stringify(value)}`;
  return { key: match[2]!.trim(), value, repaired: text.slice(0, line.start) + quoted + text.slice(line.end) };
}

/** Turns the yaml package's error into a message that names the fix, placed at the mistake. */
function explainYamlError(text: string, code: string, offset: number, parserMessage: string): ExplainedYamlError {
  const line = lineAround(text, Math.min(offset, text.length));
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || /nested mappings are not allowed/i.test(parserMessage)) {
    const quoted = quoteValueOfLine(text, line);
    if (quoted !== null) {
      return {
        offset: line.start,
        message: `the value of "${quoted.key}" holds a colon followed by a space, which YAML reads as another field: put the value in quotes (${quoted.key}: ${JSON.stringify(quoted.value)})`,
        repaired: quoted.repaired,
      };
    }
  }
  const opener = code === 'DUPLICATE_KEY' ? null : unclosedOpener(text, offset);
  if (opener !== null && (code === 'BAD_INDENT' || code === 'MISSING_CHAR' || code === 'UNEXPECTED_TOKEN' || /end with a|missing closing/i.test(parserMessage))) {
    const closer = opener.char === '[' ? ']' : opener.char === '{' ? '}' : opener.char;
    const what = opener.char === '[' ? 'list' : opener.char === '{' ? 'mapping' : 'quotation';
    const openerLine = lineAround(text, opener.offset);
    const lineText = text.slice(openerLine.start, openerLine.end);
    // The closer goes at the end of the line where the list began, before a comment.
    const comment = /\s#/.exec(lineText.slice(opener.offset - openerLine.start));
    const at = comment === null ? openerLine.end : opener.offset + comment.index;
    return {
      offset: opener.offset,
      message: `the ${what} opened here with ${opener.char} is never closed: add ${closer} at its end`,
      repaired: text.slice(0, at) + closer + text.slice(at),
    };
  }
  if (code === 'DUPLICATE_KEY') {
    const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(text.slice(line.start, line.end))?.[1] ?? 'this key';
    // The later field is read as a comment from here on, so the first is the one kept.
    const mended = `${text.slice(0, line.start)}#${text.slice(line.start)}`;
    const indented = /^\s*-/.test(text.slice(line.start, line.end)) ? null : mended;
    return { offset: line.start + Math.max(0, text.slice(line.start, line.end).search(/\S/)), message: `field "${key}" is written twice in this mapping (keys must be unique): keep one`, repaired: indented };
  }
  if (code === 'TAB_AS_INDENT') {
    return { offset, message: 'a tab is used to indent: YAML indents with spaces only', repaired: `${text.slice(0, line.start)}${text.slice(line.start, line.end).replace(/\t/g, '  ')}${text.slice(line.end)}` };
  }
  return { offset, message: `cannot read YAML: ${parserMessage}`, repaired: null };
}

/** More levels of YAML nesting than any record needs; the yaml package recurses per level. */
export const MAX_YAML_NESTING = 64;

/**
 * The offset where YAML first nests too deep, counted generously before parsing: `[` and `{`
 * not yet closed, or a line indented further than a nesting of that many levels would need.
 * The yaml package, given 20,000 nested brackets, exhausted the process's memory and aborted it.
 */
export function deepYamlNesting(text: string): number | null {
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart && ch === ' ') {
      if (++indent > MAX_YAML_NESTING * 4) return i;
      continue;
    }
    lineStart = false;
    if (ch === '[' || ch === '{') {
      if (++depth > MAX_YAML_NESTING) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
  }
  return null;
}

function isPairWithKey(item: unknown, key: string | number): boolean {
  if (item === null || typeof item !== 'object' || !('key' in item)) return false;
  const itemKey = (item as { key: unknown }).key;
  const keyValue = isNode(itemKey) && 'value' in itemKey ? (itemKey as { value: unknown }).value : itemKey;
  return keyValue === key;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
