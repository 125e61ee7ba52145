/**
 * Resolution against the library: each reference is looked up by its normal form among the
 * identifiers the library's entries carry (their number, title and series citation, read by the
 * same scanner). One match resolves it; more than one leaves it unresolved as ambiguous — a
 * reference is never guessed. The index is built from the entries a reader may see, so a
 * confidential entry is never revealed through resolution.
 */
import { isCiteKey, type CiteKey } from '../model/ids.js';
import type { Source } from '../model/records.js';
import type { Instrument } from './instruments.js';
import { REPORT_SERIES, caseFamily, comparableIdentifier, comparableTitle } from './normalise.js';
import type { ReferenceScanner, ScannedReference } from './scanner.js';
import type { Resolution } from './types.js';

/** What the resolver reads of a library entry: its key and its CSL fields. */
export type LibrarySource = Pick<Source, 'key' | 'csl'>;

/** The library as the resolver sees it: entries by identifier, by case family and by title. */
export interface LibraryIndex {
  readonly byIdentifier: ReadonlyMap<string, readonly CiteKey[]>;
  readonly byFamily: ReadonlyMap<string, ReadonlyArray<{ key: CiteKey; wholeCase: boolean }>>;
  readonly byTitle: ReadonlyMap<string, readonly CiteKey[]>;
  readonly keys: ReadonlySet<CiteKey>;
  readonly titles: ReadonlyMap<CiteKey, string>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null);

function issuedYear(csl: Source['csl']): string | null {
  const issued = csl.issued as { 'date-parts'?: unknown[][] } | undefined;
  const year = issued?.['date-parts']?.[0]?.[0];
  return typeof year === 'number' || typeof year === 'string' ? String(year) : null;
}

/** The strings that name an entry, in forms the scanner reads: its number, title and series citation. */
export function identifyingStrings(source: LibrarySource): string[] {
  const csl = source.csl;
  const strings: string[] = [];
  const number = text(csl.number);
  if (number !== null) strings.push(/^\d{1,6}\/\d{2}$/.test(number) ? `no. ${number}` : number);
  const title = text(csl.title);
  if (title !== null) strings.push(title);
  const custom = (csl.custom ?? {}) as Record<string, unknown>;
  // `custom.identifiers` lists other ways the entry is cited (`2187 UNTS 3` beside `2187 UNTS 90`).
  if (Array.isArray(custom.identifiers)) for (const item of custom.identifiers) if (typeof item === 'string') strings.push(item);
  const container = text(csl['container-title']) ?? '';
  const short = text(csl['container-title-short']) ?? '';
  const volume = text(csl.volume);
  const page = text(csl.page)?.split(/[-–]/)[0] ?? null;
  const year = issuedYear(csl);
  if (page !== null) {
    if (volume !== null && (/United Nations Treaty Series/i.test(container) || /^U\.?N\.?T\.?S\.?$/.test(short))) strings.push(`${volume} UNTS ${page}`);
    if (volume !== null && (/League of Nations Treaty Series/i.test(container) || /^L\.?N\.?T\.?S\.?$/.test(short))) strings.push(`${volume} LNTS ${page}`);
    if (volume !== null && (/Official Journal/i.test(container) || short === 'OJ')) strings.push(`OJ ${volume}/${page}`);
    if (year !== null && (/I\.?C\.?J\.? Reports/i.test(container) || /^ICJ Rep/.test(short))) strings.push(`[${year}] ICJ Rep ${page}`);
    const series = Object.entries(REPORT_SERIES).find(([abbreviation, name]) => short === abbreviation || container === name)?.[0];
    if (series !== undefined && year !== null) {
      strings.push(series === 'EHRR' ? `(${year}) ${volume ?? ''} EHRR ${page}` : `[${year}] ${volume === null ? '' : `${volume} `}${series} ${page}`);
    }
  }
  return strings;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

/** Indexes the entries a reader may see (the caller decides which) by every identifier they carry. */
export function indexLibrary(sources: Iterable<LibrarySource>, scanner: ReferenceScanner): LibraryIndex {
  const byIdentifier = new Map<string, CiteKey[]>();
  const byFamily = new Map<string, Array<{ key: CiteKey; wholeCase: boolean }>>();
  const byTitle = new Map<string, CiteKey[]>();
  const keys = new Set<CiteKey>();
  const titles = new Map<CiteKey, string>();
  for (const source of sources) {
    keys.add(source.key);
    const title = text(source.csl.title);
    if (title !== null) {
      titles.set(source.key, title);
      push(byTitle, comparableTitle(title), source.key);
    }
    const seen = new Set<string>();
    for (const string of identifyingStrings(source)) {
      for (const reference of scanner.scan(string, { withoutContext: true })) {
        if (reference.kind === 'back-reference' || reference.kind === 'instrument-article') continue;
        const key = `${reference.kind}|${comparableIdentifier(reference.kind, reference.identifier, reference.details)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        push(byIdentifier, key, source.key);
        if (reference.kind === 'case-number') {
          const family = caseFamily(reference.identifier);
          push(byFamily, family, { key: source.key, wholeCase: family === reference.identifier.toUpperCase() });
        }
      }
    }
  }
  return { byIdentifier, byFamily, byTitle, keys, titles };
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

function fromCandidates(candidates: readonly CiteKey[], method: Resolution['method'], confidence: number): Resolution {
  const distinct = unique(candidates).sort();
  if (distinct.length === 1) return { key: distinct[0]!, confidence, method, candidates: [] };
  if (distinct.length > 1) return { key: null, confidence: 0, method: 'ambiguous', candidates: distinct };
  return { key: null, confidence: 0, method: 'not-in-library', candidates: [] };
}

/** Resolves one reference (not a back-reference) against the library. */
export function resolveReference(reference: ScannedReference, index: LibraryIndex, instruments: ReadonlyMap<string, Instrument>): Resolution {
  if (reference.kind === 'instrument-article') {
    const instrument = instruments.get(reference.details.instrument ?? '');
    if (instrument === undefined) return fromCandidates([], 'alias', 0);
    if (instrument.key !== undefined && isCiteKey(instrument.key) && index.keys.has(instrument.key)) return fromCandidates([instrument.key], 'alias', 1);
    if (instrument.title === null) return fromCandidates([], 'title', 0);
    return fromCandidates(index.byTitle.get(comparableTitle(instrument.title)) ?? [], 'title', 0.9);
  }
  const exact = index.byIdentifier.get(`${reference.kind}|${comparableIdentifier(reference.kind, reference.identifier, reference.details)}`) ?? [];
  if (exact.length > 0) return fromCandidates(exact, 'identifier', 1);
  if (reference.kind === 'case-number') {
    // A case number without its stage fits the case's one judgment in the library; a document
    // of a case fits an entry for the case as a whole. A trial judgment never fits an appeal.
    const family = caseFamily(reference.identifier);
    const mentionIsWholeCase = family === reference.identifier.toUpperCase();
    const members = (index.byFamily.get(family) ?? []).filter((member) => mentionIsWholeCase || member.wholeCase);
    return fromCandidates(members.map((member) => member.key), 'family', 0.8);
  }
  return fromCandidates([], 'identifier', 0);
}
