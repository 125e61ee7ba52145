/**
 * Compact HTML: the templates' indentation and line breaks taken out where a browser would not
 * show them. A static site of a thousand memos carried megabytes of it. The templates' text is
 * compacted once, as they are compiled (see compactTemplate in templates.ts); compactHtml does the
 * same to a whole page, the form the tests compare pages in.
 */

// Elements a browser lays out as blocks (or that are not laid out at all): white space at their
// edges, inside or out, is collapsed away by CSS, so dropping it changes nothing a reader sees.
// Not `div`: dossier's stylesheet shows citation-js's `div.csl-entry` inline.
const BLOCK_ELEMENTS = new Set([
  '!doctype', 'html', 'head', 'meta', 'link', 'title', 'script', 'body', 'header', 'footer', 'main', 'nav', 'article', 'section', 'aside',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'figure', 'figcaption', 'form', 'fieldset',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'hr', 'details', 'summary', 'address', 'noscript',
]);

// Elements whose text is shown as written: everything from the start tag to the first end tag of
// the same name is left alone.
const VERBATIM_ELEMENTS = ['pre', 'textarea', 'script', 'style'];

/** Whether a character code is white space as HTML has it: space, tab, line feed, form feed, carriage return (not the no-break space, which is text). */
function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12;
}

/** Whether a character code continues a word (so that `<prefix` is not `<pre`). */
function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** The name of the element whose tag starts at `start` (a `<`), lower-cased: `<p>`, `</li>`, `<!doctype html>`; null when it is not a tag. */
function tagNameAt(html: string, start: number): string | null {
  let from = start + 1;
  if (html.charCodeAt(from) === 47) from++;
  const first = html.charCodeAt(from) | 32;
  if (first === 33) return nameAt(html, from + 1, 'doctype') ? '!doctype' : null;
  if (first < 97 || first > 122) return null;
  let end = from + 1;
  // At most 11 characters after the `<` count, as a tag name is never longer.
  while (end < start + 12) {
    const code = html.charCodeAt(end);
    const letter = (code | 32) >= 97 && (code | 32) <= 122;
    if (!letter && !(code >= 48 && code <= 57)) break;
    end++;
  }
  return html.slice(from, end).toLowerCase();
}

/** The name of the element whose tag ends just before `position` (or starts at it), lower-cased, or null when text is there. */
function tagNameAround(html: string, position: number, side: 'before' | 'after'): string | null {
  if (side === 'after') return html.charCodeAt(position) === 60 ? tagNameAt(html, position) : null;
  if (html.charCodeAt(position - 1) !== 62) return null;
  const start = html.lastIndexOf('<', position - 1);
  return start === -1 ? null : tagNameAt(html, start);
}

/** The first end tag of each element shown as written, in any case, with white space allowed before its `>`. */
const VERBATIM_END_TAGS = new Map(VERBATIM_ELEMENTS.map((name) => [name, new RegExp(`</${name}\\s*>`, 'giu')]));

/** Whether `name` (lower case letters) is written at `at`, in any case. */
function nameAt(html: string, at: number, name: string): boolean {
  for (let index = 0; index < name.length; index++) {
    if ((html.charCodeAt(at + index) | 32) !== name.charCodeAt(index)) return false;
  }
  return true;
}

/** The element shown as written whose start tag begins at `at` (a `<`), or null when none does. */
function verbatimNameAt(html: string, at: number): string | null {
  // Every such element's name starts with p, t or s: any other tag is passed at once.
  const first = html.charCodeAt(at + 1) | 32;
  if (first !== 112 && first !== 116 && first !== 115) return null;
  for (const name of VERBATIM_ELEMENTS) {
    const after = at + 1 + name.length;
    if (nameAt(html, at + 1, name) && !(after < html.length && isWordCode(html.charCodeAt(after)))) return name;
  }
  return null;
}

/** Where the end tag of the element shown as written ends (just past it), searching from `from`; -1 when it is not there. */
function verbatimEnd(html: string, name: string, from: number): number {
  const close = VERBATIM_END_TAGS.get(name)!;
  close.lastIndex = from;
  const found = close.exec(html);
  return found === null ? -1 : found.index + found[0].length;
}

/** Whether the run of white space from `at` to `end` follows or precedes a block element's tag (the tag before is looked at first, and the one after only when needed). */
function besideBlock(html: string, at: number, end: number, afterTag: boolean, beforeTag: boolean): boolean {
  if (afterTag) {
    const before = tagNameAround(html, at, 'before');
    if (before !== null && BLOCK_ELEMENTS.has(before)) return true;
  }
  if (!beforeTag) return false;
  const after = tagNameAround(html, end, 'after');
  return after !== null && BLOCK_ELEMENTS.has(after);
}

/** A piece of a page compacted, and the element shown as written left open at its end, if any. */
export interface CompactedPiece {
  text: string;
  /** The element (`pre`, `textarea`, `script` or `style`) whose end tag has not come yet: the next piece starts inside it. */
  open: string | null;
}

/**
 * A piece of a page with every run of white space beside a block element's tag removed, and every
 * other run that holds a line break shortened to one (where it separates words, and so still does);
 * spaces within a line elsewhere are the text's own and stay, and so does everything in `<pre>`,
 * `<textarea>`, `<script>` and `<style>`.
 *
 * The piece may be all of a page or one run of a template's text between its tags (see
 * compactTemplate in templates.ts): only what is in the piece is looked at, so white space at its
 * edges is removed only for a block's tag beside it in the piece, and `open` carries an element
 * shown as written over to the next piece.
 *
 * One pass over the piece, by hand: about a quarter faster than the regular expression with a
 * replacement function per run it replaces, with the same output.
 */
export function compactPiece(html: string, open: string | null = null): CompactedPiece {
  let out = '';
  let copied = 0;
  let at = 0;
  const length = html.length;
  if (open !== null) {
    // Inside an element shown as written, until its end tag.
    const end = verbatimEnd(html, open, 0);
    if (end === -1) return { text: html, open };
    at = end;
  }
  while (at < length) {
    const code = html.charCodeAt(at);
    if (code === 60) {
      // A `<`: an element shown as written is skipped whole (to the end of the piece when its end tag is in a later one).
      const name = verbatimNameAt(html, at);
      if (name === null) {
        at++;
        continue;
      }
      const end = verbatimEnd(html, name, at + 1 + name.length);
      if (end === -1) return { text: copied === 0 ? html : out + html.slice(copied), open: name };
      at = end;
      continue;
    }
    if (!isSpace(code)) {
      at++;
      continue;
    }
    // A run of white space, taken whole.
    let end = at + 1;
    let lineBreak = code === 10;
    while (end < length) {
      const next = html.charCodeAt(end);
      if (!isSpace(next)) break;
      if (next === 10) lineBreak = true;
      end++;
    }
    const afterTag = at > 0 && html.charCodeAt(at - 1) === 62;
    const beforeTag = end < length && html.charCodeAt(end) === 60;
    if (afterTag || beforeTag || lineBreak) {
      let replacement: string | null;
      if (besideBlock(html, at, end, afterTag, beforeTag)) replacement = '';
      else replacement = lineBreak ? '\n' : null;
      if (replacement !== null && (replacement.length !== end - at || replacement !== html.slice(at, end))) {
        out += html.slice(copied, at) + replacement;
        copied = end;
      }
    }
    at = end;
  }
  return { text: copied === 0 ? html : out + html.slice(copied), open: null };
}

/** A whole page compacted (see compactPiece): two pages that compact to the same text read the same in a browser. */
export function compactHtml(html: string): string {
  return compactPiece(html).text;
}
