/**
 * Citation formatting: one long-lived citeproc engine per style, and caches of what they have
 * formatted. The corpus is frozen, so a memo formatted once in a style never changes; formatting
 * every citation afresh would cost milliseconds per cluster.
 */
import { createRequire } from 'node:module';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { citeKey, type CiteKey } from '../../model/ids.js';
import type { CitationCluster, CslItem, Source } from '../../model/records.js';
import { readStyleFile } from './style-files.js';
import { oscolaCourtForm } from './oscola-court-forms.js';

// citeproc-js is a CommonJS module without type declarations; this is the part dossier uses.
interface CiteprocEngine {
  opt: { development_extensions: Record<string, boolean> };
  /** The items registered by the last updateItems, in the bibliography's order, and what citeproc made of each. */
  registry: {
    getSortedIds(): string[];
    refhash: Record<string, Record<string, unknown> | undefined>;
    registry: Record<string, { siblings?: unknown; master?: unknown } | undefined>;
  };
  updateItems(ids: string[]): void;
  makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
  rebuildProcessorState(citations: CiteprocCitation[], mode: 'html' | 'text', uncited: string[]): Array<[string, number, string]>;
}
interface CiteprocCitation {
  citationID: string;
  citationItems: Array<Record<string, unknown>>;
  properties: { noteIndex: number };
}
const require = createRequire(import.meta.url);
const CSL = require('citeproc') as { Engine: new (sys: object, style: string, lang: string) => CiteprocEngine };

export type StyleKind = 'note' | 'in-text';

export interface CitationStyle {
  readonly id: string;
  readonly label: string;
  readonly kind: StyleKind;
  /** Our own styles define terms for every locator label dossier knows; bundled ones do not. */
  readonly knowsLegalLabels: boolean;
  /** The style's CSL XML. */
  readonly xml: string;
  /** For dossier's own styles: the `.csl` file pandoc can be given. */
  readonly file: 'oscola-international.csl' | 'chicago-notes.csl' | null;
}

const cslConfig = plugins.config.get('@csl') as unknown as {
  styles: { get(name: string): string };
  locales: { get(name: string): string };
};

/** The styles the browser offers, the default first. */
export const CITATION_STYLES: readonly CitationStyle[] = [
  { id: 'oscola', label: 'OSCOLA (international materials)', kind: 'note', knowsLegalLabels: true, get xml() { return readStyleFile('oscola-international.csl'); }, file: 'oscola-international.csl' },
  { id: 'chicago-notes', label: 'Chicago notes', kind: 'note', knowsLegalLabels: true, get xml() { return readStyleFile('chicago-notes.csl'); }, file: 'chicago-notes.csl' },
  { id: 'apa', label: 'APA', kind: 'in-text', knowsLegalLabels: false, xml: cslConfig.styles.get('apa'), file: null },
  { id: 'harvard', label: 'Harvard', kind: 'in-text', knowsLegalLabels: false, xml: cslConfig.styles.get('harvard1'), file: null },
  { id: 'vancouver', label: 'Vancouver', kind: 'in-text', knowsLegalLabels: false, xml: cslConfig.styles.get('vancouver'), file: null },
];

export const DEFAULT_STYLE_ID = 'oscola';

/** The style with this id, or undefined. */
export function findStyle(id: string): CitationStyle | undefined {
  return CITATION_STYLES.find((style) => style.id === id);
}

/** Locator labels that every CSL locale has terms for; others are written into the suffix. */
const STANDARD_LABELS = new Set([
  'book', 'chapter', 'column', 'figure', 'folio', 'issue', 'line', 'note', 'opus', 'page', 'paragraph', 'part',
  'section', 'sub-verbo', 'verse', 'volume',
]);
const WRITTEN_LABELS: Readonly<Record<string, string>> = {
  article: 'art.',
  principle: 'principle',
  rule: 'rule',
  appendix: 'annex',
  table: 'table',
  supplement: 'suppl.',
  number: 'no.',
};

