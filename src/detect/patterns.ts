/**
 * The patterns of every kind of reference, as data: one row per way of writing a reference. Each
 * row says which characters may start it, a sticky pattern tried only there, and how to spell what
 * it matched in one normal form. Every quantifier in these patterns is bounded, so one attempt
 * reads at most a fixed number of characters and a scan is linear in the length of the text.
 */
import type { DetectionKind, RowResult } from './types.js';

export type { RowResult } from './types.js';
import {
  icjIdentifier,
  ojIdentifier,
  reportIdentifier,
  unDocumentDetails,
  unDocumentIdentifier,
  caseNumberDetails,
  euActIdentifier,
} from './normalise.js';

/** One way of writing a reference. */
export interface PatternRow {
  readonly kind: DetectionKind;
  readonly name: string;
  /** The characters a match may start with. */
  readonly starts: string;
  /** Sticky and bounded; tried only where the text may start a reference. */
  readonly pattern: RegExp;
  /** Spells the match in its normal form; null rejects it. */
  build(match: RegExpExecArray, text: string): RowResult | null;
  /** Whether text just before the match is required, e.g. "Application" before an ECtHR number. */
  readonly needsContext?: (text: string, start: number, end: number) => boolean;
  /** A cheap test of the first characters, so the pattern is tried only where it could match. */
  readonly quick?: (text: string, index: number) => boolean;
  /**
   * The same test as `quick` (or a looser one) as regular-expression source, matched at the start:
   * the scanner joins the hints of all rows into one expression that finds the places worth trying,
   * so the many capitals and digits that start no reference are passed over inside the engine.
   * Without a hint, every character of `starts` is such a place.
   */
  readonly hint?: string;
  /** Further numbers in the same list (`nos. 43370/04, 8252/05 and 18454/06`), each its own detection. */
  readonly continuation?: RegExp;
}

const DIGITS = '0123456789';

