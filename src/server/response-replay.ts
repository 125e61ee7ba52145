/**
 * Answers a repeated anonymous request for a cached page or search answer without passing it
 * through express. Under load, express's own work per request (it changes the prototypes of the
 * request and response objects, builds the router's closures, runs every middleware) cost the
 * server's thread several times what node:http alone costs, and left ~10 KB per request alive past
 * a scavenge, which piled up into mark-compacts that held the event loop; a page already prepared
 * in memory needs none of it.
 *
 * A response express sent is recorded (status 200, its headers as sent, its prepared body) only
 * for a request no reader could have been answered differently for: a GET with no cookie at all
 * (so anonymous, in the default citation style), no conditional or credential header, and a
 * response that set no cookie. It is replayed only for the same URL, to a request of the same
 * kind, while the generation of the corpus it was made from is the current one (and, for a search
 * answer, the same search index): an edit, a new index or live reload makes it unusable at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { SearchEngine } from '../search/index.js';
import type { ServedCorpus } from './holder.js';
import type { PreparedBody } from './prepared-body.js';

/** The memory the recorded bodies may hold by default (most are shared with the page cache). */
export const DEFAULT_REPLAY_BYTES = 128 * 1024 * 1024;

/** Headers that make an answer depend on who asks or on what they already have. */
const READER_HEADERS = ['cookie', 'authorization', 'if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since', 'range'] as const;

/** What a recorded answer was made from: the generation, and the search index for a search answer (null: a page, whatever the index). */
export interface ReplayScope {
  readonly served: ServedCorpus;
  readonly index: SearchEngine | null;
}

interface ReplayEntry extends ReplayScope {
  readonly body: PreparedBody;
  /** The headers as express sent them, names in their own case, in order, flattened for writeHead. */
  readonly headers: readonly string[];
  /** Called on every replay (the page cache counts a replayed page as one served from memory). */
  readonly onReplay: (() => void) | null;
}

/** How many requests were answered from the replay, and how many answers were recorded. */
export interface ResponseReplayCounts {
  replayed: number;
  recorded: number;
}

/** Recorded answers to anonymous requests, by URL, least recently used out first. */
export class ResponseReplay {
  readonly counts: ResponseReplayCounts = { replayed: 0, recorded: 0 };
  private readonly entries: LRUCache<string, ReplayEntry>;
  /** The search index of the answers last recorded: answers of an older one are dropped, so they keep no old index alive. */
  private lastIndex: SearchEngine | null = null;

  constructor(maxBytes: number = DEFAULT_REPLAY_BYTES) {
    this.entries = new LRUCache({ max: 20_000, maxSize: maxBytes, sizeCalculation: (entry) => Math.max(1, entry.body.bytes.length) });
  }

  /** Whether a request could be answered alike for every reader: a GET without cookies, credentials or conditions. */
  static eligible(req: IncomingMessage): boolean {
    if (req.method !== 'GET' || req.url === undefined) return false;
    for (const name of READER_HEADERS) if (req.headers[name] !== undefined) return false;
    return true;
  }

  /**
   * Keeps the answer express just sent, if the request and the response allow it to be sent again
   * and it was made from the generation still current (one made from a replaced generation would
   * only keep that generation in memory).
   */
  record(req: IncomingMessage, res: ServerResponse, body: PreparedBody, scope: ReplayScope, current: ServedCorpus, onReplay: (() => void) | null = null): void {
    if (scope.served !== current || !ResponseReplay.eligible(req) || res.statusCode !== 200 || res.hasHeader('set-cookie')) return;
    const headers: string[] = [];
    // The names as they were set (node:http has kept them since Node 15; its types here lack the method).
    for (const name of (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames()) {
      const value = res.getHeader(name);
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.push(name, String(one));
    }
    if (scope.index !== null && scope.index !== this.lastIndex) {
      for (const [url, entry] of this.entries.entries()) if (entry.index !== null && entry.index !== scope.index) this.entries.delete(url);
      this.lastIndex = scope.index;
    }
    this.entries.set(req.url!, { ...scope, body, headers, onReplay });
    this.counts.recorded++;
  }

  /** Forgets every answer (a new generation of the corpus: none can be sent again, and none should keep the old one in memory). */
  clear(): void {
    this.entries.clear();
    this.lastIndex = null;
  }

  /** How many answers are kept. */
  get size(): number {
    return this.entries.size;
  }

  /** Sends the recorded answer for this request if there is one for the current generation; says whether it did. */
  replay(req: IncomingMessage, res: ServerResponse, current: ServedCorpus): boolean {
    if (!ResponseReplay.eligible(req)) return false;
    const entry = this.entries.get(req.url!);
    if (entry === undefined) return false;
    if (entry.served !== current || (entry.index !== null && entry.index !== current.search.current())) {
      this.entries.delete(req.url!);
      return false;
    }
    this.counts.replayed++;
    entry.onReplay?.();
    res.writeHead(200, entry.headers as string[]);
    res.end(entry.body.bytes);
    return true;
  }
}