/** One cluster as the reader sees it. */
export interface FormattedCluster {
  /** The citation as formatted by the style (HTML from citeproc: escaped text, `<i>`, `<b>`). */
  readonly html: string;
  /** The footnote number, for note styles. */
  readonly note: number | null;
  /** For an author-in-text citation: the names to print in the running text. */
  readonly inTextAuthor: string | null;
  readonly keys: readonly CiteKey[];
}

/** A document's citations and its bibliography, in one style. */
export interface FormattedDocument {
  readonly style: CitationStyle;
  readonly clusters: readonly FormattedCluster[];
  /** The bibliography of the sources the document cites, in the style's order. */
  readonly bibliography: ReadonlyArray<{ readonly key: CiteKey; readonly html: string }>;
}

/** The names to print for an author-in-text citation: family names, an organisation, or the title. */
export function inTextAuthorName(csl: CslItem): string {
  const authors = Array.isArray(csl.author) ? (csl.author as Array<Record<string, unknown>>) : [];
  const names = authors.map((author) => String(author.family ?? author.literal ?? author.given ?? '')).filter((name) => name !== '');
  if (names.length === 1) return names[0]!;
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  if (names.length > 2) return `${names[0]} et al.`;
  return String(csl['title-short'] ?? csl.title ?? csl.id);
}

/**
 * The CSL locale for a language. citation-js ships en-US only for English; British English differs
 * from it in what OSCOLA needs here: a full stop or comma after a closing quotation mark stays
 * outside it ('…crime'. not '…crime.'), as pandoc's citeproc puts it with the en-GB locale.
 */
function localeXml(lang: string): string {
  const known = cslConfig.locales.get(lang) as string | undefined;
  if (known !== undefined) return known;
  const american = cslConfig.locales.get('en-US') as string;
  if (lang !== 'en-GB') return american;
  return american.replace('xml:lang="en-US"', 'xml:lang="en-GB"').replace('punctuation-in-quote="true"', 'punctuation-in-quote="false"');
}

/**
 * What in a style's XML makes a bibliography entry depend on the other entries beside it:
 * disambiguation (names, given names, year suffixes, `disambiguate` conditions), a
 * subsequent-author dash, citation numbers, numbered layouts and excluded types. A style without
 * any of them prints each source's entry the same whatever else the bibliography holds.
 */
const ENTRY_DEPENDS_ON_OTHERS = /disambiguate|subsequent-author-substitute|citation-number|year-suffix|second-field-align|exclude/u;

/** Whether a style prints every bibliography entry from its source alone (see ENTRY_DEPENDS_ON_OTHERS). */
export function entriesStandAlone(style: CitationStyle): boolean {
  return !ENTRY_DEPENDS_ON_OTHERS.test(style.xml);
}

/** Options of a CitationFormatter. */
export interface CitationFormatterOptions {
  /**
   * Keep each source's bibliography entry, in styles whose entries stand alone, instead of asking
   * citeproc for it again in every document (on by default; off only to prove it changes nothing).
   */
  readonly reuseBibliographyEntries?: boolean;
}

/** Formats citations and references in every style, with caches keyed by what they format. */
export class CitationFormatter {
  private readonly items: Record<string, CslItem>;
  private readonly engines = new Map<string, CiteprocEngine>();
  private readonly documents = new Map<string, FormattedDocument>();
  private readonly references = new Map<string, ReadonlyMap<string, string>>();
  /** Per style whose entries stand alone: each source's entry as citeproc printed it. */
  private readonly entries = new Map<string, Map<string, string>>();
  private readonly reuseBibliographyEntries: boolean;

  constructor(sources: ReadonlyMap<CiteKey, Source>, options: CitationFormatterOptions = {}) {
    this.reuseBibliographyEntries = options.reuseBibliographyEntries ?? true;
    // citeproc annotates the items it is given, so it gets copies, never the frozen records.
    this.items = Object.fromEntries([...sources.values()].map((source) => [source.key, JSON.parse(JSON.stringify(source.csl)) as CslItem]));
  }