/** The text at `index` starts with one of the prefixes. */
function startsWithOne(...prefixes: string[]) {
  // A plain loop: `some` with an arrow made a closure at every candidate of every row.
  return (text: string, index: number): boolean => {
    for (const prefix of prefixes) if (text.startsWith(prefix, index)) return true;
    return false;
  };
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Regular-expression source that matches the string literally. */
export function literal(string: string): string {
  return string.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A row that starts with one of the prefixes: its quick test and its hint. */
function startingWith(...prefixes: string[]): { quick: (text: string, index: number) => boolean; hint: string } {
  return { quick: startsWithOne(...prefixes), hint: prefixes.map(literal).join('|') };
}

/** `[2007]` or `(2002)` as a hint: what `bracketedYear` tests, and no more. */
const BRACKETED_YEAR_HINT = '[[(]\\d[^]{2}\\d[\\])]';

/** After one to four digits at `index`, the text starts with one of the prefixes. */
function afterDigits(...prefixes: string[]) {
  return (text: string, index: number): boolean => {
    let at = index;
    while (at < index + 4 && isDigit(text.charCodeAt(at))) at++;
    if (at === index) return false;
    for (const prefix of prefixes) if (text.startsWith(prefix, at)) return true;
    return false;
  };
}

/** `[2007]` or `(2002)`: a year in brackets at `index`. */
function bracketedYear(text: string, index: number): boolean {
  const close = text.charCodeAt(index + 5);
  return (close === 93 || close === 41) && isDigit(text.charCodeAt(index + 1)) && isDigit(text.charCodeAt(index + 4));
}

/** One to six capital letters and a slash: the start of a UN symbol. */
function capitalsThenSlash(text: string, index: number): boolean {
  let at = index;
  while (at < index + 6 && text.charCodeAt(at) >= 65 && text.charCodeAt(at) <= 90) at++;
  return at > index && text.charCodeAt(at) === 47;
}

/** Sticky, so an attempt only ever starts where the scanner points. */
function sticky(source: string, flags = ''): RegExp {
  return new RegExp(source, `y${flags}`);
}

const group = (match: RegExpExecArray, name: string): string => match.groups?.[name] ?? '';

/** The bodies whose document symbols the detector knows; a symbol must start with one of these. */
const UN_PREFIXES = 'A|S|E|ST|CCPR|CAT|CERD|CEDAW|CRC|CED|CMW|CRPD|HRC|TD|UNEP|DP|SPT|ICCD|FCCC';

/** The end of a reference: not in the middle of a word or a number. */
const END = '(?![A-Za-z0-9])';

const UN_SYMBOL = sticky(`(?:${UN_PREFIXES})(?:\\/(?:[A-Za-z0-9]{1,12}(?:\\.[A-Za-z0-9]{1,6}){0,2}\\.?)(?:\\s?\\((?:[IVXL]{1,6}|\\d{4})\\))?){1,9}${END}`);

const GA_RESOLUTION_SESSION_ROMAN = sticky(
  `(?:UN\\s?)?(?:General\\sAssembly|GA|UNGA|G\\.A\\.)\\s(?:[Rr]esolution|[Rr]es\\.?)\\s(?<num>\\d{1,4})\\s?\\((?<session>[IVXL]{1,6})\\)`,
);
const GA_RESOLUTION_SESSION_NUMBER = sticky(
  `(?:UN\\s?)?(?:General\\sAssembly|GA|UNGA|G\\.A\\.)\\s(?:[Rr]esolution|[Rr]es\\.?)\\s(?<session>\\d{1,2})\\/(?<num>\\d{1,4})${END}`,
);
const SC_RESOLUTION = sticky(
  `(?:UN\\s?)?(?:Security\\sCouncil|SC|UNSC|S\\.C\\.)\\s(?:[Rr]esolution|[Rr]es\\.?)\\s(?<num>\\d{1,4})(?:\\s?\\((?<year>\\d{4})\\))?${END}`,
);
const HRC_RESOLUTION = sticky(`(?:Human\\sRights\\sCouncil|HRC)\\s(?:[Rr]esolution|[Rr]es\\.?)\\s(?<session>\\d{1,2})\\/(?<num>\\d{1,3})${END}`);

/** An article number as treaties write them: `7(1)(i)`, `II`, `8 bis`, `25(3)(e)`. */
export const ARTICLE_NUMBER = `(?:\\d{1,3}(?:\\s?(?:bis|ter|quater))?|[IVXL]{1,6})(?:\\s?\\((?:\\d{1,2}|[a-z]{1,5})\\)){0,4}`;
/** One or a few article numbers: `6 and 7`, `5-8`, `7(1)(h), (i)`. */
export const ARTICLE_LIST = `${ARTICLE_NUMBER}(?:\\s?(?:,|and|to|-|–|&)\\s?${ARTICLE_NUMBER}){0,3}`;
/** The word for article, in the spellings OSCOLA, the UN and the courts use. */
export const ARTICLE_WORD = '(?:Articles|Article|Arts\\.|Art\\.|arts\\.|art\\.|articles|article|Art|art)';

/** True when one of the words appears in the few characters before `start`. */
function contextBefore(words: RegExp, span = 60) {
  return (text: string, start: number): boolean => words.test(text.slice(Math.max(0, start - span), start));
}

const ECTHR_CONTEXT = /(?:[Aa]pplications?|[Aa]pp\.?|ECtHR|E\.Ct\.H\.R\.|ECHR|Eur\.\s?Ct\.?\s?H\.?R\.?|Court of Human Rights|\sv\.?\s|Grand Chamber|GC\]|\[GC)/;
const SWEDISH_COURTS = /(?:[Mm]ål|[Cc]ase|[Dd]omstol|tingsrätt|hovrätt|[Dd]istrict|Court|[Cc]ase\s[Nn]o\.?|nr\.?|[Rr]ef\.?)/;

/** The rows of every kind except instrument articles, whose pattern is built from the alias table. */
export const PATTERN_ROWS: readonly PatternRow[] = [
  // --- UN document symbols -----------------------------------------------------------------
  {
    kind: 'un-document',
    name: 'un-symbol',
    quick: capitalsThenSlash,
    hint: '[A-Z]{1,6}/',
    starts: 'ACDEFHISTU',
    pattern: UN_SYMBOL,
    build(match) {
      let written = match[0];
      // A full stop after a symbol ends the sentence unless it abbreviates `Add.`, `Corr.`, `Rev.`, `Sub.`.
      while (written.endsWith('.') && !/(?:Add|Corr|Rev|Sub|CN|C|L|Conf|CONF|WG|SR|PV|Misc)\.$/.test(written)) written = written.slice(0, -1);
      const identifier = unDocumentIdentifier(written);
      if (identifier === null) return null;
      return { identifier, details: unDocumentDetails(identifier), length: written.length };
    },
  },
  {
    kind: 'un-document',
    name: 'ga-resolution-roman',
    ...startingWith('UN', 'General Assembly', 'GA ', 'G.A.'),
    starts: 'UGR',
    pattern: GA_RESOLUTION_SESSION_ROMAN,
    build(match) {
      const identifier = `A/RES/${group(match, 'num')}(${group(match, 'session')})`;
      return { identifier, details: unDocumentDetails(identifier) };
    },
  },
  {
    kind: 'un-document',
    name: 'ga-resolution',
    ...startingWith('UN', 'General Assembly', 'GA ', 'G.A.'),
    starts: 'UG',
    pattern: GA_RESOLUTION_SESSION_NUMBER,
    build(match) {
      const identifier = `A/RES/${group(match, 'session')}/${group(match, 'num')}`;
      return { identifier, details: unDocumentDetails(identifier) };
    },
  },
  {
    kind: 'un-document',
    name: 'sc-resolution',
    ...startingWith('UN', 'Security Council', 'SC ', 'S.C.'),
    starts: 'US',
    pattern: SC_RESOLUTION,
    build(match) {
      const year = group(match, 'year');
      const identifier = `S/RES/${group(match, 'num')}${year === '' ? '' : ` (${year})`}`;
      return { identifier, details: unDocumentDetails(identifier) };
    },
  },
  {
    kind: 'un-document',
    name: 'hrc-resolution',
    ...startingWith('Human Rights Council', 'HRC '),
    starts: 'H',
    pattern: HRC_RESOLUTION,
    build(match) {
      const identifier = `A/HRC/RES/${group(match, 'session')}/${group(match, 'num')}`;
      return { identifier, details: unDocumentDetails(identifier) };
    },
  },
  // --- Case numbers of international courts and tribunals ---------------------------------
  {
    kind: 'case-number',
    name: 'icty',
    ...startingWith('IT-'),
    starts: 'I',
    pattern: sticky(`IT-\\d{2}-\\d{1,3}(?:\\/\\d{1,2})?(?:-(?:[A-Z]{1,3}\\d{0,3}(?:\\.\\d)?|Misc\\.\\d{1,2}))?(?:-[A-Z]{1,3})?${END}`),
    build: (match) => ({ identifier: match[0], details: caseNumberDetails('ICTY', match[0]) }),
  },
  {
    kind: 'case-number',
    name: 'ictr',
    ...startingWith('ICTR'),
    starts: 'I',
    pattern: sticky(`ICTR[-\\s]\\d{2}-\\d{1,3}[A-Z]?(?:-[A-Z]{1,3}\\d{0,3})?(?:-[A-Z]{1,3})?${END}`),
    build: (match) => {
      const identifier = match[0].replace(/^ICTR\s/, 'ICTR-');
      return { identifier, details: caseNumberDetails('ICTR', identifier) };
    },
  },
  {
    kind: 'case-number',
    name: 'irmct',
    ...startingWith('MICT-'),
    starts: 'M',
    pattern: sticky(`MICT-\\d{2}-\\d{1,3}(?:-[A-Z]{1,3}\\d{0,3})?(?:-[A-Z]{1,3})?${END}`),
    build: (match) => ({ identifier: match[0], details: caseNumberDetails('IRMCT', match[0]) }),
  },
  {
    kind: 'case-number',
    name: 'scsl',
    ...startingWith('SCSL-'),
    starts: 'S',
    pattern: sticky(`SCSL-\\d{2,4}-\\d{1,2}(?:-[A-Z]{1,3})?${END}`),
    build: (match) => ({ identifier: match[0], details: caseNumberDetails('SCSL', match[0]) }),
  },
  {
    kind: 'case-number',
    name: 'icc',
    ...startingWith('ICC-'),
    starts: 'I',
    pattern: sticky(`ICC-\\d{2}\\/\\d{2}(?:-\\d{2}\\/\\d{2})?(?:-\\d{1,5})?(?:-(?:Red\\d?|Conf|Anx[A-Z0-9]{0,3}|tENG|tFRA|Corr|Exp)){0,3}${END}`),
    build(match) {
      const parts = /^ICC-(\d{2}\/\d{2})(?:-(\d{2}\/\d{2}))?(?:-(\d{1,5}))?/.exec(match[0])!;
      const details: Record<string, string> = { court: 'International Criminal Court', situation: parts[1]! };
      if (parts[2] !== undefined) details.case = `ICC-${parts[1]}-${parts[2]}`;
      if (parts[3] !== undefined) details.document = parts[3];
      return { identifier: match[0], details };
    },
  },
  {
    kind: 'case-number',
    name: 'ecthr-application',
    ...startingWith('no', 'No'),
    starts: 'nN',
    pattern: sticky(`(?:nos?|Nos?)\\.?\\s?(?<number>\\d{1,6}\\/\\d{2})(?![\\d/])`),
    needsContext: contextBefore(ECTHR_CONTEXT),
    continuation: sticky(`(?:,\\s?|\\s(?:and|&)\\s)(?<number>\\d{1,6}\\/\\d{2})(?![\\d/])`),
    build: (match) => ({
      identifier: `no. ${group(match, 'number')}`,
      details: { court: 'European Court of Human Rights', application: group(match, 'number') },
    }),
  },
  {
    kind: 'case-number',
    name: 'swedish',
    quick: (text, index) => text.charCodeAt(index + 1) === 32 && isDigit(text.charCodeAt(index + 2)),
    hint: '[^] \\d',
    starts: 'BTÖ',
    pattern: sticky(`[BTÖ]\\s(?<number>\\d{3,6}-\\d{2})${END}`),
    needsContext: contextBefore(SWEDISH_COURTS, 40),
    build: (match) => ({ identifier: match[0].replace(/\s/, ' '), details: { jurisdiction: 'Sweden', type: match[0][0] === 'B' ? 'criminal' : match[0][0] === 'T' ? 'civil' : 'other' } }),
  },
  // --- ECLI ---------------------------------------------------------------------------------
  {
    kind: 'ecli',
    name: 'ecli',
    ...startingWith('ECLI:'),
    starts: 'E',
    pattern: sticky(`ECLI:[A-Z]{2}:[A-Z0-9.]{1,7}:\\d{4}:[A-Za-z0-9.]{1,25}`),
    build(match) {
      const written = match[0].replace(/\.+$/, '');
      const [, country, court, year] = written.split(':');
      return { identifier: written.toUpperCase(), details: { country: country!, court: court!, year: year! }, length: written.length };
    },
  },
  // --- Law reports: ICJ, PCIJ, the UK, the ECtHR, the ILR ------------------------------------
  {
    kind: 'law-report',
    name: 'icj-oscola',
    quick: bracketedYear,
    hint: BRACKETED_YEAR_HINT,
    starts: '[',
    pattern: sticky(`\\[(?<year>\\d{4})\\]\\s?I\\.?\\s?C\\.?\\s?J\\.?\\s?Rep(?:orts)?\\.?\\s?(?:p\\.\\s?)?(?<page>\\d{1,4})${END}`),
    build: (match) => icjIdentifier(group(match, 'year'), group(match, 'page')),
  },
  {
    kind: 'law-report',
    name: 'icj-un',
    ...startingWith('I.C.J', 'ICJ', 'I. C. J'),
    starts: 'I',
    pattern: sticky(`I\\.?\\s?C\\.?\\s?J\\.?\\s?Reports\\s(?<year>\\d{4}),?\\s?(?:p\\.|at|pp\\.)\\s?(?<page>\\d{1,4})${END}`),
    build: (match) => icjIdentifier(group(match, 'year'), group(match, 'page')),
  },
  {
    kind: 'law-report',
    name: 'icj-bluebook',
    quick: afterDigits(' I.C.J.'),
    hint: '\\d{1,4} I\\.C\\.J\\.',
    starts: DIGITS,
    pattern: sticky(`(?<year>\\d{4})\\sI\\.C\\.J\\.\\s(?<page>\\d{1,4})${END}`),
    build: (match) => icjIdentifier(group(match, 'year'), group(match, 'page')),
  },
  {
    kind: 'law-report',
    name: 'pcij',
    ...startingWith('P.C.I.J', 'PCIJ', 'P. C. I. J'),
    starts: 'P',
    pattern: sticky(`P\\.?\\s?C\\.?\\s?I\\.?\\s?J\\.?,?\\s(?:Rep(?:orts)?\\.?\\s)?\\(?(?:[Ss]er(?:ies|\\.)?)\\s(?<series>A\\/B|A|B|C)\\)?,?\\s[Nn]o\\.?\\s?(?<number>\\d{1,3})${END}`),
    build: (match) => ({ identifier: `PCIJ Series ${group(match, 'series')} No ${group(match, 'number')}`, details: { court: 'Permanent Court of International Justice' } }),
  },
  {
    kind: 'law-report',
    name: 'uk-neutral',
    quick: bracketedYear,
    hint: BRACKETED_YEAR_HINT,
    starts: '[',
    pattern: sticky(
      `\\[(?<year>\\d{4})\\]\\s(?<court>UKSC|UKHL|UKPC|EWCA\\s(?:Civ|Crim)|EWHC|UKUT|UKFTT|CSIH|CSOH|HCJAC|NICA|NIQB|IESC|IEHC)\\s(?<number>\\d{1,5})(?:\\s\\((?<division>Admin|QB|KB|Ch|Fam|Comm|Pat|TCC|IPEC)\\))?${END}`,
    ),
    build(match) {
      const division = group(match, 'division');
      const identifier = `[${group(match, 'year')}] ${group(match, 'court').replace(/\s+/, ' ')} ${group(match, 'number')}${division === '' ? '' : ` (${division})`}`;
      return { identifier, details: { jurisdiction: 'United Kingdom', court: group(match, 'court'), year: group(match, 'year') } };
    },
  },
  {
    kind: 'law-report',
    name: 'report-series',
    quick: bracketedYear,
    hint: BRACKETED_YEAR_HINT,
    starts: '[(',
    pattern: sticky(
      `[\\[(](?<year>\\d{4})[\\])]\\s(?:(?<volume>\\d{1,3})\\s)?(?<series>AC|QB|KB|Ch|WLR|All\\sER|Cr\\sApp\\sR|EHRR|ECR|ILR|BHRC|Lloyd's\\sRep)\\s(?<page>(?:I-|II-)?\\d{1,5})${END}`,
    ),
    build: (match) => reportIdentifier(group(match, 'year'), group(match, 'volume'), group(match, 'series'), group(match, 'page'), match[0][0] === '('),
  },
  {
    kind: 'law-report',
    name: 'ilr',
    quick: afterDigits(' I'),
    hint: '\\d{1,4} I',
    starts: DIGITS,
    pattern: sticky(`(?<volume>\\d{1,3})\\sI\\.?L\\.?R\\.?\\s(?<page>\\d{1,4})${END}`),
    build: (match) => ({ identifier: `${group(match, 'volume')} ILR ${group(match, 'page')}`, details: { series: 'International Law Reports' } }),
  },
  {
    kind: 'law-report',
    name: 'echr-reports',
    ...startingWith('ECHR '),
    starts: 'E',
    pattern: sticky(`ECHR\\s(?<year>\\d{4})-(?<part>[IVX]{1,6})${END}`),
    build: (match) => ({ identifier: `ECHR ${group(match, 'year')}-${group(match, 'part')}`, details: { court: 'European Court of Human Rights', year: group(match, 'year') } }),
  },
  // --- Treaty series --------------------------------------------------------------------------
  {
    kind: 'treaty-series',
    name: 'unts',
    quick: afterDigits(' U', ' L'),
    hint: '\\d{1,4} [UL]',
    starts: DIGITS,
    pattern: sticky(`(?<volume>\\d{1,4})\\s(?<series>U\\.?\\s?N\\.?\\s?T\\.?\\s?S\\.?|L\\.?\\s?N\\.?\\s?T\\.?\\s?S\\.?)\\s(?<page>\\d{1,5}|[IVXLC]{1,7})${END}`),
    build(match) {
      const series = group(match, 'series').replace(/[.\s]/g, '');
      return { identifier: `${group(match, 'volume')} ${series} ${group(match, 'page')}`, details: { series: series === 'UNTS' ? 'United Nations Treaty Series' : 'League of Nations Treaty Series' } };
    },
  },
  {
    kind: 'treaty-series',
    name: 'unts-un-style',
    ...startingWith('United Nations'),
    starts: 'U',
    pattern: sticky(`United\\sNations,?\\sTreaty\\sSeries,?\\svol\\.\\s(?<volume>\\d{1,4}),?\\s(?:No\\.\\s\\d{1,6},?\\s)?p\\.\\s(?<page>\\d{1,5}|[IVXLC]{1,7})${END}`),
    build: (match) => ({ identifier: `${group(match, 'volume')} UNTS ${group(match, 'page')}`, details: { series: 'United Nations Treaty Series' } }),
  },
  {
    kind: 'treaty-series',
    name: 'ets',
    ...startingWith('ETS', 'CETS', 'E.T.S.', 'C.E.T.S.'),
    starts: 'CE',
    pattern: sticky(`(?<series>CETS|ETS|C\\.E\\.T\\.S\\.|E\\.T\\.S\\.)\\s(?:[Nn]o\\.?\\s?)?(?<number>\\d{1,3})${END}`),
    build(match) {
      const series = group(match, 'series').replace(/\./g, '');
      return { identifier: `${series} No. ${group(match, 'number')}`, details: { series: 'Council of Europe Treaty Series' } };
    },
  },
  // --- The Official Journal of the EU ---------------------------------------------------------
  {
    kind: 'official-journal',
    name: 'oj-eur-lex',
    ...startingWith('OJ '),
    starts: 'O',
    pattern: sticky(`OJ\\s(?<series>L|C)\\s(?<number>\\d{1,4})(?:\\s?(?<sub>I{1,3}|[A-H]))?,\\s(?<day>\\d{1,2})\\.(?<month>\\d{1,2})\\.(?<year>\\d{4}),\\s?p\\.\\s?(?<page>\\d{1,4})${END}`),
    build: (match) => ojIdentifier(group(match, 'series'), group(match, 'number'), group(match, 'sub'), group(match, 'page'), group(match, 'year'), `${group(match, 'day')}.${group(match, 'month')}.${group(match, 'year')}`),
  },
  {
    kind: 'official-journal',
    name: 'oj-oscola',
    quick: (text, index) => text.startsWith('OJ ', index) || (bracketedYear(text, index) && text.startsWith(' OJ ', index + 6)),
    hint: `OJ |${BRACKETED_YEAR_HINT} OJ `,
    starts: '[O',
    pattern: sticky(`(?:\\[(?<year>\\d{4})\\]\\s)?OJ\\s(?:(?<year2>\\d{4})\\s)?(?<series>L|C)\\s?(?<number>\\d{1,4})(?:\\s?(?<sub>I{1,3}))?\\/(?<page>\\d{1,4})${END}`),
    build: (match) => ojIdentifier(group(match, 'series'), group(match, 'number'), group(match, 'sub'), group(match, 'page'), group(match, 'year') || group(match, 'year2'), null),
  },
  // --- EU acts ------------------------------------------------------------------------------------
  {
    kind: 'eu-act',
    name: 'eu-act-domain-first',
    ...startingWith('Council ', 'Commission ', 'Regulation ', 'Directive ', 'Decision ', 'Implementing ', 'Delegated ', 'Framework '),
    starts: 'CPIDRF',
    pattern: sticky(
      `(?:(?<institution>Council|Commission)\\s)?(?:(?<modifier>Implementing|Delegated|Framework)\\s)?(?<type>Regulation|Directive|Decision)\\s\\((?<domain>EU|EC|EEC|CFSP|JHA|Euratom|EU,\\sEuratom)\\)\\s(?<no>No\\.?\\s)?(?<first>\\d{1,4})\\/(?<second>\\d{1,4})${END}`,
    ),
    build: (match) => euActIdentifier(group(match, 'type'), group(match, 'domain'), group(match, 'first'), group(match, 'second'), group(match, 'no') !== '', group(match, 'institution'), group(match, 'modifier')),
  },
  {
    kind: 'eu-act',
    name: 'eu-act-domain-last',
    ...startingWith('Council ', 'Commission ', 'Directive ', 'Decision ', 'Framework '),
    starts: 'CDF',
    pattern: sticky(`(?:(?<institution>Council|Commission)\\s)?(?<type>Directive|Decision|Framework\\sDecision)\\s(?<year>\\d{2,4})\\/(?<number>\\d{1,4})\\/(?<domain>EU|EC|EEC|CFSP|JHA)${END}`),
    build(match) {
      const type = group(match, 'type').replace(/\s+/, ' ');
      const written = group(match, 'year');
      // Acts before 2000 were numbered with two-digit years: Directive 95/46/EC.
      const year = written.length === 2 ? `${Number(written) > 50 ? '19' : '20'}${written}` : written;
      return {
        identifier: `${type} ${written}/${group(match, 'number')}/${group(match, 'domain')}`,
        details: { type: type.toLowerCase(), domain: group(match, 'domain'), year, number: group(match, 'number'), ...(group(match, 'institution') === '' ? {} : { institution: group(match, 'institution') }) },
      };
    },
  },
  {
    kind: 'eu-act',
    name: 'celex',
    quick: (text, index) => text.startsWith('19', index + 1) || text.startsWith('20', index + 1),
    hint: '[^](?:19|20)',
    starts: '3',
    pattern: sticky(`3(?<year>(?:19|20)\\d{2})(?<type>[RLD])(?<number>\\d{4})${END}`),
    build(match) {
      const type = { R: 'regulation', L: 'directive', D: 'decision' }[group(match, 'type') as 'R' | 'L' | 'D'];
      return { identifier: `CELEX ${match[0]}`, details: { type, year: group(match, 'year'), number: String(Number(group(match, 'number'))) } };
    },
  },
];

/** The rows of back-references: `ibid.`, `Id.`, `supra n. 12`, `above n 12`, `(n 12)`. */
export const BACK_REFERENCE_ROWS: readonly PatternRow[] = [
  {
    kind: 'back-reference',
    name: 'ibid',
    ...startingWith('ibid', 'Ibid', 'Id.'),
    starts: 'Ii',
    // `Ibidem` in a sentence about the word is not a reference: one must end in a stop, a comma or a pinpoint.
    pattern: sticky(`(?:[Ii]bidem|[Ii]bid|Id(?=\\.))(?=[.,;:)]|[ \\t]{0,3}(?:$|\\n)|\\s(?:at|para|p\\.|pp\\.|§|n\\.))\\.?`),
    build: (match) => ({ identifier: 'ibid.', details: { form: match[0] } }),
  },
  {
    kind: 'back-reference',
    name: 'supra',
    ...startingWith('supra', 'Supra'),
    starts: 'sS',
    pattern: sticky(`[Ss]upra(?:,?\\s(?:n(?:ote)?\\.?\\s?(?<note>\\d{1,4})))?${END}`),
    build: (match): RowResult => (group(match, 'note') === '' ? { identifier: 'supra' } : { identifier: `supra n. ${group(match, 'note')}`, details: { note: group(match, 'note') } }),
  },
  {
    kind: 'back-reference',
    name: 'above-n',
    ...startingWith('above n', '(n'),
    starts: 'a(',
    pattern: sticky(`(?:above\\sn(?:ote)?\\.?\\s?(?<note>\\d{1,4})|\\(n\\s?(?<note2>\\d{1,4})\\))${END}`),
    build(match) {
      const note = group(match, 'note') || group(match, 'note2');
      return { identifier: `supra n. ${note}`, details: { note } };
    },
  },
];

/** The pinpoint that may follow a reference: `, para. 516`, `, paras 510-516`, ` at 43`, `, § 12`, also after a closing bracket. */
export const PINPOINT = sticky(
  `\\)?(?:,\\s?|\\s)(?:at\\s)?(?<label>paras\\.?|para\\.?|paragraphs|paragraph|pp\\.|p\\.|§§|§|arts\\.|art\\.|articles|article|nn\\.|n\\.|fn\\.?)\\s?(?<locator>[0-9IVXL]{1,5}(?:\\s?[-–]\\s?\\d{1,5})?(?:\\s?\\((?:\\d{1,2}|[a-z]{1,5})\\)){0,4}(?:(?:,\\s?|\\s(?:and|&)\\s)\\d{1,5}(?:\\s?[-–]\\s?\\d{1,5})?(?![/\\d])){0,4})(?![A-Za-z0-9/])`,
);

/** A paragraph in square brackets after a neutral citation: `[2006] UKHL 26, [24]`. */
export const BRACKETED_PARAGRAPH = sticky(`(?:,\\s?|\\sat\\s)\\[(?<locator>\\d{1,4}(?:\\]?[-–]\\[?\\d{1,4})?)\\]`);

/** A bare page after a law report: `[2007] ICJ Rep 43, 111` or ` at 111`. */
export const BARE_PAGE = sticky(`(?:,\\s|\\sat\\s)(?<locator>\\d{1,5}(?:[-–]\\d{1,5})?)(?![\\d/.A-Za-z]|,\\s?\\d)`);

