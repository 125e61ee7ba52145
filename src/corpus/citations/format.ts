/**
 * Citation formatting: one long-lived citeproc engine per style, and caches of what they have
 * formatted. The corpus is frozen, so a memo formatted once in a style never changes; formatting
 * every citation afresh would cost milliseconds per cluster.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { citeKey, type CiteKey } from '../../model/ids.js';
import type { CitationCluster, CslItem, Source } from '../../model/records.js';
import { readStyleFile } from './style-files.js';
import { oscolaCourtForm } from './oscola-court-forms.js';
import { assignNotePositions, type PositionedCite } from './cluster-positions.js';
import { fillTemplate, isPlainLocator, locatorsPrintedAsText, standInLocator, standInNoteNumber, templateFromRenderings } from './locator-templates.js';

// citeproc-js is a CommonJS module without type declarations; this is the part dossier uses.
interface CiteprocEngine {
  opt: {
    development_extensions: Record<string, boolean>;
    xclass: string;
    update_mode: number;
    has_disambiguate?: boolean;
    citation_number_sort?: boolean;
    grouped_sort?: boolean;
    parallel: { enable: boolean };
  };
  citation: { opt: { 'near-note-distance': number; collapse?: unknown; cite_group_delimiter?: unknown } };
  citation_sort: { tokens: unknown[] };
  bibliography_sort: { tokens: unknown[] };
  disambiguate: { modes?: unknown[] };
  tmp: { loadedItemIDs: Record<string, boolean>; citation_errors: unknown[] };
  transform: { loadAbbreviation(jurisdiction: string, category: string, key: string, language: unknown): void };
  /** The items registered by the last updateItems, in the bibliography's order, and what citeproc made of each. */
  registry: {
    getSortedIds(): string[];
    refhash: Record<string, Record<string, unknown> | undefined>;
    registry: Record<string, { siblings?: unknown; master?: unknown; sortkeys?: unknown[] } | undefined>;
    sorter: { compareKeys(a: { sortkeys?: unknown[] }, b: { sortkeys?: unknown[] }): number };
  };
  updateItems(ids: string[]): void;
  makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
  rebuildProcessorState(citations: CiteprocCitation[], mode: 'html' | 'text', uncited: string[]): Array<[string, number, string]>;
  retrieveItem(id: string): Record<string, unknown>;
  getTerm(term: string): unknown;
  setOutputFormat(mode: 'html' | 'text'): void;
  process_CitationCluster(sortedItems: Array<[Record<string, unknown>, Record<string, unknown>]>, citation: { properties: { noteIndex: number; index: number } }): string;
}
interface CiteprocCitation {
  citationID: string;
  citationItems: Array<Record<string, unknown>>;
  properties: { noteIndex: number };
}
const require = createRequire(import.meta.url);
const CSL = require('citeproc') as {
  Engine: new (sys: object, style: string, lang: string) => CiteprocEngine;
  POSITION: number;
  LOCATOR_LABELS_REGEXP: RegExp;
  LOCATOR_LABELS_MAP: Record<string, string>;
  parseLocator(this: CiteprocEngine, item: Record<string, unknown>): Record<string, unknown>;
};

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
 * What a style's XML says, worked out once per style: the XML never changes, and the regular
 * expressions below, run over it for every document, cost a tenth of formatting a memo's citations.
 */
function oncePerStyle<Value>(read: (style: CitationStyle) => Value): (style: CitationStyle) => Value {
  const known = new WeakMap<CitationStyle, Value>();
  return (style) => {
    if (known.has(style)) return known.get(style)!;
    const value = read(style);
    known.set(style, value);
    return value;
  };
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
  return entriesStandAloneInStyle(style);
}
const entriesStandAloneInStyle = oncePerStyle((style) => !ENTRY_DEPENDS_ON_OTHERS.test(style.xml));

/**
 * What in a style's XML makes a citation depend on more than its own items and their positions:
 * disambiguation (names, given names, year suffixes, `disambiguate` conditions), citation numbers,
 * collapsing and cite grouping, parallel citations and consolidated legal items.
 */
const CITATION_DEPENDS_ON_OTHERS = /disambiguate|year-suffix|citation-number|collapse|cite-group-delimiter|parallel|no-repeat|consolidate/u;

