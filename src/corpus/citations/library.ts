/**
 * The bibliography library: BibTeX/BibLaTeX, RIS, CSL-JSON and CSL-YAML files read with
 * citation-js into one model, CSL-JSON. Every entry keeps the place it was written, and an entry
 * that cannot be read becomes a diagnostic while the rest of its file is kept.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import { diagnostic, type Diagnostic, type Place } from '../../model/diagnostic.js';
import { isCiteKey, isTopicId, type TopicId } from '../../model/ids.js';
import type { CslItem, Position, Source, Visibility } from '../../model/records.js';
import { parseYamlSource } from '../../syntax/yaml-source.js';
import { readVisibilityValue } from '../visibility.js';
import { appliesTo, BIBLATEX_FIELDS, getCslValue, plainBiblatexValue, setCslValue, splitBiblatexNames } from './biblatex-fields.js';
import { validateCslItem, type FieldPlace } from './entry-validation.js';
import { didYouMean, nearestIds } from '../../syntax/suggest.js';

/** A bibliography entry as read from its file, before archived texts and links are attached. */
export interface LibraryEntry extends Omit<Source, 'type' | 'archivedText'> {
  /** Whether the entry says its visibility itself; otherwise its folder's default applies. */
  readonly visibilityWritten?: boolean;
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
  // A marker written at the top level (where CSL has no such field) is honoured, never ignored:
  // an entry meant to be confidential must not be published because the marker is misplaced.
  let written: unknown = custom.visibility;
  let field = 'custom.visibility';
  if (written === undefined && item.visibility !== undefined) {
    written = item.visibility;
    field = 'visibility';
    diagnostics.push(
      diagnostic(place, 'unknown-field', `field "visibility" belongs under "custom" (custom.visibility); it is honoured here, but move it there`),
    );
  }
  const visibility: Visibility = readVisibilityValue(written, field, place, diagnostics) ?? 'public';
  const topics: TopicId[] = [];
  const rawTopics = Array.isArray(custom.topics) ? custom.topics : custom.topics === undefined ? [] : [custom.topics];
  for (const topic of rawTopics) {
    if (typeof topic === 'string' && isTopicId(topic)) topics.push(topic);
    else diagnostics.push(diagnostic(place, 'invalid-field', `field "custom.topics" holds ${JSON.stringify(topic)}, which is not a topic id`));
  }
  return { verification: { verified, note }, visibility, visibilityWritten: written !== undefined, topics };
}

/** Checks one CSL item and turns it into an entry, or reports why it cannot be one. */
function toEntry(item: Record<string, unknown>, file: string, position: Position, diagnostics: Diagnostic[], fieldPlace?: FieldPlace): LibraryEntry | null {
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
  if (typeof item.type !== 'string') {
    const found = item.type === undefined ? 'none' : JSON.stringify(item.type);
    diagnostics.push(diagnostic(place, 'unreadable-entry', `entry "${key}" has type ${found}: give it a CSL type (legal_case, treaty, report, book…)`));
    return null;
  }
  // Checked against the CSL schema: what cannot be printed is left out, and the entry kept.
  item = validateCslItem(item, key, fieldPlace ?? (() => place), diagnostics);
  if (item.title === undefined && item.author === undefined && item['container-title'] === undefined) {
    diagnostics.push(diagnostic(place, 'unreadable-entry', `entry "${key}" has neither title nor author`));
    return null;
  }
  // citation-js's bookkeeping: the graph of its parse, and the key again (it is the id).
  const { _graph: _ignored, 'citation-key': _key, ...clean } = item;
  const csl = { ...clean, id: key, type: item.type } as CslItem;
  return { key, file, position, csl, ...dossierFields(item, place, diagnostics) };
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
    let body = text.slice(chunk.offset, chunk.end);
    const position = positionOf(text, chunk.offset);
    let items: Array<Record<string, unknown>>;
    // A brace left open is reported where it was opened, and closed there so the entry still loads.
    const unclosed = unclosedBibtexBrace(body);
    if (unclosed !== null) {
      const where = unclosed.field === null ? 'the entry' : `field "${unclosed.field}"`;
      diagnostics.push(
        diagnostic({ file, ...positionOf(text, chunk.offset + unclosed.offset) }, 'unreadable-entry', `the { that opens ${where} is never closed: add } at the end of its value`),
      );
      body = body.slice(0, unclosed.closeAt) + '}' + body.slice(unclosed.closeAt);
    }
    const source = macros === '' ? body : `${macros}\n${body}`;
    try {
      items = citationJs(source, '@biblatex/text');
      completeFromBiblatex(items, source);
    } catch (error) {
      if (unclosed !== null) continue;
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
    const fieldPlace = bibtexFieldPlace(text, chunk.offset, body, { file, ...position });
    checkWrittenType(chunk.type, BIBLATEX_TYPES, { file, line: position.line, column: position.column + 1 }, (type) => `@${type}`, 'a judgment is @jurisdiction, a treaty or statute @legislation, a UN document @report', diagnostics);
    for (const item of items) {
      checkWrittenYear(item, body, 'year', fieldPlace, diagnostics);
      checkWrittenMonth(item, body, fieldPlace, diagnostics);
      const entry = toEntry(item, file, position, diagnostics, fieldPlace);
      if (entry !== null) entries.push(entry);
    }
  }
  return { entries, diagnostics };
}

