/**
 * Bibliography export: the library model (CSL-JSON) written out as BibTeX, BibLaTeX, RIS,
 * CSL-JSON and CSL-YAML, or formatted in a citation style as HTML, plain text or RTF, or
 * arranged as a table of authorities. Formats are a table; each is a function of the entries.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import { stringify as toYaml } from 'yaml';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { CitationCluster, CslItem, Source } from '../model/records.js';
import { writeBibliography, type BibDialect } from './bibtex-writer.js';
import { writeRis } from './ris-writer.js';
import { oscolaCourtForm } from '../corpus/citations/oscola-court-forms.js';
import type { CitationFormatter } from '../corpus/citations/format.js';
import { sanitizeHtmlFragment } from '../syntax/sanitize.js';

/** A piece of an HTML tree under construction: a node or a text. */
type Piece = ElementContent | string;

// Keys are the user's; citation-js would otherwise invent new ones for keys with "-" or ":".
(plugins.config.get('@bibtex') as unknown as { format: { checkLabel: boolean } }).format.checkLabel = false;

export interface ExportContext {
  readonly formatter: CitationFormatter;
  readonly styleId: string;
  /** A title for formatted documents: "Bibliography of …". */
  readonly title: string;
  /** For one memo: its citations, so that a table of authorities says where each is cited. */
  readonly citing?: { readonly documentId: string; readonly clusters: readonly CitationCluster[] };
}

export interface ExportFormat {
  readonly id: string;
  readonly label: string;
  readonly extension: string;
  readonly contentType: string;
  render(sources: readonly Source[], context: ExportContext): string;
}

/** The CSL items of sources, as they are exported: with their keys and dossier's fields. */
function cslItems(sources: readonly Source[]): Array<Record<string, unknown>> {
  // A JSON copy, not structuredClone: citation-js checks prototypes, which must be of its own realm.
  return sources.map((source) => ({ ...(JSON.parse(JSON.stringify(source.csl)) as Record<string, unknown>), id: source.key, 'citation-key': source.key }));
}

/**
 * Each frozen source's entry in each format, written once: a static build exports the same sources
 * for thousands of memos, and an entry depends on nothing but its source. A source that is not
 * frozen (one a caller may still change) is written every time.
 */
const entriesWritten = new WeakMap<Source, Map<string, string>>();

function entryOf(source: Source, format: string, write: (item: Record<string, unknown>) => string): string {
  const frozen = Object.isFrozen(source) && Object.isFrozen(source.csl);
  let entries = frozen ? entriesWritten.get(source) : undefined;
  const kept = entries?.get(format);
  if (kept !== undefined) return kept;
  const entry = write(cslItems([source])[0]!);
  if (frozen) {
    if (entries === undefined) entriesWritten.set(source, (entries = new Map()));
    entries.set(format, entry);
  }
  return entry;
}

/** The sources as BibLaTeX (UTF-8) or BibTeX (ASCII), written by dossier's own table-driven writer. */
function bibtexFamily(sources: readonly Source[], dialect: BibDialect): string {
  // As writeBibliography writes them: each entry, one after another.
  return sources.map((source) => entryOf(source, dialect, (item) => writeBibliography([{ key: String(item.id), item }], dialect))).join('\n');
}

function risEntries(sources: readonly Source[]): string {
  return sources.map((source) => entryOf(source, 'ris', (item) => writeRis([{ key: source.key, item, topics: [...source.topics] }]))).join('\n');
}

function cslJson(sources: readonly Source[]): string {
  // One item a line: as readable and diffable as indented JSON at about 60% of its size (a static site holds one file per memo).
  const items = sources.map((source) => entryOf(source, 'csl-json', ({ 'citation-key': _key, ...item }) => JSON.stringify(item)));
  return items.length === 0 ? '[]\n' : `[\n${items.join(',\n')}\n]\n`;
}

/**
 * The CSL-JSON handed to pandoc with dossier's OSCOLA style (the Word hand-off): the export's items
 * with OSCOLA's court forms applied, as the page's formatter has them, so both print the same notes.
 */
export function pandocCslJson(sources: readonly Source[]): string {
  return `${JSON.stringify(cslItems(sources).map(({ 'citation-key': _key, ...item }) => oscolaCourtForm(item as CslItem)), null, 2)}\n`;
}

function cslYaml(sources: readonly Source[]): string {
  return toYaml({ references: cslItems(sources).map(({ 'citation-key': _key, ...item }) => item) }, { lineWidth: 0 });
}