/** Note-number variables that only the citation layout may use if the bibliography is to stand apart from the notes. */
const NOTE_NUMBER_VARIABLES = /first-reference-note-number|first-container-reference-note-number|near-note/u;

/**
 * Whether a note style prints every citation from its own items, their locators and their
 * positions alone (see CITATION_DEPENDS_ON_OTHERS), and no bibliography entry reads a note number:
 * then a document's citations can be positioned and rendered one by one, without citeproc
 * rebuilding its state for the document.
 */
export function clustersStandAlone(style: CitationStyle): boolean {
  return clustersStandAloneInStyle(style);
}
const clustersStandAloneInStyle = oncePerStyle((style) => {
  const citationElement = /<citation[\s>][\s\S]*?<\/citation>/u.exec(style.xml);
  if (citationElement === null) return false;
  const outsideCitation = style.xml.replace(citationElement[0], '');
  return style.kind === 'note' && /class="note"/u.test(style.xml) && !CITATION_DEPENDS_ON_OTHERS.test(style.xml) && !NOTE_NUMBER_VARIABLES.test(outsideCitation) && entriesStandAlone(style);
});

/**
 * The positioning fields a style's XML never reads, left out of the key of a rendered citation:
 * citeproc reads near-note only for position="near-note|far-note" and the note numbers only as
 * variables of those names.
 */
const unreadNoteFields = oncePerStyle((style): ReadonlySet<string> => {
  const unread = new Set<string>();
  if (!/near-note|far-note/u.test(style.xml)) unread.add('near-note');
  for (const field of ['first-reference-note-number', 'first-container-reference-note-number']) if (!style.xml.includes(field)) unread.add(field);
  return unread;
});

/** Whether a style prints the locator only as text (see locator-templates.ts), so plain pinpoints can share one rendering. */
const locatorsPrintedAsTextInStyle = oncePerStyle((style) => locatorsPrintedAsText(style.xml));

/**
 * Whether a style reads the note a subsequent cite points back to and prints it only as text (both
 * note-number variables, where read), so that the number can stand in like a pinpoint.
 */
const noteNumbersPrintedAsTextInStyle = oncePerStyle((style) => {
  const unread = unreadNoteFields(style);
  if (unread.has('first-reference-note-number')) return false;
  return ['first-reference-note-number', 'first-container-reference-note-number'].every((field) => unread.has(field) || locatorsPrintedAsText(style.xml, field));
});

/** Whether a citeproc engine, built from a style clustersStandAlone accepts, agrees that nothing beyond positions ties its citations together. */
function engineFormatsClustersAlone(engine: CiteprocEngine): boolean {
  const options = engine.opt;
  return (
    options.xclass === 'note' &&
    options.update_mode === CSL.POSITION &&
    !options.has_disambiguate &&
    (engine.disambiguate.modes?.length ?? 0) === 0 &&
    !options.parallel.enable &&
    !options.development_extensions.consolidate_legal_items &&
    !options.citation_number_sort &&
    !options.grouped_sort &&
    engine.citation_sort.tokens.length === 0 &&
    !(Array.isArray(engine.citation.opt.collapse) ? engine.citation.opt.collapse.length > 0 : engine.citation.opt.collapse) &&
    !engine.citation.opt.cite_group_delimiter &&
    engine.bibliography_sort.tokens.length > 0
  );
}

/** How many rendered citations a formatter keeps per style (a few tens of MB at most), so a huge corpus does not grow the cache without bound. */
const MOST_RENDERED_CLUSTERS_KEPT = 50_000;

/** Options of a CitationFormatter. */
export interface CitationFormatterOptions {
  /**
   * Keep each source's bibliography entry, in styles whose entries stand alone, instead of asking
   * citeproc for it again in every document (on by default; off only to prove it changes nothing).
   */
  readonly reuseBibliographyEntries?: boolean;
  /**
   * In styles whose citations stand alone (clustersStandAlone), position a document's citations
   * here and render each once (keeping what was rendered for the next document that cites the same
   * way), instead of citeproc rebuilding its state per document (on by default; off only to prove
   * it changes nothing).
   */
  readonly formatClustersDirectly?: boolean;
  /**
   * When formatting directly, render a citation whose pinpoints are plain numbers once with stand-ins
   * and put each document's own numbers in (on by default; off only to prove it changes nothing).
   */
  readonly locatorTemplates?: boolean;
}

