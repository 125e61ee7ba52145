/**
 * What the server serves, one generation at a time: a corpus with its formatter, its caches and
 * its search index. Each request takes the current generation once, when it starts, and uses only
 * that; a rebuilt corpus replaces the generation in one assignment, so no response ever mixes two
 * versions of the corpus.
 */
import type { Corpus } from '../model/records.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { CitationFormatter } from '../corpus/citations/format.js';
import type { RenderedBody } from '../render/pages.js';
import { MutableSearchHandle, type SearchHandle } from './search-handle.js';

export interface ServedCorpus {
  readonly corpus: Corpus;
  readonly formatter: CitationFormatter;
  readonly bodyCache: Map<string, RenderedBody>;
  readonly search: SearchHandle;
  /** Counts up with every replacement; live pages reload when it changes. */
  readonly version: number;
  /** Problems of edits that were not taken (the last good version of those files is served). */
  readonly rejected: readonly Diagnostic[];
}

/** A generation for a corpus, with fresh caches. */
export function serve(corpus: Corpus, search: SearchHandle = new MutableSearchHandle(), rejected: readonly Diagnostic[] = []): Omit<ServedCorpus, 'version'> {
  return { corpus, formatter: new CitationFormatter(corpus.sources), bodyCache: new Map(), search, rejected };
}

/** Holds the current generation and tells listeners when it is replaced. */
export class CorpusHolder {
  private served: ServedCorpus;
  private readonly listeners = new Set<(served: ServedCorpus) => void>();

  constructor(initial: Omit<ServedCorpus, 'version'>) {
    this.served = { ...initial, version: 1 };
  }

  current(): ServedCorpus {
    return this.served;
  }

  /** Makes a new generation the one every later request uses. */
  replace(next: Omit<ServedCorpus, 'version'>): void {
    this.served = { ...next, version: this.served.version + 1 };
    for (const listener of this.listeners) listener(this.served);
  }

  private readonly closers = new Set<() => void>();

  /** Calls the function when the server shuts down (long-lived responses end then). */
  onClose(closer: () => void): () => void {
    this.closers.add(closer);
    return () => this.closers.delete(closer);
  }

  /** Tells long-lived responses that the server is stopping. */
  close(): void {
    for (const closer of [...this.closers]) closer();
    this.closers.clear();
  }

  /** Calls the listener after every replacement; returns a function that stops it. */
  subscribe(listener: (served: ServedCorpus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
