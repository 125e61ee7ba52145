/**
 * The text of a body's blocks without Markdown syntax, computed once at parsing so that records
 * need not keep their trees: for the search index, headings apart from prose, citations left out
 * and wiki-links by their labels; for a statement, its words alone.
 */
import type { Root, RootContent } from 'mdast';

/** How inline content becomes text. */
interface InlineRules {
  /** Wiki-links by their labels, or left out. */
  readonly wikiLinkLabels: boolean;
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
    if (node.type === 'wikiLink') return rules.wikiLinkLabels ? (node.label ?? '') : '';
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

const FOR_SEARCH: InlineRules = { wikiLinkLabels: true, lineBreak: ' ', rawHtml: false };

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
    lineBreak: '\n',
    rawHtml: true,
  })
    .join('\n\n')
    .trim();
