/**
 * Anchors in a rendered body, so that a search result or a cited-by entry opens the page at the
 * paragraph: every heading gets an id from its text (`applicable-law`), every paragraph one from
 * the line of the file it starts on (`p31`), and a body with many headings gets a table of
 * contents. The sanitiser prefixes ids (`user-content-`), so links use the prefixed form.
 */
import type { Root, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';

/** The prefix hast-util-sanitize gives every id in a sanitised body. */
export const ANCHOR_PREFIX = 'user-content-';
/** A body with at least this many headings gets a table of contents. */
export const TOC_MIN_HEADINGS = 4;

export interface BodyHeading {
  readonly depth: number;
  readonly text: string;
  /** The id as the page carries it (prefixed). */
  readonly id: string;
}

function slug(text: string): string {
  const made = text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section';
  // The ids of notes, bibliography entries, previews and paragraphs are the renderer's own: a heading never takes one.
  return /^(note-|bib-\d+$|cite-preview-|p\d+$)/.test(made) ? `section-${made}` : made;
}

/** Gives the headings and paragraphs of a tree (a copy the caller owns) their ids; returns the headings. */
export function anchorBody(tree: Root): BodyHeading[] {
  const headings: BodyHeading[] = [];
  const used = new Set<string>();
  // An explicit stack, not recursion: a body's nesting is the input's to decide.
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'heading') {
      const text = toString(node);
      let id = slug(text);
      for (let n = 2; used.has(id); n++) id = `${slug(text)}-${n}`;
      used.add(id);
      node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } };
      headings.push({ depth: node.depth, text, id: `${ANCHOR_PREFIX}${id}` });
    } else if ((node.type === 'paragraph' || node.type === 'listItem') && node.position !== undefined) {
      // A tight list drops its items' paragraphs in HTML: the item carries the id of its first line.
      const id = `p${node.position.start.line}`;
      if (!used.has(id)) {
        used.add(id);
        node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } };
      }
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return headings;
}

/** A table of contents for a body with many headings; '' for a short one. */
export function tableOfContentsHtml(headings: readonly BodyHeading[]): string {
  if (headings.length < TOC_MIN_HEADINGS) return '';
  const items = headings.map((heading) => h('li', { class: `toc-depth-${heading.depth}` }, h('a', { href: `#${heading.id}` }, heading.text)));
  return toHtml(h('nav', { class: 'toc', ariaLabel: 'Contents' }, [h('h2', 'Contents'), h('ol', items)]));
}

/** A line that starts a paragraph of its own: a list item or a block quote. */
const OPENS_ITEM = /^\s*([-*+]|\d+[.)])\s|^\s*>/;
/** A line after which a paragraph starts: a heading or a fenced div's fence. */
const ENDS_BEFORE = /^\s*(#{1,6}\s|:::)/;

/**
 * The anchor of the paragraph that holds a line of a Markdown file: the line the paragraph starts
 * on, found by walking up to a blank line, a list item, a block quote, a heading or a fenced div.
 * A line past the end is the last line. The file is read where the walk goes, not split into lines:
 * a source's page asks this for every sentence that cites it, each in a memo of hundreds of lines.
 */
export function paragraphAnchor(fileText: string, line: number): string {
  // The start of the line asked for (or of the last line, when the file is shorter).
  let start = 1;
  let from = 0;
  while (start < line) {
    const end = fileText.indexOf('\n', from);
    if (end === -1) break;
    from = end + 1;
    start++;
  }
  while (start > 1) {
    const end = fileText.indexOf('\n', from);
    const current = fileText.slice(from, end === -1 ? fileText.length : end);
    // The line before ends at the line break just before this one.
    const previousEnd = from - 1;
    const previousFrom = previousEnd === 0 ? 0 : fileText.lastIndexOf('\n', previousEnd - 1) + 1;
    const previous = fileText.slice(previousFrom, previousEnd);
    if (OPENS_ITEM.test(current) || previous.trim() === '' || ENDS_BEFORE.test(previous)) break;
    from = previousFrom;
    start--;
  }
  return `${ANCHOR_PREFIX}p${start}`;
}
