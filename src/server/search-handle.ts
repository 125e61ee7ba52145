/**
 * The search index as the server sees it: absent while it is being built (the server answers
 * everything else meanwhile), then present; replaced in one assignment when a new one is ready.
 */
import type { SearchIndex } from '../search/index.js';

export interface SearchHandle {
  /** The index, or null while it is being built. */
  current(): SearchIndex | null;
  /** Why the last build failed, if it did. */
  failure(): string | null;
}

/** A handle whose index is set later (by `dossier serve`) or straight away (tests). */
export class MutableSearchHandle implements SearchHandle {
  private index: SearchIndex | null = null;
  private error: string | null = null;

  constructor(index: SearchIndex | null = null) {
    this.index = index;
  }

  current(): SearchIndex | null {
    return this.index;
  }

  failure(): string | null {
    return this.error;
  }

  /** Makes a newly built index the one every later request uses. */
  replace(index: SearchIndex): void {
    this.index = index;
    this.error = null;
  }

  fail(message: string): void {
    this.error = message;
  }
}
