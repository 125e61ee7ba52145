/**
 * dossier's own BibLaTeX and BibTeX writer, from CSL-JSON, driven by tables: the entry type and
 * the field each CSL variable becomes, per dialect. BibLaTeX is written in UTF-8 (biber reads it
 * natively), with no LaTeX escapes beyond the characters LaTeX itself reserves; BibTeX, for old
 * toolchains, is ASCII with the standard accent commands. Both protect the case of capitalised
 * words with braces ({Iran}), so a sentence-case style cannot print "iran".
 */
import { BIBLATEX_FIELDS, appliesTo, getCslValue } from '../corpus/citations/biblatex-fields.js';
import { ACCENTS, SPECIAL_CHARACTERS } from '../syntax/latex-characters.js';

export { decodeLatex } from '../syntax/latex-characters.js';

export type BibDialect = 'biblatex' | 'bibtex';

/** The entry type each CSL type becomes. BibLaTeX has types of its own for legal material. */
const ENTRY_TYPES: Readonly<Record<string, { biblatex: string; bibtex: string }>> = {
  legal_case: { biblatex: 'jurisdiction', bibtex: 'misc' },
  treaty: { biblatex: 'legal', bibtex: 'misc' },
  legislation: { biblatex: 'legislation', bibtex: 'misc' },
  regulation: { biblatex: 'legislation', bibtex: 'misc' },
  bill: { biblatex: 'legislation', bibtex: 'misc' },
  document: { biblatex: 'misc', bibtex: 'misc' },
  report: { biblatex: 'report', bibtex: 'techreport' },
  book: { biblatex: 'book', bibtex: 'book' },
  chapter: { biblatex: 'incollection', bibtex: 'incollection' },
  'article-journal': { biblatex: 'article', bibtex: 'article' },
  'article-magazine': { biblatex: 'article', bibtex: 'article' },
  'article-newspaper': { biblatex: 'article', bibtex: 'article' },
  thesis: { biblatex: 'thesis', bibtex: 'phdthesis' },
  'paper-conference': { biblatex: 'inproceedings', bibtex: 'inproceedings' },
  webpage: { biblatex: 'online', bibtex: 'misc' },
};

/**
 * Where each CSL variable goes, per dialect; `null` where the dialect has no field for it (the
 * loss is listed in docs/export-formats.md). A function of the CSL type where it depends on it.
 */
type Target = string | null | ((cslType: string, dialect: BibDialect) => string | null);
const FIELD_TARGETS: ReadonlyArray<{ csl: string; biblatex: Target; bibtex: Target }> = [
  { csl: 'title', biblatex: 'title', bibtex: 'title' },
  { csl: 'title-short', biblatex: 'shorttitle', bibtex: null },
  {
    csl: 'container-title',
    biblatex: (type) => (['chapter', 'paper-conference'].includes(type) ? 'booktitle' : type === 'report' ? 'series' : 'journaltitle'),
    bibtex: (type) => (['chapter', 'paper-conference'].includes(type) ? 'booktitle' : type.startsWith('article') ? 'journal' : 'series'),
  },
  { csl: 'container-title-short', biblatex: 'shortjournal', bibtex: 'shortjournal' },
  { csl: 'collection-title', biblatex: 'series', bibtex: 'series' },
  { csl: 'volume', biblatex: 'volume', bibtex: 'volume' },
  { csl: 'issue', biblatex: 'issue', bibtex: 'number' },
  { csl: 'number', biblatex: 'number', bibtex: 'number' },
  { csl: 'page', biblatex: 'pages', bibtex: 'pages' },
  { csl: 'edition', biblatex: 'edition', bibtex: 'edition' },
  { csl: 'genre', biblatex: 'type', bibtex: 'type' },
  { csl: 'authority', biblatex: 'institution', bibtex: 'institution' },
  {
    csl: 'publisher',
    biblatex: (type) => (type === 'report' || type === 'thesis' ? 'institution' : type === 'webpage' || type === 'document' ? 'organization' : 'publisher'),
    bibtex: (type) => (type === 'report' ? 'institution' : type === 'thesis' ? 'school' : type === 'webpage' ? 'organization' : 'publisher'),
  },
  { csl: 'publisher-place', biblatex: 'location', bibtex: 'address' },
  { csl: 'URL', biblatex: 'url', bibtex: 'url' },
  { csl: 'DOI', biblatex: 'doi', bibtex: 'doi' },
  { csl: 'ISBN', biblatex: 'isbn', bibtex: 'isbn' },
  { csl: 'ISSN', biblatex: 'issn', bibtex: 'issn' },
  { csl: 'abstract', biblatex: 'abstract', bibtex: 'abstract' },
  { csl: 'note', biblatex: 'note', bibtex: 'note' },
  { csl: 'language', biblatex: 'langid', bibtex: null },
];

