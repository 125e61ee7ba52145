/**
 * The remark side of dossier's reference syntax: finds Pandoc citations and wiki-links in a
 * parsed Markdown tree, replaces them with `citation` and `wikiLink` nodes, and copies what it
 * found into plain typed records with their positions and sentences.
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { MAX_CITATION_NESTING, scanReferences, type Piece, type ScannedCluster, type ScannedWikiLink, type Unit } from './reference-syntax.js';
import { splitLocator } from './locator.js';
import { LineIndex } from './line-index.js';
import type { DiagnosticCode } from '../model/diagnostic.js';
import { isCiteKey, isRecordId } from '../model/ids.js';
import type { CitationCluster, CitationItem, RecordRef, WikiLink } from '../model/records.js';
import type { SentenceSpan } from '../model/sentence.js';
import type { CitationItemNode, CitationNode, WikiLinkNode } from './reference-nodes.js';
import { numberInDocumentOrder } from './reference-order.js';
import { assignSentences } from './reference-sentences.js';

export type { CitationItemNode, CitationNode, WikiLinkNode } from './reference-nodes.js';


/** A problem in the reference syntax, at a source offset. */
export interface ReferenceProblem {
  readonly offset: number;
  readonly code: DiagnosticCode;
  readonly message: string;
}

export interface ExtractedReferences {
  readonly citations: CitationCluster[];
  readonly links: WikiLink[];
  readonly problems: ReferenceProblem[];
}