// ---- formatted output ------------------------------------------------------------------------

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Plain text of an HTML fragment, as a reader sees it. */
export function htmlToText(html: string): string {
  return hastToString(fromHtml(html, { fragment: true })).replace(/\s+/g, ' ').trim();
}

/** RTF for text: backslashes and braces escaped, everything beyond ASCII as \uN?. */
function rtfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '{' || ch === '}') out += `\\${ch}`;
    else if (code < 0x80) out += ch;
    else {
      // RTF's \u takes a signed 16-bit number; characters beyond it are written as surrogates.
      for (const unit of ch.length === 2 ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [code]) {
        out += `\\u${unit > 0x7fff ? unit - 0x10000 : unit}?`;
      }
    }
  }
  return out;
}

/** RTF for an HTML fragment, keeping italics, bold and small capitals. */
export function htmlToRtf(html: string): string {
  const walk = (node: Root | RootContent): string => {
    if (node.type === 'text') return rtfText(node.value.replace(/\s+/g, ' '));
    if (node.type !== 'element' && node.type !== 'root') return '';
    const inner = node.children.map(walk).join('');
    if (node.type === 'root') return inner;
    const element = node as Element;
    const style = String(element.properties.style ?? '');
    if (element.tagName === 'i' || element.tagName === 'em') return `{\\i ${inner}}`;
    if (element.tagName === 'b' || element.tagName === 'strong') return `{\\b ${inner}}`;
    if (/small-caps/.test(style)) return `{\\scaps ${inner}}`;
    return inner;
  };
  return walk(fromHtml(html, { fragment: true })).trim();
}

function rtfDocument(title: string, paragraphs: readonly string[]): string {
  const body = paragraphs.map((paragraph) => `${paragraph}\\par\n`).join('');
  return `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}}\\f0\\fs24\n{\\b ${rtfText(title)}}\\par\\par\n${body}}\n`;
}

function htmlDocument(title: string, body: readonly Piece[]): string {
  const page = h(null, [
    { type: 'doctype' },
    '\n',
    h('html', { lang: 'en' }, ['\n', h('head', ['\n', h('meta', { charset: 'utf-8' }), '\n', h('title', title), '\n']), '\n', h('body', ['\n', h('h1', title), '\n', ...body]), '\n']),
    '\n',
  ]);
  return toHtml(page);
}

/** A sanitised HTML fragment (a formatted entry) as hast nodes, to place in a tree. */
function fragmentNodes(html: string): ElementContent[] {
  return fromHtml(html, { fragment: true }).children as ElementContent[];
}

/** A list of formatted entries, one item a line. */
function entryList(items: ReadonlyArray<readonly Piece[]>): Piece[] {
  return [h('ul', ['\n', ...items.flatMap((children) => [h('li', [...children]), '\n'])]), '\n'];
}

/** The entries of a formatted bibliography, in the style's own order. */
function bibliographyEntries(sources: readonly Source[], context: ExportContext): string[] {
  return context.formatter.formatBibliography(context.styleId, sources.map((source) => source.key)).map(sanitizeHtmlFragment);
}

// ---- table of authorities --------------------------------------------------------------------

export type AuthoritySection = 'treaties' | 'documents' | 'international-cases' | 'national-cases' | 'secondary';

/** The sections of a table of authorities, in the order submissions set them out. */
export const AUTHORITY_SECTIONS: ReadonlyArray<{ id: AuthoritySection; title: string; order: string }> = [
  { id: 'treaties', title: 'Treaties and instruments', order: 'by date of adoption' },
  { id: 'documents', title: 'United Nations and other international documents', order: 'by document symbol' },
  { id: 'international-cases', title: 'International cases', order: 'by court, then by the first party’s name' },
  { id: 'national-cases', title: 'National cases', order: 'by the first party’s name' },
  { id: 'secondary', title: 'Secondary sources', order: 'by author, then year' },
];

/** Courts and bodies whose judgments are international ones. Data: add names here. */
const INTERNATIONAL_AUTHORITIES = [
  /international/i,
  /tribunal for (rwanda|the former yugoslavia)/i,
  /special court for sierra leone/i,
  /european court/i,
  /inter-american court/i,
  /african court/i,
  /court of justice of the european union/i,
  /permanent court/i,
];

