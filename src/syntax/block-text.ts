/**
 * The text of a body's blocks without Markdown syntax, computed once at parsing so that records
 * need not keep their trees: for the search index, headings apart from prose, citations left out
 * and wiki-links by their labels; for a statement, its words alone.
 */
import type { Root, RootContent } from 'mdast';
import { refKey, type RecordRef } from '../model/records.js';

/**
 * An unlabelled wiki-link in search text: a mark with the record it names, which the search index
 * replaces by the record's title (parsing does not know titles), so that no id is ever shown.
 */
export const UNLABELLED_LINK_MARK = /\uE000([^\uE001]*)\uE001/gu;

/** The mark an unlabelled wiki-link leaves in search text. */
export function unlabelledLinkMark(target: RecordRef): string {
  return `\uE000${refKey(target)}\uE001`;
}

/** How inline content becomes text. */
interface InlineRules {
  /** Wiki-links by their labels, or left out. */
  readonly wikiLinkLabels: boolean;
  /** An unlabelled (not embedded) wiki-link as a mark naming its target, or left out. */
  readonly markUnlabelledLinks: boolean;
  /** What a hard line break becomes. */
  readonly lineBreak: string;
  /** Whether raw HTML counts as text. */
  readonly rawHtml: boolean;
}

/** The text of every block `keep` accepts, in document order; blocks it refuses are looked into. */
function blockTexts(tree: Root, keep: (node: RootContent) => boolean, rules: InlineRules): string[] {
  const parts: string[] = [];
  const inline = (node: RootContent): string => {
    if (node.type === 'citation') return '';
    if (node.type === 'wikiLink') {
      if (!rules.wikiLinkLabels) return '';
      return node.label ?? (rules.markUnlabelledLinks && !node.embed ? unlabelledLinkMark(node.target) : '');
    }
    if (node.type === 'break') return rules.lineBreak;
    if ((node.type === 'html' || node.type === 'yaml') && !rules.rawHtml) return '';
    if ('value' in node && typeof node.value === 'string') return node.value;
    if ('children' in node) return (node.children as RootContent[]).map(inline).join('');
    return '';
  };
  const block = (node: RootContent): void => {
    if (keep(node)) parts.push(inline(node));
    else if ('children' in node) (node.children as RootContent[]).forEach(block);
  };
  tree.children.forEach(block);
  return parts;
}

const FOR_SEARCH: InlineRules = { wikiLinkLabels: true, markUnlabelledLinks: true, lineBreak: ' ', rawHtml: false };

/** Every heading's text, one per line. */
export const headingsText = (tree: Root): string => blockTexts(tree, (node) => node.type === 'heading', FOR_SEARCH).join('\n');

/** Paragraphs, code and table cells, one block per line. */
export const proseText = (tree: Root): string =>
  blockTexts(tree, (node) => node.type === 'paragraph' || node.type === 'code' || node.type === 'tableCell', FOR_SEARCH).join('\n');

/**
 * The plain text of a statement's body as it is quoted and checked against its source: one block
 * per paragraph, heading or code, separated by blank lines, without citations or wiki-links.
 */
export const plainText = (tree: Root): string =>
  blockTexts(tree, (node) => node.type === 'paragraph' || node.type === 'heading' || node.type === 'code', {
    wikiLinkLabels: false,
    markUnlabelledLinks: false,
    lineBreak: '\n',
    rawHtml: true,
  })
    .join('\n\n')
    .trim();
