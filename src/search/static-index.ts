/**
 * What the static site's search needs besides its pages: the index data (index, field names,
 * topic synonyms) and the browser modules that run the server's analysis and query preparation
 * (analysis.js, query-core.js, client-search.js, compiled, served under /assets/search/).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../model/records.js';
import { SEARCH_FIELDS, type SearchDocument } from './documents.js';
import { buildShardIndex } from './shards.js';
import { topicExpansions } from './search-index.js';
import { firstAtOrAfter, plainWords } from './analysis.js';
import { decodePositions, type EncodedPositions } from './persist.js';
import type { StaticSearchData } from './client-search.js';

/** The browser modules of the static search, as files to copy: their compiled path and their path under the site's assets/. */
export const CLIENT_SEARCH_MODULES: ReadonlyArray<{ readonly file: string; readonly asset: string }> = ['analysis', 'query-core', 'client-search', 'static-shards'].map((name) => {
  const beside = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  // Run from the TypeScript sources (tests), the compiled modules are in dist/.
  return { file: existsSync(beside) ? beside : fileURLToPath(new URL(`../../dist/search/${name}.js`, import.meta.url)), asset: `search/${name}.js` };
});

/** The static search index over the given (public) documents. */
export function staticSearchData(corpus: Corpus, documents: readonly SearchDocument[]): StaticSearchData {
  return { index: withWordNumbers(buildShardIndex(documents).toJSON(), documents), fields: SEARCH_FIELDS.map((field) => field.name), expansions: [...topicExpansions(corpus)] };
}

type PostingMetadata = { position?: Array<[number, number]> | EncodedPositions; words?: string };

/**
 * The index with each occurrence's character position replaced by its word number in the field
 * (the n-th word as plainWords splits the text, stop words counted), written `3 17 40`. The
 * browser has no texts to read a phrase from; with word numbers it checks that a phrase's words
 * stand in its order at its distances, as the server checks them from positions and text.
 */
export function withWordNumbers<Index extends object>(index: Index, documents: readonly SearchDocument[]): Index {
  const byRef = new Map(documents.map((document) => [document.ref, document]));
  const starts = new Map<string, number[]>();
  const startsOf = (field: string, ref: string): number[] => {
    const key = `${field}/${ref}`;
    let found = starts.get(key);
    if (found === undefined) {
      const document = byRef.get(ref);
      const text = document === undefined ? '' : (document.fields as Record<string, string>)[field] ?? '';
      starts.set(key, (found = plainWords(text).map((word) => word.start)));
    }
    return found;
  };
  const serialised = index as { invertedIndex: Array<[string, Record<string, unknown>]> };
  for (const [, posting] of serialised.invertedIndex) {
    for (const [field, refs] of Object.entries(posting)) {
      if (field === '_index') continue;
      for (const [ref, metadata] of Object.entries(refs as Record<string, PostingMetadata>)) {
        const wordStarts = startsOf(field, ref);
        const numbers = new Set<number>();
        for (const [start, length] of decodePositions(metadata.position)) {
          const number = firstAtOrAfter(wordStarts, start);
          // A token's first word (a token such as `u.n.` or an identifier holds several).
          if (number < wordStarts.length && wordStarts[number]! < start + length) numbers.add(number);
        }
        delete metadata.position;
        metadata.words = [...numbers].sort((a, b) => a - b).join(' ');
      }
    }
  }
  return index;
}