/** The entry types BibLaTeX (and BibTeX before it) define; citation-js reads any other as a plain document. */
const BIBLATEX_TYPES: readonly string[] = [
  'article', 'book', 'mvbook', 'inbook', 'bookinbook', 'suppbook', 'booklet', 'collection', 'mvcollection', 'incollection',
  'suppcollection', 'dataset', 'manual', 'misc', 'online', 'patent', 'periodical', 'suppperiodical', 'proceedings',
  'mvproceedings', 'inproceedings', 'reference', 'mvreference', 'inreference', 'report', 'set', 'software', 'thesis',
  'unpublished', 'xdata', 'conference', 'electronic', 'mastersthesis', 'phdthesis', 'techreport', 'www', 'artwork', 'audio',
  'bibnote', 'commentary', 'image', 'jurisdiction', 'legislation', 'legal', 'letter', 'movie', 'music', 'performance',
  'review', 'standard', 'video',
];

/** The RIS reference types; citation-js gives no type at all for any other. */
const RIS_TYPES: readonly string[] = [
  'ABST', 'ADVS', 'AGGR', 'ANCIENT', 'ART', 'BILL', 'BLOG', 'BOOK', 'CASE', 'CHAP', 'CHART', 'CLSWK', 'COMP', 'CONF', 'CPAPER', 'CTLG',
  'DATA', 'DBASE', 'DICT', 'EBOOK', 'ECHAP', 'EDBOOK', 'EJOUR', 'ELEC', 'ENCYC', 'EQUA', 'FIGURE', 'GEN', 'GOVDOC', 'GRANT', 'HEAR',
  'ICOMM', 'INPR', 'JFULL', 'JOUR', 'LEGAL', 'MANSCPT', 'MAP', 'MGZN', 'MPCT', 'MULTI', 'MUSIC', 'NEWS', 'PAMP', 'PAT', 'PCOMM',
  'RPRT', 'SER', 'SLIDE', 'SOUND', 'STAND', 'STAT', 'THES', 'UNBILL', 'UNPB', 'VIDEO',
];

/** A type the format does not define, reported at the entry with the nearest real ones. */
function checkWrittenType(written: string, known: readonly string[], place: Place, shown: (type: string) => string, legalAdvice: string, diagnostics: Diagnostic[]): void {
  if (known.includes(written)) return;
  const suggestions = nearestIds(written, known);
  const advice = suggestions.length > 0 ? didYouMean(suggestions, shown) : `; ${legalAdvice}`;
  diagnostics.push(diagnostic(place, 'invalid-field', `${shown(written)} is not an entry type (read as a document)${advice}`, { replace: written, suggestions }));
}

/** The BibTeX fields a CSL field is read from, to place its problems. */
const BIBTEX_FIELD_OF_CSL: Readonly<Record<string, readonly string[]>> = {
  issued: ['date', 'month', 'year'],
  'container-title': ['journal', 'journaltitle', 'booktitle'],
  publisher: ['publisher', 'institution', 'organization'],
  authority: ['institution', 'organization'],
  'publisher-place': ['address', 'location'],
  number: ['number'],
  page: ['pages'],
  type: ['type'],
};

