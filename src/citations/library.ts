/**
 * The bibliography library: BibTeX/BibLaTeX, RIS, CSL-JSON and CSL-YAML files read with
 * citation-js into one model, CSL-JSON. Every entry keeps the place it was written, and an entry
 * that cannot be read becomes a diagnostic while the rest of its file is kept.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import { diagnostic, type Diagnostic, type Place } from '../model/diagnostic.js';
import { isCiteKey, isRecordId, type CiteKey, type TopicId } from '../model/ids.js';
import type { CslItem, Position, Verification, Visibility } from '../model/records.js';
import { parseYamlSource } from '../corpus/yaml-source.js';
import { appliesTo, BIBLATEX_FIELDS, getCslValue, plainBiblatexValue, setCslValue, splitBiblatexNames } from './biblatex-fields.js';

/** A bibliography entry as read from its file, before archived texts and links are attached. */
export interface LibraryEntry {
  readonly key: CiteKey;
  readonly file: string;
  readonly position: Position;
  readonly csl: CslItem;
  readonly verification: Verification;
  readonly topics: readonly TopicId[];
  readonly visibility: Visibility;
}

export interface LibraryFile {
  readonly entries: LibraryEntry[];
  readonly diagnostics: Diagnostic[];
}

/** The CSL 1.0.2 item types; legal types among them keep their type through dossier. */
export const CSL_TYPES: ReadonlySet<string> = new Set([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter',
  'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'event',
  'figure', 'graphic', 'hearing', 'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture',
  'musical_score', 'pamphlet', 'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication',
  'post', 'post-weblog', 'regulation', 'report', 'review', 'review-book', 'software', 'song', 'speech', 'standard',
  'thesis', 'treaty', 'webpage',
]);

/** Which reader handles which file ending. */
const READERS: Readonly<Record<string, (text: string, file: string) => LibraryFile>> = {
  bib: readBibtex,
  bibtex: readBibtex,
  json: readCslJson,
  yaml: readCslYaml,
  yml: readCslYaml,
  ris: readRis,
};

/** The file endings the library reads. */
export const LIBRARY_EXTENSIONS: ReadonlySet<string> = new Set(Object.keys(READERS));

/** Reads one bibliography file; the ending chooses the format. */
export function readLibraryFile(text: string, file: string): LibraryFile {
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const reader = READERS[extension];
  if (reader === undefined) {
    throw new TypeError(`no bibliography reader for "${file}"; check LIBRARY_EXTENSIONS before calling readLibraryFile`);
  }
  return reader(text, file);
}

/** citation-js with a forced input type never guesses, so it never fetches DOIs, URLs or Wikidata. */
function citationJs(input: unknown, forceType: string): Array<Record<string, unknown>> {
  return plugins.input.chain(input, { forceType, generateGraph: false }) as Array<Record<string, unknown>>;
}

function positionOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** dossier's own fields live under CSL's `custom`: verification, visibility and topics. */
function dossierFields(item: Record<string, unknown>, place: Place, diagnostics: Diagnostic[]) {
  const custom = (typeof item.custom === 'object' && item.custom !== null ? item.custom : {}) as Record<string, unknown>;
  const verified = custom.verified === true;
  const note = typeof custom.verification === 'string' ? custom.verification : null;
  let visibility: Visibility = 'public';
  if (custom.visibility === 'internal') visibility = 'internal';
  else if (custom.visibility !== undefined && custom.visibility !== 'public') {
    diagnostics.push(diagnostic(place, 'invalid-field', `field "custom.visibility" must be "public" or "internal"`));
  }
  const topics: TopicId[] = [];
  const rawTopics = Array.isArray(custom.topics) ? custom.topics : custom.topics === undefined ? [] : [custom.topics];
  for (const topic of rawTopics) {
    if (typeof topic === 'string' && isRecordId(topic)) topics.push(topic as TopicId);
    else diagnostics.push(diagnostic(place, 'invalid-field', `field "custom.topics" holds ${JSON.stringify(topic)}, which is not a topic id`));
  }
  return { verification: { verified, note }, visibility, topics };
}