/** Which section of a table of authorities a source belongs in. */
export function authoritySection(source: Source): AuthoritySection {
  const csl = source.csl as Record<string, unknown>;
  const custom = csl.custom as Record<string, unknown> | undefined;
  if (custom?.authoritySection !== undefined) return custom.authoritySection as AuthoritySection;
  switch (csl.type) {
    case 'treaty':
    case 'legislation':
    case 'regulation':
    case 'bill':
      return 'treaties';
    case 'legal_case': {
      const authority = String(csl.authority ?? '');
      return INTERNATIONAL_AUTHORITIES.some((pattern) => pattern.test(authority)) ? 'international-cases' : 'national-cases';
    }
    case 'document':
      return 'documents';
    case 'report':
      // Reports of UN bodies (with a document symbol) are official documents; the rest secondary.
      return typeof csl.number === 'string' && /^[A-Z]+\/[A-Z0-9./()-]+/.test(csl.number) ? 'documents' : 'secondary';
    default:
      return 'secondary';
  }
}

/** A case's name as it is sorted: by the first party, without "Prosecutor v" or "The". */
export function caseSortName(title: string): string {
  return title
    .replace(/^(the\s+)?(prosecutor|public prosecutor|procureur|state|people|republic|crown|regina|rex|r)\s+v\.?\s+/i, '')
    .replace(/^(the|a|an)\s+/i, '')
    .toLowerCase();
}

/** The court a case is grouped under: its authority up to the first comma ("…, Trial Chamber"). */
function courtOf(source: Source): string {
  return String((source.csl as Record<string, unknown>).authority ?? 'Other courts').split(',')[0]!.trim();
}

function sortKey(source: Source, section: AuthoritySection): string {
  const csl = source.csl as Record<string, unknown>;
  const parts = (csl.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0] ?? [];
  const date = parts.map((part) => String(part).padStart(2, '0')).join('-');
  const title = String(csl.title ?? source.key).replace(/^(the|a|an)\s+/i, '').toLowerCase();
  switch (section) {
    case 'treaties':
      return `${date || '9999'} ${title}`;
    case 'international-cases':
    case 'national-cases':
      return `${caseSortName(String(csl.title ?? source.key))} ${date}`;
    case 'documents':
      return `${String(csl.number ?? '~')} ${date}`;
    case 'secondary': {
      const author = ((csl.author as Array<Record<string, unknown>> | undefined) ?? [])[0];
      return `${String(author?.family ?? author?.literal ?? title).toLowerCase()} ${date} ${title}`;
    }
  }
}

/** One group of a table of authorities: a section, or one court's cases within international cases. */
export interface AuthorityGroup {
  readonly section: (typeof AUTHORITY_SECTIONS)[number];
  /** The court, for international cases. */
  readonly court: string | null;
  readonly sources: Source[];
}

/** The sources arranged in the sections of a table of authorities, each sorted as it should be. */
export function tableOfAuthorities(sources: readonly Source[]): AuthorityGroup[] {
  const groups: AuthorityGroup[] = [];
  for (const section of AUTHORITY_SECTIONS) {
    const inSection = sources
      .filter((source) => authoritySection(source) === section.id)
      .sort((a, b) => sortKey(a, section.id).localeCompare(sortKey(b, section.id), 'en'));
    if (section.id !== 'international-cases') {
      if (inSection.length > 0) groups.push({ section, court: null, sources: inSection });
      continue;
    }
    const courts = [...new Set(inSection.map(courtOf))].sort((a, b) => a.localeCompare(b, 'en'));
    for (const court of courts) groups.push({ section, court, sources: inSection.filter((source) => courtOf(source) === court) });
  }
  return groups;
}

/** For each cited source, the numbers of the notes that cite it (note styles only). */
function notesCitingEach(sources: readonly Source[], context: ExportContext): Map<string, number[]> {
  const notes = new Map<string, number[]>();
  if (context.citing === undefined) return notes;
  const exported = new Set(sources.map((source) => source.key as string));
  // As the page does: a citation of a source this reader may not see is not formatted or numbered.
  const clusters = context.citing.clusters.map((cluster) => ({ ...cluster, items: cluster.items.filter((item) => exported.has(item.key)) }));
  const formatted = context.formatter.formatDocument(context.styleId, `${context.citing.documentId}:authorities`, clusters);
  if (formatted.style.kind !== 'note') return notes;
  for (const cluster of formatted.clusters) {
    if (cluster.note === null || cluster.html === '') continue;
    for (const key of new Set(cluster.keys)) {
      const list = notes.get(key) ?? [];
      if (!list.includes(cluster.note)) list.push(cluster.note);
      notes.set(key, list);
    }
  }
  return notes;
}

/** "n 3", "nn 3, 7, 12": where an authority is cited. */
function citedWhere(notes: readonly number[] | undefined): string | null {
  if (notes === undefined || notes.length === 0) return null;
  return `${notes.length === 1 ? 'n' : 'nn'} ${notes.join(', ')}`;
}

