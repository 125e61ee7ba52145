/** Words at the start of a text, found without splitting the whole of it. */

/**
 * The first `limit` pieces of `text.split(/\s+/u)` (the same pieces: an empty one before leading
 * white space and after trailing), and whether the split has more. A statement may be a long
 * quotation: splitting all of it to show its first dozen words, on every page that names it,
 * cost more than the rest of naming it.
 */
export function leadingWords(text: string, limit: number): { readonly words: string[]; readonly more: boolean } {
  const words: string[] = [];
  const separator = /\s+/gu;
  let from = 0;
  for (let found = separator.exec(text); found !== null; found = separator.exec(text)) {
    // A separator always has a piece after it: with `limit` taken, that piece is one more.
    if (words.length === limit) return { words, more: true };
    words.push(text.slice(from, found.index));
    from = found.index + found[0].length;
  }
  if (words.length === limit) return { words, more: true };
  words.push(text.slice(from));
  return { words, more: false };
}