/** Checks one CSL item and turns it into an entry, or reports why it cannot be one. */
function toEntry(item: Record<string, unknown>, file: string, position: Position, diagnostics: Diagnostic[]): LibraryEntry | null {
  const place = { file, ...position };
  const rawKey = item['citation-key'] ?? item.id;
  const key = typeof rawKey === 'number' ? String(rawKey) : rawKey;
  if (typeof key !== 'string' || key === '') {
    diagnostics.push(diagnostic(place, 'unreadable-entry', 'bibliography entry has no id (cite key); give it one'));
    return null;
  }
  if (!isCiteKey(key)) {
    diagnostics.push(diagnostic(place, 'unreadable-entry', `"${key}" cannot be a cite key: keys have no spaces or braces`));
    return null;
  }
  if (typeof item.type !== 'string' || !CSL_TYPES.has(item.type)) {
    const found = item.type === undefined ? 'none' : JSON.stringify(item.type);
    diagnostics.push(diagnostic(place, 'unreadable-entry', `entry "${key}" has type ${found}, which is not a CSL type`));
    return null;
  }
  if (item.title === undefined && item.author === undefined && item['container-title'] === undefined) {
    diagnostics.push(diagnostic(place, 'unreadable-entry', `entry "${key}" has neither title nor author`));
    return null;
  }
  // citation-js's bookkeeping: the graph of its parse, and the key again (it is the id).
  const { _graph: _ignored, 'citation-key': _key, ...clean } = item;
  const csl = { ...clean, id: key, type: item.type } as CslItem;
  return { key: key as CiteKey, file, position, csl, ...dossierFields(item, place, diagnostics) };
}

