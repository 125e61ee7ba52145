/**
 * dossier's own RIS writer, from CSL-JSON, driven by tables. Each field stays on one line (RIS
 * readers join nothing back, so a wrapped title reads "Inquir y"), the whole key goes in `ID`, and
 * a judgment's court, case number and reporter, a treaty's series, volume and page, a UN
 * document's symbol go in the tags Zotero and EndNote read for them.
 */

/** The RIS type of each CSL type. */
const RIS_TYPES: Readonly<Record<string, string>> = {
  legal_case: 'CASE',
  legislation: 'STAT',
  regulation: 'STAT',
  bill: 'BILL',
  treaty: 'GEN',
  // GOVDOC is read as a report by Zotero and citation-js; a UN document is a generic one.
  document: 'GEN',
  report: 'RPRT',
  book: 'BOOK',
  chapter: 'CHAP',
  'article-journal': 'JOUR',
  'article-magazine': 'MGZN',
  'article-newspaper': 'NEWS',
  thesis: 'THES',
  webpage: 'ELEC',
  speech: 'GEN',
};

/** Which tag each CSL variable is written under, by RIS type (`*` for every other type). */
const TAGS: ReadonlyArray<{ csl: string; tags: Readonly<Record<string, string>> }> = [
  { csl: 'title', tags: { '*': 'TI' } },
  // Not for a statute: citation-js, reading a STAT with an ST line, drops its author (the issuer).
  { csl: 'title-short', tags: { STAT: '', '*': 'ST' } },
  // A judgment's reporter is A2 in the RIS specification; Zotero and EndNote read T2 as well.
  { csl: 'container-title', tags: { CASE: 'A2', RPRT: 'T3', '*': 'T2' } },
  { csl: 'container-title-short', tags: { '*': 'J2' } },
  { csl: 'collection-title', tags: { '*': 'T3' } },
  { csl: 'volume', tags: { '*': 'VL' } },
  { csl: 'issue', tags: { '*': 'IS' } },
  // The court is the CASE's publisher; a UN body is the GOVDOC's.
  { csl: 'authority', tags: { '*': 'PB' } },
  { csl: 'publisher', tags: { '*': 'PB' } },
  { csl: 'publisher-place', tags: { '*': 'CY' } },
  // Case, statute and document numbers are M1; a report's symbol is SN.
  { csl: 'number', tags: { RPRT: 'SN', '*': 'M1' } },
  { csl: 'genre', tags: { '*': 'M3' } },
  { csl: 'page', tags: { '*': 'SP' } },
  { csl: 'edition', tags: { '*': 'ET' } },
  { csl: 'abstract', tags: { '*': 'AB' } },
  { csl: 'note', tags: { '*': 'N1' } },
  { csl: 'URL', tags: { '*': 'UR' } },
  { csl: 'DOI', tags: { '*': 'DO' } },
  { csl: 'ISBN', tags: { '*': 'SN' } },
  { csl: 'ISSN', tags: { '*': 'SN' } },
  { csl: 'language', tags: { '*': 'LA' } },
];

const NAME_TAGS: ReadonlyArray<{ csl: string; tag: string }> = [
  { csl: 'author', tag: 'AU' },
  { csl: 'editor', tag: 'ED' },
  { csl: 'translator', tag: 'A4' },
];

/** One value on one line: line breaks inside a field become spaces. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function risName(name: Record<string, unknown>): string {
  if (typeof name.literal === 'string') return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter((part) => typeof part === 'string' && part !== '').join(' ');
  const given = [name.given, name['dropping-particle']].filter((part) => typeof part === 'string' && part !== '').join(' ');
  return [family, given, typeof name.suffix === 'string' ? name.suffix : ''].filter((part) => part !== '').join(', ');
}

/** RIS's date: `YYYY/MM/DD/`, with the parts that are known. */
function risDate(value: unknown): string | null {
  const parts = (value as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0];
  if (!Array.isArray(parts) || parts.length === 0) return null;
  const [year, month, day] = parts;
  return `${String(year).padStart(4, '0')}/${month === undefined ? '' : String(month).padStart(2, '0')}/${day === undefined ? '' : String(day).padStart(2, '0')}/`;
}

/** One RIS record. */
export function risRecord(item: Record<string, unknown>, key: string, topics: readonly string[] = []): string {
  const type = RIS_TYPES[String(item.type)] ?? 'GEN';
  const lines: string[] = [`TY  - ${type}`, `ID  - ${oneLine(key)}`];
  for (const { csl, tag } of NAME_TAGS) {
    const names = item[csl];
    if (Array.isArray(names)) for (const name of names) lines.push(`${tag}  - ${oneLine(risName(name as Record<string, unknown>))}`);
  }
  const written = new Set<string>();
  for (const { csl, tags } of TAGS) {
    const value = item[csl];
    if (value === undefined || value === null || value === '') continue;
    const tag = tags[type] ?? tags['*']!;
    if (tag === '') continue;
    // One value per tag: the court wins over a publisher, the first identifier over the rest.
    if (written.has(tag)) continue;
    written.add(tag);
    lines.push(`${tag}  - ${oneLine(String(value))}`);
  }
  const date = risDate(item.issued);
  if (date !== null) {
    // PY in the RIS specification's full form (YYYY/MM/DD/), which every reader takes; some
    // (citation-js for GOVDOC) read no DA.
    if (/^\d+\/\/\/$/.test(date)) lines.push(`PY  - ${date.slice(0, -3)}`);
    else lines.push(`PY  - ${date}`, `DA  - ${date}`);
  }
  for (const topic of topics) lines.push(`KW  - ${oneLine(topic)}`);
  lines.push('ER  - ');
  return `${lines.join('\n')}\n`;
}

/** Records separated by a blank line. */
export function writeRis(items: ReadonlyArray<{ key: string; item: Record<string, unknown>; topics: readonly string[] }>): string {
  return items.map(({ key, item, topics }) => risRecord(item, key, topics)).join('\n');
}
