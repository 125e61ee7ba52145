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

// An element whose text is shown as written, found where a `<` starts one (with `i` and `u`, as
// `\b` and the closing tag's name are matched); its end is the first closing tag of the same name.
const VERBATIM_START = /(pre|textarea|script|style)\b/iuy;
const verbatimEnds = new Map<string, RegExp>();
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

/** Where the verbatim element whose start tag opens at `open` (a `<`) ends, or -1 when none does there. */
function verbatimEnd(html: string, open: number): number {
  VERBATIM_START.lastIndex = open + 1;
  const name = VERBATIM_START.exec(html)?.[1];
  if (name === undefined) return -1;
  let end = verbatimEnds.get(name);
  if (end === undefined) {
    // The name as written (letters only), matched again without regard to case.
    end = new RegExp(`<\\/${name}\\s*>`, 'giu');
    verbatimEnds.set(name, end);
  }
  end.lastIndex = open + 1 + name.length;
  return end.exec(html) === null ? -1 : end.lastIndex;
}

const SPACE = 0x20;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const FORM_FEED = 0x0c;
const CARRIAGE_RETURN = 0x0d;
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;

/** Whether a character is white space to HTML (not `\s`: that takes in the no-break space, which is text). */
function isHtmlSpace(code: number): boolean {
  return code === SPACE || code === LINE_FEED || code === TAB || code === CARRIAGE_RETURN || code === FORM_FEED;
}

/**
 * The page with every run of white space beside a block element's tag removed, and every other run
 * that holds a line break shortened to one (where it separates words, and so still does); spaces
 * within a line elsewhere are the text's own and stay, and so does everything in `<pre>`,
 * `<textarea>`, `<script>` and `<style>`. One pass over the page, run by run (a regular expression
 * tried at every character took a second of a thousand-memo build).
 */
export function compactHtml(html: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let position = 0;
  while (position < html.length) {
    const code = html.charCodeAt(position);
    if (code === LESS_THAN) {
      const end = verbatimEnd(html, position);
      position = end === -1 ? position + 1 : end;
      continue;
    }
    if (!isHtmlSpace(code)) {
      position++;
      continue;
    }
    // A whole run of white space: looked at only beside a tag or when it holds a line break.
    const start = position;
    let lineBreak = false;
    while (position < html.length && isHtmlSpace(html.charCodeAt(position))) {
      if (html.charCodeAt(position) === LINE_FEED) lineBreak = true;
      position++;
    }
    const afterTag = start > 0 && html.charCodeAt(start - 1) === GREATER_THAN;
    const beforeTag = position < html.length && html.charCodeAt(position) === LESS_THAN;
    if (!afterTag && !beforeTag && !lineBreak) continue;
    const before = tagNameAround(html, start, 'before');
    const after = tagNameAround(html, position, 'after');
    const replacement = (before !== null && BLOCK_ELEMENTS.has(before)) || (after !== null && BLOCK_ELEMENTS.has(after)) ? '' : lineBreak ? '\n' : null;
    if (replacement === null) continue;
    parts.push(html.slice(copiedUpTo, start), replacement);
    copiedUpTo = position;
  }
  if (copiedUpTo === 0) return html;
  parts.push(html.slice(copiedUpTo));
  return parts.join('');
}
