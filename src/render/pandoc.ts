/**
 * A memo as Pandoc Markdown, for `pandoc --citeproc`: its citations are already Pandoc's; wiki-links
 * become plain text and embedded statements become attributed block quotations that cite their
 * source. The frontmatter points pandoc at the CSL-JSON bibliography and the style written beside it.
 */
import { stringify as toYaml } from 'yaml';
import type { Nodes } from 'mdast';
import type { Memo } from '../model/records.js';
import type { WikiLinkNode } from '../corpus/references.js';
import { bodyTree } from '../corpus/parse.js';
import type { CorpusView } from './view.js';
import { evidenceMatrices, matricesToPandoc } from './elements.js';

export interface PandocFiles {
  /** The name of the CSL-JSON file written beside the memo. */
  readonly bibliography: string;
  /** The name of the CSL style file written beside it, if any. */
  readonly csl: string | null;
}

function wikiLinks(tree: Nodes): WikiLinkNode[] {
  const found: WikiLinkNode[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'wikiLink') found.push(node);
    else if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}

/** The quotation that stands for `![[statement:id]]`. */
function quotation(view: CorpusView, id: string): string | null {
  const statement = view.statement(id);
  if (statement === undefined) return null;
  const speaker = view.speaker(statement.speaker);
  const event = statement.event === null ? undefined : view.event(statement.event);
  const attribution = [speaker?.name ?? statement.speaker, statement.role, event?.title, statement.date].filter(Boolean).join(', ');
  const citation = view.source(statement.source) === undefined ? '' : ` [@${statement.source}${statement.locator ? `, ${statement.locator}` : ''}]`;
  const words = statement.text.split(/\n\s*\n/u).map((paragraph) => `> ${paragraph.replace(/\n/g, '\n> ')}`).join('\n>\n');
  return `${words}\n>\n> --- ${attribution}${citation}`;
}

/** The memo's Markdown for pandoc. */
export function memoToPandocMarkdown(view: CorpusView, memo: Memo, files: PandocFiles): string {
  let body = memo.body;
  // Replace from the end, so that earlier offsets stay true.
  const links = wikiLinks(bodyTree(memo)).sort((a, b) => (b.position?.start.offset ?? 0) - (a.position?.start.offset ?? 0));
  for (const link of links) {
    const start = (link.position?.start.offset ?? 0) - memo.bodyOffset;
    const end = (link.position?.end.offset ?? 0) - memo.bodyOffset;
    if (start < 0 || end > body.length) continue;
    let replacement: string;
    if (link.embed && link.target.type === 'statement') {
      replacement = quotation(view, link.target.id) ?? '';
    } else {
      const record = view.get(link.target);
      replacement = link.label ?? (record === undefined ? '' : view.titleOf(record));
    }
    body = body.slice(0, start) + replacement + body.slice(end);
  }
  const frontmatter: Record<string, unknown> = {
    title: memo.title,
    ...(memo.authors.length > 0 ? { author: [...memo.authors] } : {}),
    ...(memo.updated !== null ? { date: memo.updated } : {}),
    ...(memo.summary !== null ? { abstract: memo.summary } : {}),
    bibliography: files.bibliography,
    ...(files.csl !== null ? { csl: files.csl } : {}),
    'link-citations': true,
  };
  // The element × evidence matrix, as tables whose sources are citations pandoc formats.
  const matrices = evidenceMatrices(view, [memo]);
  const matrix = matrices.length === 0 ? '' : `\n\n## Elements and evidence\n\n${matricesToPandoc(matrices)}`;
  return `---\n${toYaml(frontmatter, { lineWidth: 0 })}---\n\n${body.trim()}${matrix}\n`;
}