/** The start of each `@type{` entry in a BibTeX file, with its type. */
function bibtexEntryStarts(text: string): Array<{ offset: number; type: string }> {
  const starts: Array<{ offset: number; type: string }> = [];
  const pattern = /^[ \t]*@([A-Za-z]+)[ \t]*[{(]/gm;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    starts.push({ offset: match.index + match[0].indexOf('@'), type: match[1]!.toLowerCase() });
  }
  return starts;
}

/** citation-js reports `at line L col C`; translate that into the file's own position. */
function bibtexErrorPosition(message: string, text: string, chunkOffset: number): Position {
  const match = /at line (\d+) col (\d+)/.exec(message);
  const base = positionOf(text, chunkOffset);
  if (match === null) return base;
  const line = Number(match[1]);
  const column = Number(match[2]);
  return line === 1 ? { line: base.line, column: base.column + column - 1 } : { line: base.line + line - 1, column };
}

/** Adds to citation-js's CSL what it left out of the BibLaTeX entry (see BIBLATEX_FIELDS). */
function completeFromBiblatex(items: Array<Record<string, unknown>>, source: string): void {
  let raw: Array<{ label: string; properties: Record<string, string> }>;
  try {
    raw = plugins.input.chain(source, { forceType: '@biblatex/text', target: '@biblatex/entries+list', generateGraph: false } as never) as typeof raw;
  } catch {
    return;
  }
  for (const item of items) {
    const entry = raw.find((candidate) => candidate.label === item.id);
    if (entry === undefined) continue;
    for (const field of BIBLATEX_FIELDS) {
      const value = entry.properties[field.biblatex] ?? (field.bibtex === undefined ? undefined : entry.properties[field.bibtex]);
      if (value === undefined || !appliesTo(field, item.type)) continue;
      if (getCslValue(item, field.csl) !== undefined && field.override !== true) continue;
      const plain = plainBiblatexValue(value);
      const read = field.boolean ? /^(true|yes)$/i.test(plain) : field.list ? plain.split(',').map((part) => part.trim()).filter(Boolean) : plain;
      setCslValue(item, field.csl, read);
      // BibLaTeX keywords are dossier's topics; citation-js would also keep them as `keyword`.
      if (field.csl === 'custom.topics') delete item.keyword;
      // citation-js reads `institution` as the publisher; for a court or a UN body it is the authority.
      if (field.csl === 'authority' && item.publisher === plain) delete item.publisher;
      // citation-js reads a report's series as a collection; for dossier it is the container.
      if (field.csl === 'container-title' && item['collection-title'] === plain) delete item['collection-title'];
      if (field.csl === 'volume' && item.issue === plain) delete item.issue;
    }
    // BibLaTeX requires a report's type; "report" is what dossier writes when there is none.
    if (item.type === 'report' && item.genre === 'report' && entry.properties.type === 'report') delete item.genre;
    // A name written wholly in braces ({{United Nations}}) is an organisation, not a family name.
    for (const role of ['author', 'editor'] as const) {
      const written = entry.properties[role];
      const names = item[role];
      if (written === undefined || !Array.isArray(names)) continue;
      splitBiblatexNames(written).forEach((name, index) => {
        if (/^\{[^{}]*\}$/.test(name) && names[index] !== undefined) names[index] = { literal: plainBiblatexValue(name) };
      });
    }
  }
}

function readBibtex(text: string, file: string): LibraryFile {
  const diagnostics: Diagnostic[] = [];
  const entries: LibraryEntry[] = [];
  const starts = bibtexEntryStarts(text);
  // @string macros apply to every entry, so each entry is read with all of them in front.
  const macros = starts
    .map((start, index) => ({ ...start, end: starts[index + 1]?.offset ?? text.length }))
    .filter((start) => start.type === 'string')
    .map((start) => text.slice(start.offset, start.end))
    .join('\n');
  const chunks = starts
    .map((start, index) => ({ ...start, end: starts[index + 1]?.offset ?? text.length }))
    .filter((start) => start.type !== 'string' && start.type !== 'comment' && start.type !== 'preamble');
  for (const chunk of chunks) {
    const body = text.slice(chunk.offset, chunk.end);
    const position = positionOf(text, chunk.offset);
    let items: Array<Record<string, unknown>>;
    const source = macros === '' ? body : `${macros}\n${body}`;
    try {
      items = citationJs(source, '@biblatex/text');
      completeFromBiblatex(items, source);
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]!;
      const macroLines = macros === '' ? 0 : macros.split('\n').length;
      const adjusted = message.replace(/at line (\d+)/, (_, line: string) => `at line ${Math.max(1, Number(line) - macroLines)}`);
      const at = bibtexErrorPosition(adjusted, text, chunk.offset);
      const key = /^@\w+\s*[{(]\s*([^,\s]*)/.exec(body)?.[1];
      diagnostics.push(
        diagnostic({ file, ...at }, 'unreadable-entry', `cannot read BibTeX entry${key ? ` "${key}"` : ''}: ${adjusted.replace(/ at line \d+ col \d+:?$/, '')}`),
      );
      continue;
    }
    for (const item of items) {
      const entry = toEntry(item, file, position, diagnostics);
      if (entry !== null) entries.push(entry);
    }
  }
  return { entries, diagnostics };
}

function readRis(text: string, file: string): LibraryFile {
  const diagnostics: Diagnostic[] = [];
  const entries: LibraryEntry[] = [];
  const pattern = /^TY {2}- .*$/gm;
  const starts: number[] = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) starts.push(match.index);
  if (starts.length === 0 && text.trim() !== '') {
    diagnostics.push(diagnostic({ file, line: 1, column: 1 }, 'unreadable-entry', 'no RIS record found: each record starts with "TY  - "'));
  }
  starts.forEach((offset, index) => {
    const body = text.slice(offset, starts[index + 1] ?? text.length);
    const position = positionOf(text, offset);
    if (!/^ER {2}-/m.test(body)) {
      diagnostics.push(diagnostic({ file, ...position }, 'unreadable-entry', 'RIS record does not end with "ER  - "'));
      return;
    }
    try {
      const items = citationJs(body, '@ris/file');
      if (items.length === 0) {
        diagnostics.push(diagnostic({ file, ...position }, 'unreadable-entry', 'RIS record has no readable fields'));
      }
      for (const item of items) {
        const entry = toEntry(item, file, position, diagnostics);
        if (entry !== null) entries.push(entry);
      }
    } catch (error) {
      diagnostics.push(diagnostic({ file, ...position }, 'unreadable-entry', `cannot read RIS record: ${(error as Error).message.split('\n')[0]}`));
    }
  });
  return { entries, diagnostics };
}

/** CSL-JSON and CSL-YAML share one reader: both are read through the YAML parser for positions. */
function readCslData(text: string, file: string, format: 'CSL-JSON' | 'CSL-YAML'): LibraryFile {
  const diagnostics: Diagnostic[] = [];
  const entries: LibraryEntry[] = [];
  if (format === 'CSL-JSON') {
    try {
      JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
      diagnostics.push(diagnostic({ file, ...positionOf(text, offset) }, 'unreadable-file', `cannot read CSL-JSON: ${message}`));
      return { entries, diagnostics };
    }
  }
  const yaml = parseYamlSource(text, file);
  if (yaml.diagnostics.length > 0) return { entries, diagnostics: [...yaml.diagnostics] };
  let base: Array<string | number> = [];
  let list = yaml.value;
  if (list !== null && typeof list === 'object' && !Array.isArray(list) && 'references' in list) {
    base = ['references'];
    list = (list as { references: unknown }).references;
  }
  if (!Array.isArray(list)) {
    diagnostics.push(diagnostic(yaml.placeOf([]), 'unreadable-file', `${format} must be a list of entries (or a mapping with "references")`));
    return { entries, diagnostics };
  }
  list.forEach((raw: unknown, index) => {
    const place = yaml.placeOf([...base, index]);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      diagnostics.push(diagnostic(place, 'unreadable-entry', `${format} entry ${index + 1} is not a mapping of fields`));
      return;
    }
    let items: Array<Record<string, unknown>>;
    try {
      items = citationJs(raw, '@csl/object');
    } catch (error) {
      diagnostics.push(diagnostic(place, 'unreadable-entry', `cannot read ${format} entry ${index + 1}: ${(error as Error).message}`));
      return;
    }
    for (const item of items) {
      const entry = toEntry(item, file, { line: place.line, column: place.column }, diagnostics);
      if (entry !== null) entries.push(entry);
    }
  });
  return { entries, diagnostics };
}

function readCslJson(text: string, file: string): LibraryFile {
  return readCslData(text, file, 'CSL-JSON');
}

function readCslYaml(text: string, file: string): LibraryFile {
  return readCslData(text, file, 'CSL-YAML');
}
