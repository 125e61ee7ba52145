/**
 * The text of a body's blocks without Markdown syntax, computed once at parsing so that records
 * need not keep their trees: for the search index, headings apart from prose, citations left out
 * and wiki-links by their labels; for a statement, its words alone.
 */
import type { Root, RootContent } from 'mdast';

function blockText(tree: Root, keep: (node: RootContent) => boolean): string {
  const parts: string[] = [];
  const inline = (node: RootContent): string => {
    if (node.type === 'citation') return '';
    if (node.type === 'wikiLink') return node.label ?? '';
    if (node.type === 'break') return ' ';
    if ('value' in node && typeof node.value === 'string' && node.type !== 'html' && node.type !== 'yaml') return node.value;
    if ('children' in node) return (node.children as RootContent[]).map(inline).join('');
    return '';
  };
  const block = (node: RootContent): void => {
    if (!keep(node)) {
      if ('children' in node && node.type !== 'heading') (node.children as RootContent[]).forEach(block);
      return;
    }
    parts.push(inline(node));
  };
  tree.children.forEach(block);
  return parts.join('\n');
}

/** Every heading's text, one per line. */
export const headingsText = (tree: Root): string => blockText(tree, (node) => node.type === 'heading');

/** Paragraphs, code and table cells, one block per line. */
export const proseText = (tree: Root): string =>
  blockText(tree, (node) => node.type === 'paragraph' || node.type === 'code' || node.type === 'tableCell');

/**
 * The plain text of a statement's body as it is quoted and checked against its source: one block
 * per paragraph, heading or code, separated by blank lines, without citations or wiki-links.
 */
export function plainText(tree: Root): string {
  const blocks: string[] = [];
  const inline = (node: RootContent): string => {
    if (node.type === 'citation' || node.type === 'wikiLink') return '';
    if (node.type === 'break') return '\n';
    if ('value' in node && typeof node.value === 'string') return node.value;
    if ('children' in node) return (node.children as RootContent[]).map(inline).join('');
    return '';
  };
  const block = (node: RootContent): void => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'code') blocks.push(inline(node));
    else if ('children' in node) (node.children as RootContent[]).forEach(block);
  };
  tree.children.forEach(block);
  return blocks.join('\n\n').trim();
}
