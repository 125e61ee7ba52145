import { decodeLatex } from '../../syntax/latex-characters.js';
/**
 * The BibLaTeX fields that citation-js does not carry between CSL and BibLaTeX, and dossier's own
 * fields: one table, read in both directions, so that an export read back gives the same record.
 */

export interface BiblatexField {
  /** The CSL types the mapping applies to; null for every type. */
  readonly cslTypes: readonly string[] | null;
  /** A CSL variable, or `custom.<name>` for dossier's own fields. */
  readonly csl: string;
  readonly biblatex: string;
  /** Lists (topics) are written comma-separated. */
  readonly list?: boolean;
  /** Booleans (verified) are written true or false. */
  readonly boolean?: boolean;
  /** Read back even when citation-js has set the variable (it guesses the type). */
  readonly override?: boolean;
  /** dossier's own data (and the CSL type), written by bibtex-writer.ts in a field each dialect accepts. */
  readonly dossier?: boolean;
  /** The field's name in BibTeX, where it differs from BibLaTeX's; read back under either name. */
  readonly bibtex?: string;
}

export const BIBLATEX_FIELDS: readonly BiblatexField[] = [
  // citation-js maps some CSL types to BibLaTeX types that map back to others (speech → song).
  // BibLaTeX's datamodel has no room for fields of its own, so dossier's go in the fields it keeps
  // for such data: usera–userd (biber --validate-datamodel accepts them anywhere; citation-js
  // ignores them, where it would read entrysubtype as a genre).
  { cslTypes: null, csl: 'type', biblatex: 'userd', bibtex: 'csltype', override: true, dossier: true },
  { cslTypes: ['legal_case'], csl: 'number', biblatex: 'number' },
  { cslTypes: ['legal_case', 'document'], csl: 'authority', biblatex: 'institution' },
  { cslTypes: ['legal_case'], csl: 'genre', biblatex: 'type' },
  { cslTypes: ['legal_case'], csl: 'container-title', biblatex: 'journaltitle' },
  { cslTypes: ['legal_case'], csl: 'volume', biblatex: 'volume' },
  { cslTypes: ['legal_case'], csl: 'page', biblatex: 'pages' },
  { cslTypes: ['legislation', 'document'], csl: 'number', biblatex: 'number' },
  // A report's series (the body's report it is part of) is BibLaTeX's series.
  { cslTypes: ['report'], csl: 'container-title', biblatex: 'series' },
  // citation-js reads no series from BibLaTeX's @legal and @legislation.
  { cslTypes: ['treaty', 'legislation', 'regulation', 'bill'], csl: 'container-title', biblatex: 'journaltitle' },
  { cslTypes: ['treaty', 'legislation', 'regulation', 'bill'], csl: 'volume', biblatex: 'volume' },
  { cslTypes: ['treaty', 'legislation', 'regulation', 'bill'], csl: 'page', biblatex: 'pages' },
  // A volume that is not a number (the Official Journal's "L 410 I") is written as the issue.
  { cslTypes: ['legal_case', 'treaty', 'legislation', 'regulation', 'bill'], csl: 'volume', biblatex: 'issue' },
  { cslTypes: ['document', 'report'], csl: 'number', biblatex: 'number' },
  { cslTypes: null, csl: 'container-title-short', biblatex: 'shortjournal' },
  { cslTypes: null, csl: 'custom.verified', biblatex: 'usera', bibtex: 'verified', boolean: true, dossier: true },
  { cslTypes: null, csl: 'custom.verification', biblatex: 'userb', bibtex: 'verification', dossier: true },
  { cslTypes: null, csl: 'custom.visibility', biblatex: 'userc', bibtex: 'visibility', dossier: true },
  { cslTypes: null, csl: 'custom.topics', biblatex: 'keywords', list: true, dossier: true },
];

/** Whether a field mapping applies to an item of this CSL type. */
export function appliesTo(field: BiblatexField, cslType: unknown): boolean {
  return field.cslTypes === null || (typeof cslType === 'string' && field.cslTypes.includes(cslType));
}

/** Reads a CSL variable or `custom.<name>` from an item. */
export function getCslValue(item: Record<string, unknown>, path: string): unknown {
  if (!path.startsWith('custom.')) return item[path];
  const custom = item.custom as Record<string, unknown> | undefined;
  return custom?.[path.slice('custom.'.length)];
}

/** Sets a CSL variable or `custom.<name>` on an item. */
export function setCslValue(item: Record<string, unknown>, path: string, value: unknown): void {
  if (!path.startsWith('custom.')) {
    item[path] = value;
    return;
  }
  item.custom = { ...(item.custom as object | undefined), [path.slice('custom.'.length)]: value };
}

/** A raw BibLaTeX value as plain text: braces and the simplest escapes removed. */
export function plainBiblatexValue(value: string): string {
  return decodeLatex(value).replace(/\s+/g, ' ').trim();
}

/** A value written for BibLaTeX: special characters escaped, wrapped in braces. */
export function biblatexValue(value: string): string {
  return `{${value.replace(/\\/g, '\\textbackslash{}').replace(/([&%$#_{}])/g, '\\$1')}}`;
}

/** The names of a BibLaTeX name list, split on top-level "and". */
export function splitBiblatexNames(value: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  const words = value.split(/(\s+and\s+|[{}])/);
  for (const word of words) {
    if (word === '{') depth++;
    else if (word === '}') depth--;
    if (depth === 0 && /^\s+and\s+$/.test(word)) {
      names.push(current.trim());
      current = '';
    } else {
      current += word;
    }
  }
  if (current.trim() !== '') names.push(current.trim());
  return names;
}