/** The whole library's bibliography in a style whose entries stand alone: each source's place and entry. */
export interface LibraryBibliography {
  /** Each source's place in the style's order. */
  readonly rank: ReadonlyMap<string, number>;
  /** Sources the style's sort keys cannot tell apart share a group; citeproc orders those by when they were cited. */
  readonly tieGroup: ReadonlyMap<string, number>;
  readonly entries: ReadonlyMap<string, string>;
}

/**
 * The citations one formatter rendered in a style, to be taken over by another formatter of the
 * very same sources (the same library digest): a render worker's memo pages, handed to the main
 * thread of a build that builds again (`build --watch`), whose first edit would otherwise render
 * the edited memo's citations with citeproc from scratch.
 */
export interface SharedRenderings {
  readonly libraryDigest: string;
  readonly clusters: ReadonlyArray<readonly [string, string]>;
  readonly templates: ReadonlyArray<readonly [string, string | null]>;
}

/** A style's own map in a map of them by style id, made on first use. */
function perStyle<Value>(maps: Map<string, Map<string, Value>>, style: CitationStyle): Map<string, Value> {
  let map = maps.get(style.id);
  if (map === undefined) {
    map = new Map();
    maps.set(style.id, map);
  }
  return map;
}

/** Formats citations and references in every style, with caches keyed by what they format. */
export class CitationFormatter {
  private items: Record<string, CslItem>;
  private readonly engines = new Map<string, CiteprocEngine>();
  private readonly documents = new Map<string, FormattedDocument>();
  private readonly references = new Map<string, ReadonlyMap<string, string>>();
  /** Per style whose entries stand alone: each source's entry as citeproc printed it. */
  private readonly entries = new Map<string, Map<string, string>>();
  private readonly reuseBibliographyEntries: boolean;
  private readonly formatClustersDirectly: boolean;
  /** Per style formatted directly: the library's bibliography, or null when it cannot stand in for a document's. */
  private readonly libraryBibliographies = new Map<string, LibraryBibliography | null>();
  /** Per style formatted directly: each rendered citation, by everything that decides it. */
  private readonly renderedClusters = new Map<string, Map<string, string>>();
  /** Per style formatted directly: each citation rendered with stand-ins for its plain pinpoints (see locator-templates.ts), or null where that cannot be trusted. */
  private readonly locatorTemplates = new Map<string, Map<string, string | null>>();
  private readonly useLocatorTemplates: boolean;
  /** The styles whose engine holds every source of the library (what direct formatting renders against). */
  private readonly enginesHoldingLibrary = new Set<string>();
  /**
   * Per style formatted directly: each source as citeproc's retrieveItem prepares it. citeproc
   * prepares an item afresh (a deep copy, dates and pages parsed) for every cite of every citation;
   * the preparation depends on the item and the style's engine alone.
   */
  private readonly retrievedItems = new Map<string, Map<string, Record<string, unknown>>>();

  /** A digest of the items, in their order, and of the options: two formatters with the same one format everything alike. */
  private readonly libraryDigest: string;

  constructor(sources: ReadonlyMap<CiteKey, Source>, options: CitationFormatterOptions = {}) {
    this.reuseBibliographyEntries = options.reuseBibliographyEntries ?? true;
    this.formatClustersDirectly = options.formatClustersDirectly ?? true;
    this.useLocatorTemplates = options.locatorTemplates ?? true;
    // citeproc annotates the items it is given, so it gets copies, never the frozen records.
    const hash = createHash('sha256').update(JSON.stringify([this.reuseBibliographyEntries, this.formatClustersDirectly, this.useLocatorTemplates]));
    this.items = Object.fromEntries(
      [...sources.values()].map((source) => {
        const json = JSON.stringify(source.csl);
        hash.update('\u0000').update(source.key).update('\u0000').update(json);
        return [source.key, JSON.parse(json) as CslItem];
      }),
    );
    this.libraryDigest = hash.digest('base64url');
  }