/** Where each field of a BibTeX entry was written, by the line of `name =`. */
function bibtexFieldPlace(text: string, chunkOffset: number, body: string, entryPlace: Place): FieldPlace {
  const fields = new Map<string, number>();
  const pattern = /(^|[,{(])[ \t]*([A-Za-z][\w-]*)[ \t]*=/gm;
  for (let match = pattern.exec(body); match !== null; match = pattern.exec(body)) {
    const name = match[2]!.toLowerCase();
    if (!fields.has(name)) fields.set(name, match.index + match[1]!.length);
  }
  return (field) => {
    for (const name of BIBTEX_FIELD_OF_CSL[field] ?? [field]) {
      const offset = fields.get(name);
      if (offset !== undefined) return { file: entryPlace.file, ...positionOf(text, chunkOffset + offset + body.slice(offset).search(/\S/)) };
    }
    return entryPlace;
  };
}

/**
 * The brace of a BibTeX entry that is never closed: the value's brace when a later line of the
 * value starts a new field (`title = {Unclosed,` then `year = 2001`), else the innermost one open
 * at the end. `closeAt` is where a } mends it: the end of the value's first line, or the entry's end.
 */
function unclosedBibtexBrace(body: string): { offset: number; field: string | null; closeAt: number } | null {
  const open: number[] = [];
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '{') open.push(index);
    else if (char === '}') open.pop();
    else if (char === '\n' && open.length >= 2 && /^[ \t]*[A-Za-z][\w-]*[ \t]*=/.test(body.slice(index + 1))) {
      const brace = open[open.length - 1]!;
      const lineEnd = index > 0 && body[index - 1] === '\r' ? index - 1 : index;
      const value = body.slice(brace, lineEnd);
      const closeAt = brace + value.replace(/,\s*$/, '').length;
      return { offset: brace, field: fieldBefore(body, brace), closeAt };
    }
  }
  if (open.length === 0) return null;
  const brace = open[open.length - 1]!;
  return { offset: brace, field: open.length >= 2 ? fieldBefore(body, brace) : null, closeAt: body.trimEnd().length };
}

/** The name of the field whose value starts at a brace (`title = {`), if there is one. */
function fieldBefore(body: string, brace: number): string | null {
  return /([A-Za-z][\w-]*)[ \t]*=[ \t]*$/.exec(body.slice(0, brace))?.[1] ?? null;
}

/**
 * A year written in words (`year = {twenty fourteen}`, `PY  - twenty`) is no year: citation-js
 * keeps it as a literal date and it would be printed as written. It is reported and left out.
 */