function authorityEntries(sources: readonly Source[], context: ExportContext) {
  const notes = notesCitingEach(sources, context);
  return tableOfAuthorities(sources).map((group) => ({
    title: group.court === null ? group.section.title : `${group.section.title}: ${group.court}`,
    entries: group.sources.map((source) => ({
      html: sanitizeHtmlFragment(context.formatter.formatReference(context.styleId, source.key) ?? escapeHtml(source.key)),
      cited: citedWhere(notes.get(source.key)),
    })),
  }));
}

/** What a table of authorities is headed, and what it is of. */
function authoritiesHeading(context: ExportContext): { title: string; of: string } {
  return { title: 'Table of authorities', of: context.title.replace(/^Bibliography:?\s*/, '') };
}

/** Every export format, by id. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { id: 'bibtex', label: 'BibTeX', extension: 'bib', contentType: 'application/x-bibtex', render: (s) => bibtexFamily(s, 'bibtex') },
  { id: 'biblatex', label: 'BibLaTeX', extension: 'bib', contentType: 'application/x-bibtex', render: (s) => bibtexFamily(s, 'biblatex') },
  { id: 'ris', label: 'RIS', extension: 'ris', contentType: 'application/x-research-info-systems', render: (s) => risEntries(s) },
  { id: 'csl-json', label: 'CSL-JSON', extension: 'json', contentType: 'application/vnd.citationstyles.csl+json', render: (s) => cslJson(s) },
  { id: 'csl-yaml', label: 'CSL-YAML', extension: 'yaml', contentType: 'application/yaml', render: (s) => cslYaml(s) },
  {
    id: 'html',
    label: 'Bibliography (HTML)',
    extension: 'html',
    contentType: 'text/html',
    render: (s, c) => htmlDocument(c.title, entryList(bibliographyEntries(s, c).map(fragmentNodes))),
  },
  {
    id: 'text',
    label: 'Bibliography (text)',
    extension: 'txt',
    contentType: 'text/plain',
    render: (s, c) => `${c.title}\n\n${bibliographyEntries(s, c).map(htmlToText).join('\n\n')}\n`,
  },
  {
    id: 'rtf',
    label: 'Bibliography (RTF)',
    extension: 'rtf',
    contentType: 'application/rtf',
    render: (s, c) => rtfDocument(c.title, bibliographyEntries(s, c).map(htmlToRtf)),
  },
  {
    id: 'authorities-html',
    label: 'Table of authorities (HTML)',
    extension: 'html',
    contentType: 'text/html',
    render: (s, c) => {
      const heading = authoritiesHeading(c);
      return htmlDocument(
        heading.title,
        [
          ...(heading.of === '' ? [] : [h('p', heading.of), '\n']),
          ...authorityEntries(s, c).flatMap((group) => [
            h('h2', group.title),
            '\n',
            ...entryList(group.entries.map((entry) => [...fragmentNodes(entry.html), ...(entry.cited === null ? [] : [' ', h('span', { class: 'cited-at' }, entry.cited)])])),
          ]),
        ],
      );
    },
  },
  {
    id: 'authorities-text',
    label: 'Table of authorities (text)',
    extension: 'txt',
    contentType: 'text/plain',
    render: (s, c) => {
      const heading = authoritiesHeading(c);
      return `${heading.title}\n${heading.of === '' ? '' : `${heading.of}\n`}\n${authorityEntries(s, c)
        .map((group) => `${group.title}\n\n${group.entries.map((entry) => `  ${htmlToText(entry.html)}${entry.cited === null ? '' : ` … ${entry.cited}`}`).join('\n')}\n`)
        .join('\n')}`;
    },
  },
  {
    id: 'authorities-rtf',
    label: 'Table of authorities (RTF)',
    extension: 'rtf',
    contentType: 'application/rtf',
    render: (s, c) => {
      const heading = authoritiesHeading(c);
      return rtfDocument(
        heading.title,
        [
          ...(heading.of === '' ? [] : [rtfText(heading.of), '']),
          ...authorityEntries(s, c).flatMap((group) => [
            `{\\b ${rtfText(group.title)}}`,
            ...group.entries.map((entry) => `${htmlToRtf(entry.html)}${entry.cited === null ? '' : `\\tab ${rtfText(entry.cited)}`}`),
            '',
          ]),
        ],
      );
    },
  },
];

/** The export format with this id, or undefined. */
export function findExportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => format.id === id);
}
