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

/**
 * The anchor of the paragraph that holds a line of a Markdown file: the line the paragraph starts
 * on, found by walking up to a blank line, a list item, a block quote, a heading or a fenced div.
 */
export function paragraphAnchor(fileText: string, line: number): string {
  const lines = fileText.split('\n');
  let start = Math.min(Math.max(1, line), lines.length);
  while (start > 1) {
    const current = lines[start - 1]!;
    const previous = lines[start - 2]!;
    if (/^\s*([-*+]|\d+[.)])\s|^\s*>/.test(current) || previous.trim() === '' || /^\s*(#{1,6}\s|:::)/.test(previous)) break;
    start--;
  }
  return `${ANCHOR_PREFIX}p${start}`;
}
