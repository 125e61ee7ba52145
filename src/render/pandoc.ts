/**
 * A memo as Pandoc Markdown, for `pandoc --citeproc`: its citations are already Pandoc's; wiki-links
 * become plain text and embedded statements become attributed block quotations that cite their
 * source. The frontmatter points pandoc at the CSL-JSON bibliography and the style written beside it.
 */
import { CONTINUE, SKIP, visit } from 'unist-util-visit';
import { stringify as toYaml } from 'yaml';
import type { Nodes } from 'mdast';
import type { CitationCluster, CitationItem, Memo } from '../model/records.js';
import type { CitationNode, WikiLinkNode } from '../syntax/references.js';
import { bodyTree } from '../corpus/parse.js';
import type { CorpusView } from '../access/index.js';
import { evidenceMatrices, matricesToPandoc } from './evidence-matrix.js';

export interface PandocFiles {
  /** The name of the CSL-JSON file written beside the memo. */
  readonly bibliography: string;
  /** The name of the CSL style file written beside it, if any. */
  readonly csl: string | null;
  /** The style's XML, whose locator terms the pinpoints are written in; null for pandoc's own. */
  readonly cslXml?: string | null;
  /** Keep the team's notes on pinpoints ("(pinpoint unverified)") in the text for the court. */
  readonly keepNotes?: boolean;
}

/** The short locator terms a style defines: label → [singular, plural]. */
function locatorTerms(xml: string): Map<string, [string, string]> {
  const terms = new Map<string, [string, string]>();
  for (const match of xml.matchAll(/<term name="([a-z-]+)" form="short"><single>([^<]*)<\/single><multiple>([^<]*)<\/multiple><\/term>/g)) {
    terms.set(match[1]!, [match[2]!, match[3]!]);
  }
  return terms;
}

/** A team's note about a pinpoint, not text for a court: "(pinpoint unverified)". */
const TEAM_NOTE = /\s*\((?:pinpoint|page|paragraph|locator)?\s*(?:not yet verified|unverified|to be verified|to check)\)/giu;

/**
 * A pinpoint as the memo's page prints it in the style (`art VI`, `paras 510–516`), written as a
 * braced locator so that pandoc's citeproc prints exactly that text and does not re-read it.
 */
function literalPinpoint(label: string | null, locator: string, terms: Map<string, [string, string]>): string {
  const plural = /[-–,&]/.test(locator);
  const written = label === null ? undefined : terms.get(label);
  const word = label === null || label === 'page' ? (written?.[plural ? 1 : 0] ?? '') : written !== undefined ? written[plural ? 1 : 0] : plural && label === 'principle' ? 'principle' : label;
  const ranged = locator.replace(/(\d)\s*-\s*(\d)/g, '$1–$2');
  return `${word} ${ranged}`.trim().replace(/[{}]/g, '');
}

/** One cluster written out again, with literal pinpoints and without team notes. */
function clusterMarkdown(cluster: CitationCluster, files: PandocFiles, terms: Map<string, [string, string]>): string {
  const suffixOf = (suffix: string): string => (files.keepNotes === true ? suffix : suffix.replace(TEAM_NOTE, '')).trim();
  const itemText = (item: CitationItem, bare: boolean): string => {
    const locator = item.locator === null ? '' : `, {${literalPinpoint(item.label, item.locator, terms)}}`;
    const suffix = suffixOf(item.suffix);
    // As the page writes it: after a pinpoint with a space, without one after a comma.
    const suffixPart = suffix === '' ? '' : /^[,.;:]/.test(suffix) ? suffix : locator === '' ? `, ${suffix}` : ` ${suffix}`;
    const after = `${locator}${suffixPart}`;
    if (bare) return `@${item.key}${after === '' ? '' : ` [${after.replace(/^, /, '')}]`}`;
    const prefix = item.prefix === '' ? '' : `${item.prefix} `;
    return `${prefix}${item.mode === 'suppress-author' ? '-' : ''}@${item.key}${after}`;
  };
  const first = cluster.items[0];
  if (cluster.items.length === 1 && first !== undefined && first.mode === 'author-in-text') return itemText(first, true);
  return `[${cluster.items.map((item) => itemText(item, false)).join('; ')}]`;
}

function referenceNodes(tree: Nodes): Array<WikiLinkNode | CitationNode> {
  const found: Array<WikiLinkNode | CitationNode> = [];
  // A reference holds no reference: once found, its children are not visited.
  visit(tree, (node) => {
    const candidate = node as Nodes;
    if (candidate.type !== 'wikiLink' && candidate.type !== 'citation') return CONTINUE;
    found.push(candidate);
    return SKIP;
  });
  return found;
}

/**
 * The quotation that stands for `![[statement:id]]`, attributed as the memo's page attributes it
 * (its source named, not cited, so the notes stay the page's notes).
 */
function quotation(view: CorpusView, id: string): string | null {
  const statement = view.statement(id);
  if (statement === undefined) return null;
  const speaker = view.speaker(statement.speaker);
  const event = statement.event === null ? undefined : view.event(statement.event);
  const attribution = [speaker?.name ?? statement.speaker, statement.role, event === undefined ? null : `at ${event.title}`, statement.date].filter(Boolean).join(', ');
  const source = view.source(statement.source);
  const sourceTitle = source === undefined ? null : String(source.csl['title-short'] ?? source.csl.title ?? source.key);
  const sourceText = sourceTitle === null ? '' : ` Source: ${sourceTitle}${statement.locator ? `, ${statement.locator}` : ''} (${statement.kind}).`;
  const words = statement.text.split(/\n\s*\n/u).map((paragraph) => `> ${escapeMarkdown(paragraph).replace(/\n/g, '\n> ')}`).join('\n>\n');
  return `${words}\n>\n> --- ${escapeMarkdown(`${attribution}.${sourceText}`)}`;
}

/** Text that pandoc must print as it is: no citation, emphasis or link syntax in it. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]@<>#|~^])/g, '\\$1');
}

/** The memo's Markdown for pandoc. */
export function memoToPandocMarkdown(view: CorpusView, memo: Memo, files: PandocFiles): string {
  let body = memo.body;
  // Replace from the end, so that earlier offsets stay true.
  const terms = locatorTerms(files.cslXml ?? '');
  const links = referenceNodes(bodyTree(memo)).sort((a, b) => (b.position?.start.offset ?? 0) - (a.position?.start.offset ?? 0));
  for (const link of links) {
    const start = (link.position?.start.offset ?? 0) - memo.bodyOffset;
    const end = (link.position?.end.offset ?? 0) - memo.bodyOffset;
    if (start < 0 || end > body.length) continue;
    let replacement: string;
    if (link.type === 'citation') {
      const cluster = memo.citations[link.index];
      // A citation of a source this reader may not see is left out, as on the page.
      const visible = cluster === undefined ? [] : cluster.items.filter((item) => view.source(item.key) !== undefined);
      replacement = cluster === undefined || visible.length === 0 ? '' : clusterMarkdown({ ...cluster, items: visible }, files, terms);
    } else if (link.embed && link.target.type === 'statement') {
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
  const matrix = matrices.length === 0 ? '' : `\n\n## Elements and evidence\n\n${matricesToPandoc(matrices, (cluster) => clusterMarkdown(cluster, files, terms))}`;
  return `---\n${toYaml(frontmatter, { lineWidth: 0 })}---\n\n${body.trim()}${matrix}\n`;
}
