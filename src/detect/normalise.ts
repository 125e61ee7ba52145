/**
 * Normal forms: each reference spelled one way, so that `2187 U.N.T.S. 3` and `2187 UNTS 3`, or
 * `S/RES/827 (1993)` and `Security Council resolution 827`, compare equal; and what an identifier
 * itself says (the body, session and kind of a UN document; the court and stage of a case).
 */
import type { RowResult } from './types.js';

/** The UN bodies that issue documents, by the longest symbol prefix that names them. */
const UN_BODIES: ReadonlyArray<readonly [string, string]> = [
  ['E/CN.4/Sub.2/', 'Sub-Commission on the Promotion and Protection of Human Rights'],
  ['E/CN.4/', 'Commission on Human Rights'],
  ['E/CN.6/', 'Commission on the Status of Women'],
  ['E/C.12/', 'Committee on Economic, Social and Cultural Rights'],
  ['A/HRC/', 'Human Rights Council'],
  ['A/C.3/', 'General Assembly, Third Committee'],
  ['A/C.6/', 'General Assembly, Sixth Committee'],
  ['A/CONF.', 'United Nations conference'],
  ['CCPR/', 'Human Rights Committee'],
  ['CAT/', 'Committee against Torture'],
  ['CERD/', 'Committee on the Elimination of Racial Discrimination'],
  ['CEDAW/', 'Committee on the Elimination of Discrimination against Women'],
  ['CRC/', 'Committee on the Rights of the Child'],
  ['CED/', 'Committee on Enforced Disappearances'],
  ['CMW/', 'Committee on Migrant Workers'],
  ['CRPD/', 'Committee on the Rights of Persons with Disabilities'],
  ['SPT/', 'Subcommittee on Prevention of Torture'],
  ['ST/', 'Secretariat'],
  ['A/', 'General Assembly'],
  ['S/', 'Security Council'],
  ['E/', 'Economic and Social Council'],
  ['HRC/', 'Human Rights Council'],
  ['TD/', 'UNCTAD'],
  ['UNEP/', 'United Nations Environment Programme'],
  ['DP/', 'UNDP Executive Board'],
];

/** What a component of a symbol says the document is. */
const UN_DOCUMENT_KINDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^RES$/, 'resolution'],
  [/^DEC$/, 'decision'],
  [/^PRST$/, 'presidential statement'],
  [/^GC$/, 'general comment'],
  [/^GR$/, 'general recommendation'],
  [/^PV\./, 'verbatim record'],
  [/^SR\./, 'summary record'],
  [/^L\.\d/, 'draft'],
  [/^Add\.\d/, 'addendum'],
  [/^Corr\.\d/, 'corrigendum'],
  [/^Rev\.\d/, 'revision'],
  [/^INF/, 'information document'],
  [/^WP\./, 'working paper'],
  [/^CO$/, 'concluding observations'],
];

/** A UN symbol in one spelling (`A/RES/96(I)`, `S/RES/827 (1993)`), or null if it is not one. */
export function unDocumentIdentifier(written: string): string | null {
  const compact = written.replace(/\s+/g, '');
  const parts = compact.split('/');
  // Every real symbol has a number somewhere after its body: `A/B` or `S/he` is not one.
  if (parts.length < 2 || !parts.slice(1).some((part) => /\d/.test(part))) return null;
  if (parts.some((part) => part === '')) return null;
  // The Security Council writes the year of a resolution after it, with a space.
  const security = /^S\/RES\/(\d{1,4})\((\d{4})\)$/.exec(compact);
  if (security !== null) return `S/RES/${security[1]} (${security[2]})`;
  // A year in brackets after any other symbol is the date of the document, not part of the symbol.
  const withoutYear = compact.replace(/\((\d{4})\)$/, '');
  return withoutYear.replace(/(\/[a-z]+)(?=\.\d)/g, (part) => part[1]!.toUpperCase() + part.slice(1));
}

