/** Citations and wiki-links in document order, as Pandoc lists them, and their numbering. */
import type { Nodes, Root } from 'mdast';
import type { CitationCluster, WikiLink } from '../model/records.js';

/**
 * The nodes under a root in document order, depth first, with an explicit stack: the depth of a
 * tree is the author's to decide, the depth of the call stack is not. A citation's nested
 * citations are its prefix and suffix nodes, which come before what follows the citation.
 */
export function inDocumentOrder(root: Nodes, visit: (node: Nodes) => 'skip' | void): void {
  const pending: Nodes[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (visit(node) === 'skip') continue;
    const children: Nodes[] = [];
    if (node.type === 'citation') for (const item of node.items) children.push(...item.prefix, ...item.suffix);
    else if ('children' in node) for (const child of node.children) children.push(child as Nodes);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
}

/**
 * Numbers citations and wiki-links in document order, as Pandoc lists them: a cluster comes
 * before the clusters nested in its prefix or suffix.
 */
export function numberInDocumentOrder(tree: Root): { citations: CitationCluster[]; links: WikiLink[] } {
  const citations: CitationCluster[] = [];
  const links: WikiLink[] = [];
  inDocumentOrder(tree, (node) => {
    if (node.type === 'citation') {
      node.index = citations.length;
      citations.push(node.record);
    } else if (node.type === 'wikiLink') {
      node.index = links.length;
      links.push(node.record);
      return 'skip';
    }
    return undefined;
  });
  return { citations, links };
}