  private engine(style: CitationStyle): CiteprocEngine {
    let engine = this.engines.get(style.id);
    if (engine === undefined) {
      // OSCOLA's court forms (App no, ECtHR) cannot be chosen inside CSL; they are applied here.
      const items = style.id === 'oscola' ? Object.fromEntries(Object.entries(this.items).map(([key, item]) => [key, oscolaCourtForm(item)])) : this.items;
      const sys = {
        retrieveLocale: (lang: string) => localeXml(lang),
        retrieveItem: (id: string) => items[id],
      };
      engine = new CSL.Engine(sys, style.xml, style.id === 'oscola' ? 'en-GB' : 'en-US');
      this.engines.set(style.id, engine);
    }
    return engine;
  }

  /** Turns a cluster's items into citeproc's citation items. */
  private citationItems(style: CitationStyle, cluster: CitationCluster): Array<Record<string, unknown>> {
    return cluster.items
      .filter((item) => this.items[item.key] !== undefined)
      .map((item) => {
        let locator = item.locator ?? undefined;
        let label = item.label ?? undefined;
        let suffix = item.suffix;
        // OSCOLA prints a page without a label, so "principle 14" given as the locator prints in the
        // pinpoint's own place (", principle 14" in a full note, "ibid principle 14"), as pandoc
        // prints the Word hand-off's braced locator.
        if (style.id === 'oscola' && label === 'principle' && locator !== undefined) {
          locator = `principle ${locator}`;
          label = 'page';
        }
        // CSL has no term for "principle", so every other style writes it out in the suffix.
        if (locator !== undefined && label !== undefined && ((!style.knowsLegalLabels && !STANDARD_LABELS.has(label)) || label === 'principle')) {
          suffix = `${WRITTEN_LABELS[label] ?? label} ${locator}${suffix === '' ? '' : ` ${suffix}`}`;
          locator = undefined;
          label = undefined;
        }
        const separator = locator === undefined && suffix !== '' ? ', ' : ' ';
        return {
          id: item.key,
          locator,
          label,
          prefix: item.prefix === '' ? undefined : `${item.prefix} `,
          suffix: suffix === '' ? undefined : `${/^[,.;:]/.test(suffix) ? '' : separator}${suffix}`,
          'suppress-author': item.mode === 'suppress-author' || (item.mode === 'author-in-text' && style.kind === 'in-text'),
        };
      });
  }

  /** Formats the clusters of one document (a memo, a statement…), numbering notes in order. */
  formatDocument(styleId: string, documentId: string, clusters: readonly CitationCluster[]): FormattedDocument {
    const style = findStyle(styleId);
    if (style === undefined) throw new TypeError(`unknown citation style "${styleId}"; check it with findStyle() first`);
    const cacheKey = `${style.id}\u0000${documentId}`;
    const cached = this.documents.get(cacheKey);
    if (cached !== undefined) return cached;

    const engine = this.engine(style);
    const citations: CiteprocCitation[] = [];
    const indexOf = new Map<string, number>();
    clusters.forEach((cluster, index) => {
      const citationItems = this.citationItems(style, cluster);
      if (citationItems.length === 0) return;
      const citationID = `c${index}`;
      indexOf.set(citationID, index);
      citations.push({ citationID, citationItems, properties: { noteIndex: style.kind === 'note' ? citations.length + 1 : 0 } });
    });
    const formatted: Array<FormattedCluster | undefined> = clusters.map(() => undefined);
    const rendered = citations.length === 0 ? [] : engine.rebuildProcessorState(citations, 'html', []);
    for (const [citationID, noteIndex, html] of rendered) {
      const index = indexOf.get(citationID)!;
      const cluster = clusters[index]!;
      const first = cluster.items[0];
      const author = first?.mode === 'author-in-text' && this.items[first.key] ? inTextAuthorName(this.items[first.key]!) : null;
      formatted[index] = { html, note: style.kind === 'note' ? noteIndex : null, inTextAuthor: author, keys: cluster.items.map((item) => item.key) };
    }
    const clustersOut = formatted.map(
      (cluster, index) =>
        cluster ?? { html: '', note: null, inTextAuthor: null, keys: clusters[index]!.items.map((item) => item.key) },
    );
    const bibliography = citations.length === 0 ? [] : this.bibliographyOfState(style, engine);
    const document: FormattedDocument = { style, clusters: clustersOut, bibliography };
    this.documents.set(cacheKey, document);
    return document;
  }