/** The body, session and kind of document a UN symbol says, where it says them. */
export function unDocumentDetails(identifier: string): Record<string, string> {
  const details: Record<string, string> = {};
  const body = UN_BODIES.find(([prefix]) => identifier.startsWith(prefix));
  if (body !== undefined) details.body = body[1];
  const parts = identifier.replace(/\s\(\d{4}\)$/, '').split('/');
  for (const part of parts.slice(1)) {
    const kind = UN_DOCUMENT_KINDS.find(([pattern]) => pattern.test(part));
    if (kind !== undefined) details.kind = kind[1];
  }
  details.kind ??= parts[0] === 'CCPR' || parts[0] === 'CAT' || parts[0] === 'CERD' || parts[0] === 'CRC' || parts[0] === 'CED' ? 'treaty body document' : 'document';
  const roman = /\/(\d{1,4})\(([IVXL]{1,6})\)$/.exec(identifier);
  const year = /\((\d{4})\)$/.exec(identifier);
  if (roman !== null) {
    details.session = roman[2]!;
    details.number = roman[1]!;
  } else if (year !== null) {
    details.year = year[1]!;
    details.number = /\/(\d{1,4})\s/.exec(identifier)?.[1] ?? '';
  } else {
    // After the body (and RES), a number below 100 is a session, a four-digit one a year.
    const rest = identifier.slice(body?.[0].length ?? identifier.indexOf('/') + 1).split('/').filter((part) => part !== 'RES' && part !== 'DEC' && part !== 'C' && part !== 'GC');
    const first = rest[0] ?? '';
    if (/^\d{4}$/.test(first)) details.year = first;
    else if (/^\d{1,3}$/.test(first) && identifier[0] !== 'S' && !identifier.startsWith('CCPR') && !identifier.startsWith('CAT') && !identifier.startsWith('CRC')) details.session = first;
    if (details.kind === 'general comment' || details.kind === 'general recommendation') details.number = parts[parts.length - 1]!;
    else if (details.kind === 'resolution') details.number = parts[parts.length - 1]!;
  }
  if (details.number === '') delete details.number;
  return details;
}

/** What the stage letters of an ICTY or ICTR case number mean. */
const CASE_STAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/-AR\d/, 'interlocutory appeal'],
  [/-A(?:-|$)/, 'appeal'],
  [/-T(?:-|$)/, 'trial'],
  [/-PT(?:-|$)/, 'pre-trial'],
  [/-I(?:-|$)/, 'indictment'],
  [/-S(?:-|$)/, 'sentencing'],
  [/-R\d/, 'review or contempt'],
  [/-ES(?:-|$)/, 'enforcement of sentences'],
];

/** The court, case and stage an international case number says. */
export function caseNumberDetails(court: 'ICTY' | 'ICTR' | 'IRMCT' | 'SCSL', identifier: string): Record<string, string> {
  const names = {
    ICTY: 'International Criminal Tribunal for the former Yugoslavia',
    ICTR: 'International Criminal Tribunal for Rwanda',
    IRMCT: 'International Residual Mechanism for Criminal Tribunals',
    SCSL: 'Special Court for Sierra Leone',
  };
  const details: Record<string, string> = { court: names[court], case: caseFamily(identifier) };
  const stage = CASE_STAGES.find(([pattern]) => pattern.test(identifier.slice(details.case!.length)));
  if (stage !== undefined) details.stage = stage[1];
  return details;
}

/** A case number without its stage: `IT-98-33-A` → `IT-98-33`, `ICC-01/04-01/06-2842` → `ICC-01/04-01/06`. */
export function caseFamily(identifier: string): string {
  const icc = /^ICC-\d{2}\/\d{2}-\d{2}\/\d{2}/.exec(identifier);
  if (icc !== null) return icc[0];
  const tribunal = /^(?:IT|ICTR|MICT|SCSL)-\d{2,4}-\d{1,3}(?:\/\d{1,2}|[A-Z](?=-|$))?/.exec(identifier);
  return tribunal === null ? identifier : tribunal[0];
}

