/**
 * Puts dossier's citations and pandoc's into one comparable shape: clusters of items with key,
 * mode, prefix, label, locator and suffix as plain text with white space folded.
 */
import { spawnSync } from 'node:child_process';
import { parseMarkdown } from '../../src/syntax/markdown.js';
import { extractReferences } from '../../src/syntax/references.js';
import { splitLocator } from '../../src/syntax/locator.js';

export interface ComparableItem {
  key: string;
  mode: string;
  prefix: string;
  label: string | null;
  locator: string | null;
  suffix: string;
}
export type ComparableCluster = ComparableItem[];

const fold = (text: string): string => text.replace(/[\s\u00a0]+/gu, ' ').trim();

/** dossier's clusters for a Markdown text. */
export function dossierClusters(markdown: string): ComparableCluster[] {
  const tree = parseMarkdown(markdown);
  return extractReferences(tree, markdown).citations.map((cluster) =>
    cluster.items.map((item) => ({
      key: item.key,
      mode: item.mode,
      prefix: fold(item.prefix),
      label: item.label,
      locator: item.locator,
      suffix: fold(item.suffix),
    })),
  );
}

interface PandocNode {
  t: string;
  c?: unknown;
}
interface PandocCitation {
  citationId: string;
  citationMode: { t: string };
  citationPrefix: PandocNode[];
  citationSuffix: PandocNode[];
}

const MODES: Record<string, string> = {
  NormalCitation: 'normal',
  AuthorInText: 'author-in-text',
  SuppressAuthor: 'suppress-author',
};

function stringify(nodes: PandocNode[]): string {
  return nodes
    .map((node) => {
      switch (node.t) {
        case 'Str':
          return node.c as string;
        case 'Space':
        case 'SoftBreak':
        case 'LineBreak':
          return ' ';
        case 'Code':
        case 'Math':
          return (node.c as [unknown, string])[1];
        case 'RawInline':
          return (node.c as [string, string])[1];
        case 'Cite':
          return stringify((node.c as [unknown, PandocNode[]])[1]);
        case 'Link':
        case 'Image':
        case 'Span':
          return stringify((node.c as [unknown, PandocNode[]])[1]);
        case 'Quoted':
          return `"${stringify((node.c as [unknown, PandocNode[]])[1])}"`;
        case 'Note':
          return '';
        default:
          return Array.isArray(node.c) ? stringify(node.c as PandocNode[]) : '';
      }
    })
    .join('');
}

/** A citation as pandoc's AST has it: the locator is still part of the suffix. */
export interface PandocItem {
  key: string;
  mode: string;
  prefix: string;
  suffix: string;
}

/** Splits the locator out of pandoc's suffixes, as citeproc would, for comparison with dossier. */
export function withLocators(clusters: PandocItem[][]): ComparableCluster[] {
  return clusters.map((items) =>
    items.map((item) => {
      const split = splitLocator(item.suffix);
      return { ...item, label: split.label, locator: split.locator, suffix: fold(item.suffix.slice(split.restStart)) };
    }),
  );
}

/** pandoc's clusters for a Markdown text, in the order of a depth-first walk of its AST. */
export function pandocClusters(markdown: string): PandocItem[][] {
  const result = spawnSync('pandoc', ['-f', 'markdown-smart', '-t', 'json'], { input: markdown, encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`pandoc failed: ${result.error?.message ?? result.stderr}`);
  }
  const clusters: PandocItem[][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as PandocNode;
    if (node.t === 'Cite') {
      const citations = (node.c as [PandocCitation[], unknown])[0];
      clusters.push(
        citations.map((citation) => ({
          key: citation.citationId,
          mode: MODES[citation.citationMode.t] ?? citation.citationMode.t,
          prefix: fold(stringify(citation.citationPrefix)),
          suffix: fold(stringify(citation.citationSuffix)),
        })),
      );
      for (const citation of citations) {
        walk(citation.citationPrefix);
        walk(citation.citationSuffix);
      }
      return;
    }
    for (const child of Object.values(node)) walk(child);
  };
  walk((JSON.parse(result.stdout) as { blocks: unknown }).blocks);
  return clusters;
}

/** The version line of the installed pandoc. */
export function pandocVersion(): string {
  return spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? 'unknown';
}