  /**
   * The bibliography of the items the engine holds. In a style whose entries stand alone, an entry
   * citeproc has printed once is taken as it printed it, in the order citeproc has just sorted the
   * items into; rendering the entries was an eighth of a memo page's time.
   */
  private bibliographyOfState(style: CitationStyle, engine: CiteprocEngine): Array<{ key: CiteKey; html: string }> {
    const kept = this.reuseBibliographyEntries && entriesStandAlone(style) ? this.entriesKept(style) : null;
    if (kept !== null) {
      const sorted = engine.registry.getSortedIds();
      if (sorted.every((id) => kept.has(id) && this.printedAlone(engine, id))) return sorted.map((id) => ({ key: citeKey(id), html: kept.get(id)! }));
    }
    const result = engine.makeBibliography();
    if (result === false) return [];
    const [params, entries] = result;
    const bibliography = entries.map((html, index) => ({ key: citeKey(params.entry_ids[index]![0]!), html: html.trim() }));
    // Kept only from a bibliography of one entry per item in the sorted order: citeproc leaves out
    // an entry that prints nothing, and merges parallel citations into one.
    const aligned = params.entry_ids.length === entries.length && params.entry_ids.every((ids) => ids.length === 1);
    if (kept !== null && aligned) for (const entry of bibliography) if (this.printedAlone(engine, entry.key)) kept.set(entry.key, entry.html);
    return bibliography;
  }

  private entriesKept(style: CitationStyle): Map<string, string> {
    let kept = this.entries.get(style.id);
    if (kept === undefined) {
      kept = new Map();
      this.entries.set(style.id, kept);
    }
    return kept;
  }

  /** Whether citeproc prints this item's entry by itself: not merged with a parallel citation, a container or a consolidated act. */
  private printedAlone(engine: CiteprocEngine, id: string): boolean {
    const item = engine.registry.refhash[id];
    const registered = engine.registry.registry[id];
    return item !== undefined && registered !== undefined && !registered.siblings && !registered.master && !item.container_id && !item.legislation_id;
  }

  /** The bibliography of some sources in a style, in the style's own order (HTML entries). */
  formatBibliography(styleId: string, keys: readonly CiteKey[]): string[] {
    const style = findStyle(styleId);
    if (style === undefined) throw new TypeError(`unknown citation style "${styleId}"; check it with findStyle() first`);
    const known = [...new Set(keys)].filter((key) => this.items[key] !== undefined);
    if (known.length === 0) return [];
    const engine = this.engine(style);
    // rebuildProcessorState starts each document afresh, so a bibliography does not disturb them.
    engine.updateItems(known);
    return this.bibliographyOfState(style, engine).map((entry) => entry.html);
  }

  /** The full reference of one source in a style, as the style's bibliography would print it. */
  formatReference(styleId: string, key: CiteKey): string | null {
    const style = findStyle(styleId);
    if (style === undefined) throw new TypeError(`unknown citation style "${styleId}"; check it with findStyle() first`);
    let all = this.references.get(style.id);
    if (all === undefined) {
      const engine = this.engine(style);
      const keys = Object.keys(this.items);
      engine.updateItems(keys);
      all = new Map(this.bibliographyOfState(style, engine).map((entry) => [entry.key as string, entry.html]));
      // rebuildProcessorState starts each document afresh, so this does not disturb them.
      this.references.set(style.id, all);
    }
    return all.get(key) ?? null;
  }
}
