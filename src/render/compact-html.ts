/**
 * Compact HTML: the templates' indentation and line breaks, written into every page, taken out
 * where a browser would not show them. A static site of a thousand memos carried megabytes of it.
 */

// Elements a browser lays out as blocks (or that are not laid out at all): white space at their
// edges, inside or out, is collapsed away by CSS, so dropping it changes nothing a reader sees.
// Not `div`: dossier's stylesheet shows citation-js's `div.csl-entry` inline.
const BLOCK_ELEMENTS = new Set([
  '!doctype', 'html', 'head', 'meta', 'link', 'title', 'script', 'body', 'header', 'footer', 'main', 'nav', 'article', 'section', 'aside',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'figure', 'figcaption', 'form', 'fieldset',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'hr', 'details', 'summary', 'address', 'noscript',
]);

// An element whose text is shown as written, or a run of white space beside a tag or holding a line
// break (the spaces between words are left alone unlooked-at). `\s` is not used: it takes in the
// no-break space, which is text.
const WHITE_SPACE_OR_VERBATIM = /(<(pre|textarea|script|style)\b[\s\S]*?<\/\2\s*>)|(?<=>)[ \t\r\n\f]+|[ \t\r\n\f]+(?=<)|[ \t\r\f]*\n[ \t\r\n\f]*/giu;
const TAG_NAME = /^<\/?(!doctype|[a-z][a-z0-9]*)/iu;

/** The name of the element whose tag ends just before `end` (or starts at `start`), lower-cased, or null when text is there. */
function tagNameAround(html: string, position: number, side: 'before' | 'after'): string | null {
  if (side === 'after') {
    if (html[position] !== '<') return null;
    return TAG_NAME.exec(html.slice(position, position + 12))?.[1]?.toLowerCase() ?? null;
  }
  if (html[position - 1] !== '>') return null;
  const start = html.lastIndexOf('<', position - 1);
  if (start === -1) return null;
  return TAG_NAME.exec(html.slice(start, start + 12))?.[1]?.toLowerCase() ?? null;
}

/**
 * The page with every run of white space beside a block element's tag removed, and every other run
 * that holds a line break shortened to one (where it separates words, and so still does); spaces
 * within a line elsewhere are the text's own and stay, and so does everything in `<pre>`,
 * `<textarea>`, `<script>` and `<style>`.
 */
export function compactHtml(html: string): string {
  return html.replace(WHITE_SPACE_OR_VERBATIM, (match: string, verbatim: string | undefined, _name: string | undefined, offset: number) => {
    if (verbatim !== undefined) return match;
    const before = tagNameAround(html, offset, 'before');
    const after = tagNameAround(html, offset + match.length, 'after');
    if ((before !== null && BLOCK_ELEMENTS.has(before)) || (after !== null && BLOCK_ELEMENTS.has(after))) return '';
    return match.includes('\n') ? '\n' : match;
  });
}