/** An ICJ Reports citation in OSCOLA's form. */
export function icjIdentifier(year: string, page: string): RowResult {
  return { identifier: `[${year}] ICJ Rep ${page}`, details: { court: 'International Court of Justice', year } };
}

/** The abbreviations of law report series, with the full names a library may give instead. */
export const REPORT_SERIES: Readonly<Record<string, string>> = {
  AC: 'Appeal Cases',
  QB: "Queen's Bench",
  KB: "King's Bench",
  Ch: 'Chancery',
  WLR: 'Weekly Law Reports',
  'All ER': 'All England Law Reports',
  'Cr App R': 'Criminal Appeal Reports',
  EHRR: 'European Human Rights Reports',
  ECR: 'European Court Reports',
  ILR: 'International Law Reports',
  BHRC: 'Butterworths Human Rights Cases',
  "Lloyd's Rep": "Lloyd's Law Reports",
};

/** A report citation in OSCOLA's form: `[2000] 1 AC 147`, `(2002) 34 EHRR 11`. */
export function reportIdentifier(year: string, volume: string, series: string, page: string, roundBrackets: boolean): RowResult {
  const cleanSeries = series.replace(/\s+/g, ' ');
  const open = roundBrackets ? '(' : '[';
  const close = roundBrackets ? ')' : ']';
  const identifier = `${open}${year}${close} ${volume === '' ? '' : `${volume} `}${cleanSeries} ${page}`;
  return { identifier, details: { series: REPORT_SERIES[cleanSeries] ?? cleanSeries, year } };
}

/** An Official Journal reference as series, issue and first page: `OJ L 410I/1`. */
export function ojIdentifier(series: string, number: string, sub: string, page: string, year: string, date: string | null): RowResult {
  const details: Record<string, string> = { series };
  if (year !== '') details.year = year;
  if (date !== null) details.date = date;
  return { identifier: `OJ ${series} ${number}${sub}/${page}`, details };
}

/** An EU act in the form EUR-Lex gives it: `Regulation (EU) 2020/1998`, `Regulation (EC) No 1049/2001`. */
export function euActIdentifier(type: string, domain: string, first: string, second: string, numbered: boolean, institution: string, modifier: string): RowResult {
  const details: Record<string, string> = { type: type.toLowerCase(), domain: domain.replace(/\s+/g, ' ') };
  if (institution !== '') details.institution = institution;
  if (modifier !== '') details.modifier = modifier.toLowerCase();
  // Before 2015 the number came first and the year second; since then the year comes first.
  const yearFirst = !numbered && first.length === 4 && Number(first) >= 2015;
  details.year = yearFirst ? first : second;
  details.number = yearFirst ? second : first;
  const written = `${modifier === 'Framework' ? 'Framework ' : ''}${type} (${details.domain}) ${numbered ? 'No ' : ''}${first}/${second}`;
  return { identifier: written, details };
}

/** Letters and digits only, lower case, without accents: how titles and aliases are compared. */
export function comparableTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The key under which an identifier is looked up in the library: the same reference written in
 * different ways gets the same key (`S/RES/827 (1993)` and `S/RES/827`; `Regulation (EU) No 359/2011`
 * and `Regulation (EU) 359/2011`).
 */
export function comparableIdentifier(kind: string, identifier: string, details: Readonly<Record<string, string>>): string {
  switch (kind) {
    case 'un-document':
      return identifier.replace(/^S\/RES\/(\d{1,4}) \(\d{4}\)$/, 'S/RES/$1').toUpperCase();
    case 'eu-act':
      return `${(details.type ?? '').replace('framework ', '')}:${details.year ?? ''}/${details.number ?? ''}`;
    case 'case-number':
      return identifier.toUpperCase();
    default:
      return identifier.replace(/\s+/g, ' ');
  }
}
