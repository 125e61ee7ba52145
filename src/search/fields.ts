/**
 * The fields a record is searched by. A module of its own, so that the static search's worker
 * thread, which needs the fields and not the records, does not load the citation formatter with
 * the rest of documents.ts.
 */
/** The searchable fields, with their boosts: a match in a title counts most. */
export const SEARCH_FIELDS = [
  { name: 'title', boost: 10 },
  { name: 'headings', boost: 5 },
  { name: 'people', boost: 3 },
  { name: 'body', boost: 1 },
  /**
   * What citations say: for a source, each sentence that cites it with its pinpoint (so a source
   * is found by what the memos cite it for); for a memo, the pinpoints it cites (`art. 7(1)(i)`).
   */
  { name: 'citing', boost: 3 },
] as const;

export type SearchField = (typeof SEARCH_FIELDS)[number]['name'];

export type SearchFields = Record<SearchField, string>;