const LIST_FIELDS = new Set(['location', 'publisher', 'institution', 'organization']);

const NAME_ROLES: ReadonlyArray<{ csl: string; field: string }> = [
  { csl: 'author', field: 'author' },
  { csl: 'editor', field: 'editor' },
  { csl: 'translator', field: 'translator' },
];

// ---- text -------------------------------------------------------------------------------------

/** LaTeX's reserved characters, escaped the way biber, pandoc and citation-js all read back. */
function escapeReserved(text: string): string {
  return text.replace(/\\/g, '\\textbackslash ').replace(/([{}&%$#_])/g, '\\$1').replace(/~/g, '\\textasciitilde ').replace(/\^/g, '\\textasciicircum ');
}


/** Text as ASCII for BibTeX: accents as `{\"\i}`-style commands, LaTeX's reserved characters escaped. */
function asciiLatex(text: string): string {
  let out = '';
  for (const ch of escapeReserved(text)) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    if (SPECIAL_CHARACTERS[ch] !== undefined) {
      out += SPECIAL_CHARACTERS[ch];
      continue;
    }
    const [base, ...marks] = [...ch.normalize('NFD')];
    if (base !== undefined && base.charCodeAt(0) < 0x80 && marks.length > 0 && marks.every((mark) => ACCENTS[mark] !== undefined)) {
      // A dotless i or j under an accent, as LaTeX wants: {\"\i}, not {\"i}.
      let written = base === 'i' ? '\\i' : base === 'j' ? '\\j' : base;
      for (const mark of marks) written = /^[a-zA-Z]$/.test(ACCENTS[mark]!) ? `\\${ACCENTS[mark]}{${written}}` : `\\${ACCENTS[mark]}${written}`;
      out += `{${written}}`;
      continue;
    }
    out += ch; // Nothing in ASCII writes it; left as UTF-8, which modern BibTeX passes through.
  }
  return out;
}

function encode(text: string, dialect: BibDialect): string {
  return dialect === 'biblatex' ? escapeReserved(text) : asciiLatex(text);
}

/**
 * A title with its case protected: CSL's `<span class="nocase">` and every word that holds a
 * capital after its first letter or is not the first word, in braces, so that a style that
 * sentence-cases titles keeps proper names, acronyms and the names of instruments.
 */
function protectedTitle(title: string, dialect: BibDialect): string {
  const withoutMarkup = title.replace(/<span class="nocase">([^<]*)<\/span>/g, '\uE000$1\uE001').replace(/<\/?(i|b|sup|sub|span)[^>]*>/g, '');
  let first = true;
  return withoutMarkup
    .split(/(\uE000[^\uE001]*\uE001|\s+)/u)
    .map((part) => {
      if (part === '' || /^\s+$/u.test(part)) return part;
      if (part.startsWith('\uE000')) {
        first = false;
        return `{${encode(part.slice(1, -1), dialect)}}`;
      }
      const wasFirst = first;
      first = false;
      const needs = /\p{Lu}/u.test(wasFirst ? part.slice(1) : part);
      return needs ? `{${encode(part, dialect)}}` : encode(part, dialect);
    })
    .join('');
}

// ---- names and dates --------------------------------------------------------------------------

function nameOf(name: Record<string, unknown>, dialect: BibDialect): string {
  if (typeof name.literal === 'string') return `{${encode(name.literal, dialect)}}`;
  const family = [name['non-dropping-particle'], name.family].filter((part) => typeof part === 'string' && part !== '').join(' ');
  const given = [name.given, name['dropping-particle']].filter((part) => typeof part === 'string' && part !== '').join(' ');
  const suffix = typeof name.suffix === 'string' && name.suffix !== '' ? name.suffix : null;
  // A family name of several words that does not start with a particle is kept together.
  const familyWritten = /\s/.test(String(name.family ?? '')) && name['non-dropping-particle'] === undefined ? `{${encode(family, dialect)}}` : encode(family, dialect);
  if (given === '') return familyWritten;
  return suffix === null ? `${familyWritten}, ${encode(given, dialect)}` : `${familyWritten}, ${encode(suffix, dialect)}, ${encode(given, dialect)}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function dateParts(value: unknown): number[][] | null {
  const parts = (value as { 'date-parts'?: unknown } | undefined)?.['date-parts'];
  if (!Array.isArray(parts) || parts.length === 0 || !Array.isArray(parts[0]) || parts[0].length === 0) return null;
  return parts as number[][];
}

function isoDate(parts: readonly number[]): string {
  return parts.map((part, index) => (index === 0 ? String(part).padStart(4, '0') : String(part).padStart(2, '0'))).join('-');
}

/** The date fields of an entry: BibLaTeX's ISO `date` (ranges with `/`), BibTeX's `year` and `month`. */
function dateFields(item: Record<string, unknown>, dialect: BibDialect): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  const issued = dateParts(item.issued);
  if (issued !== null) {
    if (dialect === 'biblatex') fields.push(['date', issued.map(isoDate).join('/')]);
    else {
      fields.push(['year', String(issued[0]![0])]);
      // BibTeX's month is a macro (aug), not a day: the day is lost (docs/export-formats.md).
      if (issued[0]![1] !== undefined) fields.push(['month', `\u0000${MONTHS[issued[0]![1] - 1] ?? ''}`]);
      // …so the full date is written as well, in the field BibLaTeX-aware readers (citation-js, Zotero) take.
      fields.push(['date', issued.map(isoDate).join('/')]);
    }
  }
  // A judgment reported in a later year keeps the day it was decided (Pinochet (No 3): 1999, reported [2000]).
  const original = dateParts(item['original-date']);
  if (original !== null && dialect === 'biblatex') fields.push(['origdate', original.map(isoDate).join('/')]);
  const accessed = dateParts(item.accessed);
  if (accessed !== null && dialect === 'biblatex') fields.push(['urldate', isoDate(accessed[0]!)]);
  return fields;
}

// ---- entries ----------------------------------------------------------------------------------

function resolveTarget(target: Target, cslType: string, dialect: BibDialect): string | null {
  return typeof target === 'function' ? target(cslType, dialect) : target;
}

/** One entry, with every field in `name = {value}` form (month as a bare macro). */
export function bibEntry(item: Record<string, unknown>, key: string, dialect: BibDialect): string {
  const cslType = String(item.type ?? 'document');
  // An online entry needs an address; a web page without one is a plain `misc`.
  // An online entry needs an address and a report an institution; without them they are `misc`.
  const entryType =
    (cslType === 'webpage' && typeof item.URL !== 'string') || (cslType === 'report' && dialect === 'biblatex' && typeof item.publisher !== 'string')
      ? 'misc'
      : cslType === 'chapter' && dialect === 'biblatex' && !Array.isArray(item.editor)
        ? 'inbook' // BibLaTeX's incollection requires an editor
        : cslType === 'document' && dialect === 'biblatex' && typeof item.authority === 'string'
          ? 'legal' // an act of an issuing body (resolution, general comment, designation) is a legal document
          : (ENTRY_TYPES[cslType]?.[dialect] ?? 'misc');
  const fields: Array<[string, string]> = [];
  const written = new Set<string>();
  const add = (name: string, value: string): void => {
    if (written.has(name) || value === '') return;
    written.add(name);
    fields.push([name, value]);
  };
  for (const role of NAME_ROLES) {
    const names = item[role.csl];
    if (Array.isArray(names) && names.length > 0) add(role.field, names.map((name) => nameOf(name as Record<string, unknown>, dialect)).join(' and '));
  }
  for (const { csl, ...targets } of FIELD_TARGETS) {
    const value = item[csl];
    if (value === undefined || value === null || value === '') continue;
    let field = resolveTarget(targets[dialect], cslType, dialect);
    if (field === null) continue;
    // biber takes a volume as a number; the Official Journal's "L 410 I" goes in issue instead.
    if (field === 'volume' && dialect === 'biblatex' && !/^\d+$/.test(String(value))) field = 'issue';
    // BibLaTeX's location, publisher, institution and organization are lists split on "and":
    // one name that holds the word is kept whole in braces.
    if (dialect === 'biblatex' && LIST_FIELDS.has(field) && /\sand\s/.test(String(value))) {
      add(field, `{${encode(String(value), dialect)}}`);
      continue;
    }
    add(field, csl === 'title' || csl === 'title-short' || csl === 'container-title' ? protectedTitle(String(value), dialect) : encode(String(value), dialect));
  }
  for (const [name, value] of dateFields(item, dialect)) add(name, value);
  // BibLaTeX requires a report's type; one that has none is a plain "report" (read back as none).
  if (entryType === 'report' && dialect === 'biblatex') add('type', 'report');
  // dossier's own fields and the CSL type, in fields each dialect accepts (biblatex-fields.ts).
  for (const field of BIBLATEX_FIELDS) {
    if (!field.dossier || !appliesTo(field, cslType)) continue;
    const value = getCslValue(item, field.csl);
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    add(dialect === 'biblatex' ? field.biblatex : (field.bibtex ?? field.biblatex), encode(text, dialect));
  }
  const lines = fields.map(([name, value]) => `  ${name} = ${value.startsWith('\u0000') ? value.slice(1) : `{${value}}`},`);
  return `@${entryType}{${key},\n${lines.join('\n')}\n}\n`;
}

/** Entries written in one dialect, separated by a blank line. */
export function writeBibliography(items: ReadonlyArray<{ key: string; item: Record<string, unknown> }>, dialect: BibDialect): string {
  return items.map(({ key, item }) => bibEntry(item, key, dialect)).join('\n');
}