function checkWrittenYear(item: Record<string, unknown>, body: string, field: string, fieldPlace: FieldPlace, diagnostics: Diagnostic[]): void {
  const written = field === 'year'
    ? /(?:^|[,{(])[ \t]*year[ \t]*=[ \t]*(?:\{([^{}]*)\}|"([^"]*)"|([^,\s}]+))/im.exec(body)
    : /^(?:PY|Y1) {2}- (.*)$/m.exec(body);
  if (written === null) return;
  const value = (written[1] ?? written[2] ?? written[3] ?? '').trim();
  if (value === '' || /^\d{4}\b/.test(value)) return;
  const key = String(item['citation-key'] ?? item.id ?? '');
  const name = field === 'year' ? 'year' : written[0].slice(0, 2);
  diagnostics.push(
    diagnostic(fieldPlace(field === 'year' ? 'year' : 'issued', 'value'), 'invalid-date', `${key === '' ? '' : `entry "${key}": `}${name} ${JSON.stringify(value)} is not a year: write it in digits (four of them); it is left out until then`),
  );
  const issued = item.issued as { literal?: unknown; 'date-parts'?: unknown } | undefined;
  if (issued !== undefined && issued['date-parts'] === undefined) delete item.issued;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A BibTeX month as [month, day?]: `8`, `aug`, `August`, `aug 28`, `28 aug`; null when it is none. */
function readBibtexMonth(value: string, year: number): [number] | [number, number] | null {
  const monthOf = (word: string): number | null => {
    if (/^\d{1,2}$/.test(word)) return Number(word) >= 1 && Number(word) <= 12 ? Number(word) : null;
    const name = word.replace(/\.$/, '');
    const index = MONTH_NAMES.findIndex((month) => name.length >= 3 && month.startsWith(name));
    return index === -1 ? null : index + 1;
  };
  const words = value.toLowerCase().split(/[\s,~]+/).filter(Boolean);
  if (words.length === 1) {
    const month = monthOf(words[0]!);
    return month === null ? null : [month];
  }
  if (words.length !== 2) return null;
  // "aug 28" or "28 aug": the word that is a name is the month, the number the day.
  const [first, second] = words as [string, string];
  const named = /^\d+$/.test(first) ? second : first;
  const dayWritten = named === first ? second : first;
  const month = /^\d+$/.test(named) ? null : monthOf(named);
  if (month === null || !/^\d{1,2}$/.test(dayWritten)) return null;
  const day = Number(dayWritten);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= days ? [month, day] : null;
}

/**
 * `month = {aug 28}` is a month and its day (citation-js may read it, or drop the whole date); a
 * month that is none (`{sometime}`, `{13}`, `{aug 32}`) is reported at its line and the date
 * keeps its year. A `date` field, when there is one, is the date and the month is not read.
 */
function checkWrittenMonth(item: Record<string, unknown>, body: string, fieldPlace: FieldPlace, diagnostics: Diagnostic[]): void {
  if (/(?:^|[,{(])[ \t]*date[ \t]*=/im.test(body)) return;
  const written = /(?:^|[,{(])[ \t]*month[ \t]*=[ \t]*(?:\{([^{}]*)\}|"([^"]*)"|([^,\s}]+))/im.exec(body);
  const year = /(?:^|[,{(])[ \t]*year[ \t]*=[ \t]*[{"]?[ \t]*(\d{4})\b/im.exec(body);
  if (written === null || year === null) return;
  const value = (written[1] ?? written[2] ?? written[3] ?? '').trim();
  if (value === '') return;
  const parts = readBibtexMonth(value, Number(year[1]));
  if (parts !== null) {
    item.issued = { 'date-parts': [[Number(year[1]), ...parts]] };
    return;
  }
  const key = String(item['citation-key'] ?? item.id ?? '');
  diagnostics.push(
    diagnostic(
      fieldPlace('month', 'value'),
      'invalid-date',
      `${key === '' ? '' : `entry "${key}": `}month ${JSON.stringify(value)} is not a month: write a number 1-12 or a name (aug), with its day if there is one (aug 28); the date keeps only its year until then`,
    ),
  );
  item.issued = { 'date-parts': [[Number(year[1])]] };
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
    let body = text.slice(offset, starts[index + 1] ?? text.length);
    const position = positionOf(text, offset);
    if (!/^ER {2}-/m.test(body)) {
      // Reported after the record's last line, where "ER  - " belongs; the record is read as if it were there.
      const last = body.trimEnd();
      diagnostics.push(
        diagnostic({ file, ...positionOf(text, offset + last.lastIndexOf('\n') + 1) }, 'unreadable-entry', 'this RIS record never ends: add a line "ER  - " after this one'),
      );
      body = `${last}\nER  - \n`;
    }
    const fieldPlace = risFieldPlace(text, offset, body, { file, ...position });
    const risType = /^TY {2}- ?(\S*)/.exec(body)?.[1] ?? '';
    checkWrittenType(risType, RIS_TYPES, { file, line: position.line, column: 7 }, (type) => `TY ${type}`, 'a judgment is CASE, a statute STAT, a treaty LEGAL, a UN document GOVDOC', diagnostics);
    // A type RIS does not define is reported, and the record read as a generic one so its fields are kept.
    const knownType = RIS_TYPES.includes(risType);
    try {
      const items = citationJs(knownType ? body : body.replace(/^TY {2}- ?\S*/, 'TY  - GEN'), '@ris/file');
      if (items.length === 0) {
        diagnostics.push(diagnostic({ file, ...position }, 'unreadable-entry', 'RIS record has no readable fields'));
      }
      for (const item of items) {
        checkWrittenYear(item, body, 'PY', fieldPlace, diagnostics);
        // citation-js reads a CASE's A2 as CSL-M's `reporter`, which CSL 1.0.2 lacks: it is the container.
        if (item.reporter !== undefined) {
          item['container-title'] ??= item.reporter;
          delete item.reporter;
        }
        if (!knownType) item.type = 'document';
        const entry = toEntry(item, file, position, diagnostics, fieldPlace);
        if (entry !== null) entries.push(entry);
      }
    } catch (error) {
      diagnostics.push(diagnostic({ file, ...position }, 'unreadable-entry', `cannot read RIS record: ${(error as Error).message.split('\n')[0]}`));
    }
  });
  return { entries, diagnostics };
}

/** The RIS tags a CSL field is read from, to place its problems. */
const RIS_TAGS_OF_CSL: Readonly<Record<string, readonly string[]>> = {
  issued: ['PY', 'Y1', 'DA'],
  title: ['TI', 'T1'],
  author: ['AU', 'A1'],
  editor: ['ED', 'A2'],
  'container-title': ['T2', 'JO', 'JF'],
  publisher: ['PB'],
  type: ['TY'],
  URL: ['UR'],
  DOI: ['DO'],
};

/** Where each field of a RIS record was written, by the line of its tag. */
function risFieldPlace(text: string, recordOffset: number, body: string, recordPlace: Place): FieldPlace {
  return (field) => {
    for (const tag of RIS_TAGS_OF_CSL[field] ?? []) {
      const found = new RegExp(`^${tag}  - `, 'm').exec(body);
      if (found !== null) return { file: recordPlace.file, ...positionOf(text, recordOffset + found.index) };
    }
    return recordPlace;
  };
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
  diagnostics.push(...yaml.diagnostics);
  if (yaml.value === undefined) return { entries, diagnostics };
  let base: Array<string | number> = [];
  let list: unknown = yaml.value;
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
    const fieldPlace: FieldPlace = (field, of) => (of === 'key' ? yaml.keyPlaceOf([...base, index, field]) : yaml.placeOf([...base, index, field]));
    for (const item of items) {
      const entry = toEntry(item, file, { line: place.line, column: place.column }, diagnostics, fieldPlace);
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