const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const ENTITY = /^&(?:#[xX]([0-9A-Fa-f]{1,6})|#(\d{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/;

function decodeEntity(match: RegExpExecArray): string | null {
  const [, hex, decimal, name] = match;
  if (hex !== undefined || decimal !== undefined) {
    const code = hex !== undefined ? parseInt(hex, 16) : parseInt(decimal!, 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  }
  const decoded = decodeNamedCharacterReference(name!);
  return decoded === false ? null : decoded;
}

/**
 * The characters of a text node with their source offsets. Characters written as a backslash
 * escape or a character reference are marked `escaped`: they are never syntax.
 */
function textUnits(node: Text, source: string): Unit[] {
  const value = node.value;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) {
    return Array.from(value, (ch) => ({ ch, escaped: false, offset: 0 }));
  }
  const written = source.slice(start, end);
  const units: Unit[] = [];
  let i = 0;
  let j = 0;
  while (j < value.length) {
    // Most characters are written as themselves: a character that is neither half of a surrogate
    // pair nor where a backslash or a character reference is written is taken at once.
    const code = value.charCodeAt(j);
    if (i < written.length && (code < 0xd800 || code > 0xdfff)) {
      const writtenCode = written.charCodeAt(i);
      if (writtenCode === code && code !== 92 && code !== 38) {
        units.push({ ch: value[j]!, escaped: false, offset: start + i });
        i++;
        j++;
        continue;
      }
    }
    const ch = String.fromCodePoint(value.codePointAt(j)!);
    if (i >= written.length) {
      units.push({ ch, escaped: true, offset: end });
      j += ch.length;
      continue;
    }
    if (written[i] === '\\' && ASCII_PUNCTUATION.test(written[i + 1] ?? '') && ch === written[i + 1]) {
      units.push({ ch, escaped: true, offset: start + i });
      i += 2;
      j += 1;
      continue;
    }
    if (written[i] === '&') {
      const match = ENTITY.exec(written.slice(i));
      const decoded = match === null ? null : decodeEntity(match);
      if (match !== null && decoded !== null && value.startsWith(decoded, j) && match[0] !== ch) {
        for (const decodedChar of decoded) units.push({ ch: decodedChar, escaped: true, offset: start + i });
        i += match[0].length;
        j += decoded.length;
        continue;
      }
    }
    if (written.startsWith(ch, i)) {
      units.push({ ch, escaped: false, offset: start + i });
      i += ch.length;
      j += ch.length;
      continue;
    }
    // Block syntax the paragraph does not keep (indentation, `>` of a quote): skip it.
    i += 1;
  }
  return units;
}

/** An autolink (`<https://…>` or a bare URL or address) is not written with `[`: leave it alone. */
function isAutolink(node: Nodes, source: string): boolean {
  if (node.type !== 'link') return false;
  const offset = node.position?.start.offset;
  return offset === undefined || source[offset] !== '[';
}

function unitsText(units: readonly Unit[]): string {
  return units.map((unit) => ('ch' in unit ? unit.ch : toString(unit.node))).join('');
}

function piecesText(pieces: readonly Piece[]): string {
  return pieces
    .map((piece) => {
      if (piece.kind === 'units') return unitsText(piece.units);
      if (piece.kind === 'cluster') return unitsText(piece.cluster.units);
      return unitsText(piece.link.units);
    })
    .join('');
}

/** Splits pieces at a character index of their plain text; an inline node is never cut. */
function splitPieces(pieces: readonly Piece[], at: number): [Piece[], Piece[]] {
  const before: Piece[] = [];
  const after: Piece[] = [];
  let seen = 0;
  for (const piece of pieces) {
    if (piece.kind !== 'units') {
      (seen < at ? before : after).push(piece);
      seen += piecesText([piece]).length;
      continue;
    }
    const head: Unit[] = [];
    const tail: Unit[] = [];
    for (const unit of piece.units) {
      (seen < at ? head : tail).push(unit);
      seen += 'ch' in unit ? unit.ch.length : toString(unit.node).length;
    }
    if (head.length > 0) before.push({ kind: 'units', units: head });
    if (tail.length > 0) after.push({ kind: 'units', units: tail });
  }
  return [before, after];
}

function trimStartPieces(pieces: Piece[]): Piece[] {
  const result = [...pieces];
  while (result.length > 0) {
    const first = result[0]!;
    if (first.kind !== 'units') break;
    const units = [...first.units];
    while (units.length > 0 && 'ch' in units[0]! && /\s/u.test(units[0].ch)) units.shift();
    if (units.length > 0) {
      result[0] = { kind: 'units', units };
      break;
    }
    result.shift();
  }
  return result;
}

/**
 * `[@key]` matching a link definition is a link reference to remark but a citation to Pandoc,
 * which never reads a bracket that starts with a key as a link label.
 */
function isCitationLikeReference(node: PhrasingContent): boolean {
  return node.type === 'linkReference' && /^-?@/.test((node.label ?? '').trim()) && node.position !== undefined;
}

const WIKI_LINK_TYPES = new Set(['memo', 'statement', 'speaker', 'event', 'topic']);

/** Reads `statement:id`, `memo-id` and the like; null with a reason for anything else. */
function parseWikiTarget(target: string): RecordRef | string {
  const colon = target.indexOf(':');
  const type = colon === -1 ? 'memo' : target.slice(0, colon).trim();
  const id = colon === -1 ? target : target.slice(colon + 1).trim();
  if (!WIKI_LINK_TYPES.has(type)) {
    return `unknown record type "${type}" in [[${target}]]; use memo, statement, speaker, event or topic`;
  }
  if (!isRecordId(id)) return `"${id}" in [[${target}]] is not a valid ${type} id`;
  return { type, id } as RecordRef;
}

/** Walks one parsed body, rewriting references into nodes and collecting them. */
class ReferenceCollector {
  readonly problems: ReferenceProblem[] = [];

  constructor(
    private readonly source: string,
    private readonly lines: LineIndex,
  ) {}

  /** Rewrites every phrasing parent, children before parents, without recursion (trees can be deep). */
  visit(root: Nodes): void {
    const pending: Array<{ node: Nodes; childrenDone: boolean }> = [{ node: root, childrenDone: false }];
    while (pending.length > 0) {
      const top = pending.pop()!;
      const node = top.node;
      if (!('children' in node) || isAutolink(node, this.source)) continue;
      if (top.childrenDone) {
        if (PHRASING_PARENTS.has(node.type)) this.rewriteChildren(node as Parent & { children: PhrasingContent[] });
        continue;
      }
      pending.push({ node, childrenDone: true });
      for (let i = node.children.length - 1; i >= 0; i--) pending.push({ node: node.children[i] as Nodes, childrenDone: false });
    }
  }

  private rewriteChildren(parent: Parent & { children: PhrasingContent[] }): void {
    // Every citation holds an `@` and every wiki-link a `[`: a parent whose text has neither
    // has nothing to rewrite, and most headings and statements are such.
    if (!parent.children.some((child: PhrasingContent) => (child.type === 'text' ? /[@[]/.test(child.value) : isCitationLikeReference(child)))) return;
    const units: Unit[] = [];
    for (const child of parent.children) {
      // Appended one by one: spreading a long paragraph's units into push() overflows the stack.
      if (child.type === 'text') for (const unit of textUnits(child, this.source)) units.push(unit);
      else if (isCitationLikeReference(child)) for (const unit of this.writtenUnits(child)) units.push(unit);
      else units.push({ node: child, offset: child.position?.start.offset ?? 0 });
    }
    const pieces = scanReferences(units, {
      onTooDeep: (offset) =>
        this.problems.push({
          offset,
          code: 'citation-too-deep',
          message: `citations nested more than ${MAX_CITATION_NESTING} deep are read as text; cite this source outside the brackets around it`,
        }),
    });
    if (pieces.every((piece) => piece.kind === 'units')) return;
    (parent as { children: PhrasingContent[] }).children = this.piecesToNodes(pieces);
  }

  /** The characters a node was written with, for syntax that Pandoc reads differently. */
  private writtenUnits(node: PhrasingContent): Unit[] {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    return textUnits({ type: 'text', value: this.source.slice(start, end), position: node.position! }, this.source);
  }

  private piecesToNodes(pieces: readonly Piece[]): PhrasingContent[] {
    const nodes: PhrasingContent[] = [];
    for (const piece of pieces) {
      if (piece.kind === 'units') for (const node of this.unitsToNodes(piece.units)) nodes.push(node);
      else if (piece.kind === 'cluster') nodes.push(this.clusterNode(piece.cluster));
      else {
        const link = this.wikiLinkNode(piece.link);
        if (link !== null) nodes.push(link);
        else for (const node of this.unitsToNodes(piece.link.units)) nodes.push(node);
      }
    }
    return nodes;
  }

  private unitsToNodes(units: readonly Unit[]): PhrasingContent[] {
    const nodes: PhrasingContent[] = [];
    let run: Array<Extract<Unit, { ch: string }>> = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const first = run[0]!;
      const last = run[run.length - 1]!;
      const start = this.lines.position(first.offset);
      const end = this.lines.position(last.offset + 1);
      let value = '';
      for (const unit of run) value += unit.ch;
      nodes.push({
        type: 'text',
        value,
        position: {
          start: { line: start.line, column: start.column, offset: first.offset },
          end: { line: end.line, column: end.column, offset: last.offset + 1 },
        },
      });
      run = [];
    };
    for (const unit of units) {
      if ('ch' in unit) run.push(unit);
      else {
        flush();
        nodes.push(unit.node);
      }
    }
    flush();
    return nodes;
  }

  private spanPosition(units: readonly Unit[]): CitationNode['position'] {
    const first = units[0];
    const last = units[units.length - 1];
    if (first === undefined || last === undefined) return undefined;
    const endOffset = 'ch' in last ? last.offset + last.ch.length : (last.node.position?.end.offset ?? last.offset);
    return {
      start: { ...this.lines.position(first.offset), offset: first.offset },
      end: { ...this.lines.position(endOffset), offset: endOffset },
    };
  }

  private clusterNode(cluster: ScannedCluster): CitationNode {
    const record = { items: [] as CitationItem[], position: this.lines.position(cluster.offset), sentence: '', sentenceSpans: [] as SentenceSpan[] };
    const items: CitationItemNode[] = [];
    for (const scanned of cluster.items) {
      if (!isCiteKey(scanned.key)) {
        this.problems.push({ offset: cluster.offset, code: 'unknown-cite-key', message: `"${scanned.key}" is not a valid cite key` });
        continue;
      }
      const suffixText = piecesText(scanned.suffix);
      const split = splitLocator(suffixText);
      const [, rest] = splitPieces(scanned.suffix, split.restStart);
      const suffixPieces = trimStartPieces(rest);
      const key = scanned.key;
      const prefix = this.piecesToNodes(scanned.prefix);
      const suffix = this.piecesToNodes(suffixPieces);
      items.push({ key, mode: scanned.mode, prefix, locator: split.locator, label: split.label, suffix });
      record.items.push({
        key,
        mode: scanned.mode,
        prefix: piecesText(scanned.prefix).trim(),
        locator: split.locator,
        label: split.label,
        suffix: piecesText(suffixPieces).trim(),
      });
    }
    const position = this.spanPosition(cluster.units);
    const raw = position ? this.source.slice(position.start.offset, position.end.offset) : unitsText(cluster.units);
    return { type: 'citation', items, raw, index: -1, record, position };
  }

  private wikiLinkNode(link: ScannedWikiLink): WikiLinkNode | null {
    const target = parseWikiTarget(link.target);
    if (typeof target === 'string') {
      this.problems.push({ offset: link.offset, code: 'invalid-wiki-link', message: target });
      return null;
    }
    if (link.embed && target.type !== 'statement') {
      this.problems.push({
        offset: link.offset,
        code: 'invalid-embed',
        message: `only statements can be embedded; write [[${link.target}]] without the "!" to link to it`,
      });
      return null;
    }
    const record = { target, label: link.label, embed: link.embed, position: this.lines.position(link.offset), sentence: '', sentenceSpans: [] as SentenceSpan[] };
    return {
      type: 'wikiLink',
      target,
      label: link.label,
      embed: link.embed,
      raw: unitsText(link.units),
      index: -1,
      record,
      position: this.spanPosition(link.units),
    };
  }
}

/**
 * Finds the citations and wiki-links of a parsed body, rewrites them into nodes in place, and
 * returns them as records. `source` is the whole file the tree was parsed from.
 */
export function extractReferences(tree: Root, source: string, lines: LineIndex = new LineIndex(source)): ExtractedReferences {
  const collector = new ReferenceCollector(source, lines);
  collector.visit(tree);
  assignSentences(tree);
  const { citations, links } = numberInDocumentOrder(tree);
  return { citations, links, problems: collector.problems };
}
