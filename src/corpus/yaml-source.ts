/**
 * YAML with positions: frontmatter, topics.yaml, CSL-YAML and CSL-JSON are read through the
 * `yaml` package's document API so every field can be traced back to its line and column.
 */
import { isNode, parseDocument, type Document } from 'yaml';
import { LineIndex } from './references.js';
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

/**
 * Parses YAML text that starts at `origin` in `file` (line and column of its first character).
 * Syntax errors become `yaml-syntax` diagnostics; the value is then undefined.
 */
export function parseYamlSource(text: string, file: string, origin: { line: number; column: number } = { line: 1, column: 1 }): YamlSource {
  // Lines are counted from the text itself: the yaml package's own line counter misses a line
  // break that ends a broken token (`''@` and a newline), and placed errors on the wrong line.
  const lines = new LineIndex(text);
  const toPlace = (offset: number): Place => {
    const { line, column } = lines.position(Math.min(Math.max(0, offset), text.length));
    return { file, line: origin.line + line - 1, column: line === 1 ? origin.column + column - 1 : column };
  };
  const start = toPlace(0);
  const tooDeep = deepYamlNesting(text);
  if (tooDeep !== null) {
    const message = `YAML nested more than ${MAX_YAML_NESTING} levels deep cannot be read`;
    return { value: undefined, placeOf: () => start, keyPlaceOf: () => start, diagnostics: [diagnostic(toPlace(tooDeep), 'too-deeply-nested', message)] };
  }
  const document: Document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const diagnostics = document.errors.map((error) =>
    diagnostic(toPlace(error.pos[0]), 'yaml-syntax', `cannot read YAML: ${firstLine(error.message)}`),
  );
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