  /**
   * A formatter of these sources that takes over what `previous` has worked out, when `previous`
   * formats the very same sources in the same order with the same options: its citeproc engines
   * and what it keeps for the whole library (the library's bibliography, each source's entry and
   * reference, each citation rendered), but no document's formatting, which is keyed by the
   * document's id and not by its clusters. `previous` is emptied and must not be used after: an
   * engine's register of items is state that two formatters could not share. For a process that
   * builds again after an edit (`build --watch`): citeproc taking in the whole library was most of
   * the first memo page of every build.
   */
  static succeeding(previous: CitationFormatter | null, sources: ReadonlyMap<CiteKey, Source>, options: CitationFormatterOptions = {}): CitationFormatter {
    const next = new CitationFormatter(sources, options);
    if (previous === null || previous === next || previous.libraryDigest !== next.libraryDigest) return next;
    const handOver = <Key, Value>(from: Map<Key, Value>, to: Map<Key, Value>): void => {
      for (const [key, value] of from) to.set(key, value);
      from.clear();
    };
    // The items the engines were given (and citeproc annotated), so that nothing differs from going on with `previous`.
    next.items = previous.items;
    handOver(previous.engines, next.engines);
    handOver(previous.libraryBibliographies, next.libraryBibliographies);
    handOver(previous.references, next.references);
    handOver(previous.entries, next.entries);
    handOver(previous.renderedClusters, next.renderedClusters);
    handOver(previous.locatorTemplates, next.locatorTemplates);
    handOver(previous.retrievedItems, next.retrievedItems);
    for (const style of previous.enginesHoldingLibrary) next.enginesHoldingLibrary.add(style);
    previous.enginesHoldingLibrary.clear();
    previous.documents.clear();
    return next;
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

  /** Whether this style's citations are formatted here, against the library's bibliography, rather than by citeproc rebuilding its state. */
  private formatsDirectly(style: CitationStyle, engine: CiteprocEngine): boolean {
    return this.formatClustersDirectly && clustersStandAlone(style) && engineFormatsClustersAlone(engine);
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
    const direct = this.formatsDirectly(style, engine) ? this.formatDocumentDirectly(style, engine, clusters) : null;
    if (direct !== null) {
      this.documents.set(cacheKey, direct);
      return direct;
    }
    this.forgetRegisteredItems(style, engine);
    this.retrievedItems.delete(style.id);
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
   * A document's citations positioned here (assignNotePositions) and each rendered by citeproc's
   * own cluster renderer, as processCitationCluster would prepare and render it; null when the
   * document has something this path does not handle, so citeproc formats it the whole way.
   */
  private formatDocumentDirectly(style: CitationStyle, engine: CiteprocEngine, clusters: readonly CitationCluster[]): FormattedDocument | null {
    const library = this.libraryBibliography(style, engine);
    if (library === null) return null;
    if (!this.enginesHoldingLibrary.has(style.id)) {
      engine.updateItems(Object.keys(this.items));
      this.enginesHoldingLibrary.add(style.id);
    }
    const prepared: Array<{ index: number; sortedItems: Array<[Record<string, unknown>, Record<string, unknown>]> }> = [];
    const citedKeys = new Set<string>();
    const retrievedItems = perStyle(this.retrievedItems, style);
    for (const [index, cluster] of clusters.entries()) {
      const citationItems = this.citationItems(style, cluster);
      if (citationItems.length === 0) continue;
      const sortedItems: Array<[Record<string, unknown>, Record<string, unknown>]> = [];
      for (const citationItem of citationItems) {
        // As processCitationCluster prepares each item (citeproc-js 2.4).
        let item: Record<string, unknown> = { ...citationItem };
        const id = String(item.id);
        let retrieved = retrievedItems.get(id);
        if (retrieved === undefined) {
          engine.tmp.loadedItemIDs = {};
          retrieved = engine.retrieveItem(id);
          retrievedItems.set(id, retrieved);
        }
        if (retrieved.id) engine.transform.loadAbbreviation('default', 'hereinafter', String(retrieved.id), retrieved.language);
        item = CSL.parseLocator.call(engine, item);
        if (engine.opt.development_extensions.locator_label_parse && item.locator && !['bill', 'gazette', 'legislation', 'regulation', 'treaty'].includes(String(retrieved.type)) && (!item.label || item.label === 'page')) {
          const match = CSL.LOCATOR_LABELS_REGEXP.exec(String(item.locator));
          if (match) {
            const tryLabel = CSL.LOCATOR_LABELS_MAP[match[2]!]!;
            if (engine.getTerm(tryLabel)) {
              item.label = tryLabel;
              item.locator = match[3];
            }
          }
        }
        // Positions here do not follow legislation or container ids, nor locator extras.
        if (retrieved.legislation_id || retrieved.container_id || item['locator-extra'] !== undefined || item['locator-date'] !== undefined) return null;
        sortedItems.push([retrieved, item]);
        citedKeys.add(id);
      }
      prepared.push({ index, sortedItems });
    }
    const bibliography = this.documentBibliography(library, citedKeys);
    if (bibliography === null) return null;
    const citations = prepared.map((citation, position) => ({ noteIndex: position + 1, cites: citation.sortedItems.map(([, item]) => item as unknown as PositionedCite) }));
    assignNotePositions(citations, engine.citation.opt['near-note-distance']);
    const rendered = this.renderedClustersOf(style);
    const unread = unreadNoteFields(style);
    engine.setOutputFormat('html');
    const formatted: FormattedCluster[] = clusters.map((cluster) => ({ html: '', note: null, inTextAuthor: null, keys: cluster.items.map((item) => item.key) }));
    const locatorsAsText = locatorsPrintedAsTextInStyle(style);
    const noteNumbersAsText = noteNumbersPrintedAsTextInStyle(style);
    const templates = this.useLocatorTemplates && (locatorsAsText || noteNumbersAsText) ? this.locatorTemplatesOf(style) : null;
    const keyOf = (items: ReadonlyArray<Record<string, unknown>>): string => JSON.stringify(items, (field, value: unknown) => (unread.has(field) ? undefined : value));
    const render = (items: Array<[Record<string, unknown>, Record<string, unknown>]>, position: number): string => {
      engine.tmp.citation_errors = [];
      return engine.process_CitationCluster(items, { properties: { noteIndex: position + 1, index: position } });
    };
    prepared.forEach(({ index, sortedItems }, position) => {
      // Numbers stand in only in a cluster of one cite: between cites, what citeproc prints depends
      // on the cites themselves (it drops the "; " before a later cite whose author is suppressed and
      // which prints as its note number alone: "para 7(n 3)"), which no pair of stand-ins is
      // proved against; within a cite it keeps the numbers apart.
      let html: string | undefined;
      if (templates !== null && sortedItems.length === 1) {
        const [retrieved, item] = sortedItems[0]!;
        const note = item['first-reference-note-number'];
        // Each number that stands in: its stand-ins in the two renderings, and the real number.
        const standing: Array<{ standIns: readonly [string, string]; value: string; fields: (standIn: string) => Record<string, unknown> }> = [];
        if (locatorsAsText && isPlainLocator(item.locator)) {
          standing.push({ standIns: [standInLocator(0), standInLocator(1)], value: item.locator, fields: (standIn) => ({ locator: standIn }) });
        }
        if (noteNumbersAsText && typeof note === 'number' && note > 0) {
          const fields = (standIn: string): Record<string, unknown> => ({ 'first-reference-note-number': Number(standIn), 'first-container-reference-note-number': Number(standIn) });
          standing.push({ standIns: [String(standInNoteNumber(0)), String(standInNoteNumber(1))], value: String(note), fields });
        }
        if (standing.length > 0) {
          // Every plain pinpoint and note pointed back to stands in as a fixed number, so the same cite at another paragraph or note finds this rendering.
          const withStandIns = (rendering: 0 | 1): Array<[Record<string, unknown>, Record<string, unknown>]> => {
            let standingItem = item;
            for (const number of standing) standingItem = { ...standingItem, ...number.fields(number.standIns[rendering]) };
            return [[retrieved, standingItem]];
          };
          const first = withStandIns(0);
          const templateKey = keyOf(first.map(([, standingItem]) => standingItem));
          let template = templates.get(templateKey);
          if (template === undefined) {
            template = templateFromRenderings(render(first, position), render(withStandIns(1), position), standing.map((number) => number.standIns));
            if (templates.size < MOST_RENDERED_CLUSTERS_KEPT) templates.set(templateKey, template);
          }
          if (template !== null) html = fillTemplate(template, standing.map((number) => [number.standIns[0], number.value]));
        }
      }
      if (html === undefined) {
        const renderKey = keyOf(sortedItems.map(([, item]) => item));
        html = rendered.get(renderKey);
        if (html === undefined) {
          html = render(sortedItems, position);
          if (rendered.size < MOST_RENDERED_CLUSTERS_KEPT) rendered.set(renderKey, html);
        }
      }
      const cluster = clusters[index]!;
      const first = cluster.items[0];
      const author = first?.mode === 'author-in-text' && this.items[first.key] ? inTextAuthorName(this.items[first.key]!) : null;
      formatted[index] = { html, note: position + 1, inTextAuthor: author, keys: cluster.items.map((item) => item.key) };
    });
    return { style, clusters: formatted, bibliography };
  }

  /** A document's bibliography taken from the library's, or null when the library's order or entries cannot stand in for it. */
  private documentBibliography(library: LibraryBibliography, citedKeys: ReadonlySet<string>): Array<{ key: CiteKey; html: string }> | null {
    const groups = new Set<number>();
    for (const key of citedKeys) {
      const group = library.tieGroup.get(key);
      if (group === undefined || !library.entries.has(key) || groups.has(group)) return null;
      groups.add(group);
    }
    return [...citedKeys].sort((a, b) => library.rank.get(a)! - library.rank.get(b)!).map((key) => ({ key: citeKey(key), html: library.entries.get(key)! }));
  }

  private renderedClustersOf(style: CitationStyle): Map<string, string> {
    return perStyle(this.renderedClusters, style);
  }

  private locatorTemplatesOf(style: CitationStyle): Map<string, string | null> {
    return perStyle(this.locatorTemplates, style);
  }

  /**
   * The whole library's bibliography, from which a document's is taken: citeproc sorts by insertion
   * into a sorted list, so a document's order is the library's wherever the sort keys tell its
   * sources apart; sources they do not tell apart are marked, and a document citing two of them is
   * left to citeproc.
   */
  private libraryBibliography(style: CitationStyle, engine: CiteprocEngine): LibraryBibliography | null {
    if (this.libraryBibliographies.has(style.id)) return this.libraryBibliographies.get(style.id)!;
    engine.updateItems(Object.keys(this.items));
    this.enginesHoldingLibrary.add(style.id);
    const sorted = engine.registry.getSortedIds();
    const rank = new Map(sorted.map((id, index) => [id, index]));
    const tieGroup = new Map<string, number>();
    let group = 0;
    let consistent = true;
    sorted.forEach((id, index) => {
      if (index > 0) {
        const order = engine.registry.sorter.compareKeys({ sortkeys: engine.registry.registry[sorted[index - 1]!]?.sortkeys }, { sortkeys: engine.registry.registry[id]?.sortkeys });
        if (order > 0) consistent = false;
        if (order !== 0) group += 1;
      }
      tieGroup.set(id, group);
    });
    const entries = new Map<string, string>();
    const result = engine.makeBibliography();
    if (result !== false) {
      const [params, printed] = result;
      if (params.entry_ids.length === printed.length && params.entry_ids.every((ids) => ids.length === 1)) {
        params.entry_ids.forEach((ids, index) => {
          if (this.printedAlone(engine, ids[0]!)) entries.set(ids[0]!, printed[index]!.trim());
        });
      }
    }
    const library = consistent ? { rank, tieGroup, entries } : null;
    this.libraryBibliographies.set(style.id, library);
    return library;
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
    return perStyle(this.entries, style);
  }

  /** Whether citeproc prints this item's entry by itself: not merged with a parallel citation, a container or a consolidated act. */
  private printedAlone(engine: CiteprocEngine, id: string): boolean {
    const item = engine.registry.refhash[id];
    const registered = engine.registry.registry[id];
    return item !== undefined && registered !== undefined && !registered.siblings && !registered.master && !item.container_id && !item.legislation_id;
  }

  /**
   * The library's bibliography in a style (see libraryBibliography), for a formatter of the same
   * sources in another thread to adopt; undefined in a style whose citations are not formatted
   * against it. A static build's render worker makes it for its memo pages, and the main thread,
   * which needs it only for the bibliography exports, takes it instead of making it again.
   */
  sharedLibraryBibliography(styleId: string): LibraryBibliography | null | undefined {
    const style = findStyle(styleId);
    if (style === undefined) return undefined;
    const engine = this.engine(style);
    return this.formatsDirectly(style, engine) ? this.libraryBibliography(style, engine) : undefined;
  }

  /**
   * Takes the library's bibliography that a formatter of the very same sources made
   * (sharedLibraryBibliography), unless this one has made its own. The caller answers for the
   * sources being the same: a static build checks that its worker's global digest, which covers
   * every source, is its own.
   */
  adoptLibraryBibliography(styleId: string, library: LibraryBibliography | null): void {
    const style = findStyle(styleId);
    if (style === undefined || this.libraryBibliographies.has(style.id)) return;
    this.libraryBibliographies.set(style.id, library);
  }

  /** The citations this formatter rendered in a style, for a formatter of the same sources to take over (see SharedRenderings). */
  sharedRenderings(styleId: string): SharedRenderings | undefined {
    const style = findStyle(styleId);
    if (style === undefined) return undefined;
    return { libraryDigest: this.libraryDigest, clusters: [...this.renderedClustersOf(style)], templates: [...this.locatorTemplatesOf(style)] };
  }

  /**
   * Takes over the citations another formatter rendered (sharedRenderings), where this one has
   * not rendered the same itself; nothing when that formatter's sources or options were not these
   * (another library digest), since a rendering is keyed by the cite alone.
   */
  adoptRenderings(styleId: string, shared: SharedRenderings): void {
    const style = findStyle(styleId);
    if (style === undefined || shared.libraryDigest !== this.libraryDigest) return;
    const take = <Value>(into: Map<string, Value>, entries: ReadonlyArray<readonly [string, Value]>): void => {
      for (const [key, value] of entries) {
        if (into.size >= MOST_RENDERED_CLUSTERS_KEPT) return;
        if (!into.has(key)) into.set(key, value);
      }
    };
    take(this.renderedClustersOf(style), shared.clusters);
    take(this.locatorTemplatesOf(style), shared.templates);
  }

  /** The bibliography of some sources in a style, in the style's own order (HTML entries). */
  formatBibliography(styleId: string, keys: readonly CiteKey[]): string[] {
    const style = findStyle(styleId);
    if (style === undefined) throw new TypeError(`unknown citation style "${styleId}"; check it with findStyle() first`);
    const known = [...new Set(keys)].filter((key) => this.items[key] !== undefined);
    if (known.length === 0) return [];
    const engine = this.engine(style);
    // In a style whose citations and entries stand alone, the library's bibliography gives the
    // entries and their order, as it does for a document's (a memo's bibliography export took
    // citeproc registering its sources, and then the whole library again for the next page).
    if (this.formatsDirectly(style, engine)) {
      const library = this.libraryBibliography(style, engine);
      const taken = library === null ? null : this.documentBibliography(library, new Set(known));
      if (taken !== null) return taken.map((entry) => entry.html);
    }
    this.forgetRegisteredItems(style, engine);
    engine.updateItems(known);
    return this.bibliographyOfState(style, engine).map((entry) => entry.html);
  }

  /**
   * Empties the engine's register of items before citeproc registers a document's or a
   * bibliography's own: citeproc keeps items it already holds in the order it first registered
   * them, so sources the style's sort cannot tell apart (two judgments in one case, say) came out in
   * the order of whatever was formatted before — the library's, or another memo's — instead of
   * the order this document cites them in, or the order asked for.
   */
  private forgetRegisteredItems(style: CitationStyle, engine: CiteprocEngine): void {
    engine.updateItems([]);
    this.enginesHoldingLibrary.delete(style.id);
  }

  /** The full reference of one source in a style, as the style's bibliography would print it. */
  formatReference(styleId: string, key: CiteKey): string | null {
    const style = findStyle(styleId);
    if (style === undefined) throw new TypeError(`unknown citation style "${styleId}"; check it with findStyle() first`);
    let all = this.references.get(style.id);
    if (all === undefined) {
      const engine = this.engine(style);
      // The library's bibliography, which formatting directly keeps, is this very bibliography:
      // its entries are not printed a second time.
      if (this.formatsDirectly(style, engine)) {
        const entry = this.libraryBibliography(style, engine)?.entries.get(key);
        if (entry !== undefined) return entry;
      }
      engine.updateItems(Object.keys(this.items));
      this.enginesHoldingLibrary.delete(style.id);
      // Each entry alone: the order of the bibliography does not matter here, and the register is emptied before a document's.
      all = new Map(this.bibliographyOfState(style, engine).map((entry) => [entry.key as string, entry.html]));
      this.references.set(style.id, all);
    }
    return all.get(key) ?? null;
  }
}
