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
import { isCiteKey, isRecordId, type CiteKey } from '../model/ids.js';
import type { CitationCluster, CitationItem, CitationMode, RecordRef, WikiLink } from '../model/records.js';
import { sentenceText, type SentenceSpan } from '../model/sentence.js';

/** One source in a `citation` node, with prefix and suffix kept as inline nodes for rendering. */
export interface CitationItemNode {
  readonly key: CiteKey;
  readonly mode: CitationMode;
  readonly prefix: PhrasingContent[];
  readonly locator: string | null;
  readonly label: string | null;
  readonly suffix: PhrasingContent[];
}

/** A citation cluster in the tree; `index` points into the record's `citations`. */
export interface CitationNode {
  type: 'citation';
  items: CitationItemNode[];
  raw: string;
  /** Position in the record's `citations`, in document order. */
  index: number;
  /** What the record's `citations` holds for this cluster. */
  record: MutableCluster;
  position?: Parent['position'];
}

/** A wiki-link or embed in the tree; `index` points into the record's `links`. */
export interface WikiLinkNode {
  type: 'wikiLink';
  target: RecordRef;
  label: string | null;
  embed: boolean;
  raw: string;
  /** Position in the record's `links`, in document order. */
  index: number;
  record: MutableWikiLink;
  position?: Parent['position'];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: CitationNode;
    wikiLink: WikiLinkNode;
  }
  interface RootContentMap {
    citation: CitationNode;
    wikiLink: WikiLinkNode;
  }
}

type MutableCluster = Omit<CitationCluster, 'sentence' | 'sentenceSpans'> & { sentence: string; sentenceSpans: SentenceSpan[] };
type MutableWikiLink = Omit<WikiLink, 'sentence' | 'sentenceSpans'> & { sentence: string; sentenceSpans: SentenceSpan[] };

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
      nodes.push({
        type: 'text',
        value: run.map((unit) => unit.ch).join(''),
        position: {
          start: { ...this.lines.position(first.offset), offset: first.offset },
          end: { ...this.lines.position(last.offset + 1), offset: last.offset + 1 },
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
      const key = scanned.key as CiteKey;
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

const SENTENCE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
/** The word an author-in-text citation is replaced with while sentences are split. */
const STAND_IN = 'Dossiercitationq';
const STAND_IN_PATTERN = /Dossiercitationq([a-z]+)/gu;
/** Abbreviations after which a full stop does not end a sentence in legal writing. */
const ABBREVIATIONS = new Set(
  [
    'p', 'pp', 'para', 'paras', 'art', 'arts', 'no', 'nos', 'v', 'vs', 'e.g', 'i.e', 'cf', 'mr', 'ms', 'mrs', 'dr',
    'prof', 'st', 'u.n', 'u.s', 'u.k', 'inc', 'ltd', 'co', 'ch', 'chap', 'sec', 'secs', 'vol', 'vols', 'ed', 'eds',
    'op', 'cit', 'doc', 'res', 'rev', 'add', 'corr', 'supp', 'rep', 'al', 'n', 'nn', 'fn', 'fig', 'approx', 'ibid',
    'id', 'seq', 'sq', 'jr', 'sr', 'gen', 'amb', 'hon', 'judg', 'ord', 'pt', 'sess', 'sup', 'ct', 'cir', 'app',
  ].map((word) => word.toLowerCase()),
);
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function endsWithAbbreviation(segment: string): boolean {
  const match = /(?:^|[\s([])([\p{L}.-]+)\.\s*$/u.exec(segment);
  if (match === null) return false;
  const word = match[1]!.toLowerCase();
  const lastPart = word.split(/[.-]/u).pop() ?? '';
  // An initial (`G.`, `J.-M.`) or a known abbreviation.
  return ABBREVIATIONS.has(word) || /^\p{L}$/u.test(lastPart);
}

/** Splits text into sentences, without breaking after `p.`, `Art.`, `No.` or an initial. */
export function splitSentences(text: string): Array<{ text: string; start: number }> {
  const sentences: Array<{ text: string; start: number }> = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const previous = sentences[sentences.length - 1];
    if (previous !== undefined && endsWithAbbreviation(previous.text)) previous.text += segment;
    else sentences.push({ text: segment, start: index });
  }
  return sentences;
}

/** Fills in the sentence of every citation and wiki-link, from the block that holds it. */
function assignSentences(tree: Root): void {
  const pending: Nodes[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (SENTENCE_BLOCKS.has(node.type)) sentencesOfBlock(node as Parent);
    else if ('children' in node) for (const child of node.children) pending.push(child as Nodes);
  }
}

/**
 * The nodes under a root in document order, depth first, with an explicit stack: the depth of a
 * tree is the author's to decide, the depth of the call stack is not. A citation's nested
 * citations are its prefix and suffix nodes, which come before what follows the citation.
 */
function inDocumentOrder(root: Nodes, visit: (node: Nodes) => 'skip' | void): void {
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

/** The sentence among sorted sentences that holds a position: the last that starts before it. */
function sentenceAt(sentences: ReadonlyArray<{ text: string; start: number }>, at: number): { text: string; start: number } | undefined {
  let low = 0;
  let high = sentences.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sentences[middle]!.start < at) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  const candidate = found === -1 ? undefined : sentences[found];
  return candidate !== undefined && at <= candidate.start + candidate.text.length ? candidate : sentences[0];
}

function sentencesOfBlock(block: Parent): void {
  let text = '';
  const authorKeys: string[] = [];
  /** The stretches of `text` that name records: author-in-text stand-ins and unlabelled wiki-links. */
  const naming: Array<{ start: number; end: number; refs: RecordRef[] }> = [];
  const marks: Array<{ at: number; node: CitationNode | WikiLinkNode }> = [];
  inDocumentOrder(block as Nodes, (node) => {
    if (node.type === 'citation') {
      const authors = node.items.filter((item) => item.mode === 'author-in-text').map((item) => item.key);
      // An author-in-text citation is a word of its sentence; a bracketed one ends a stretch of it.
      const at = text.length + (authors.length > 0 ? 1 : 0);
      marks.push({ at, node });
      // Citations nested in a prefix or suffix belong to the same sentence.
      for (const item of node.items) {
        for (const child of [...item.prefix, ...item.suffix]) {
          inDocumentOrder(child as Nodes, (inner) => {
            if (inner.type === 'citation' || inner.type === 'wikiLink') marks.push({ at, node: inner });
          });
        }
      }
      // A bracketed citation leaves the sentence; an author-in-text one stands in it as a
      // capitalised word, so that it can open a sentence.
      if (authors.length > 0) {
        const start = text.length;
        text += `${STAND_IN}${letters(authorKeys.length)}`;
        authorKeys.push(authors.join('; '));
        naming.push({ start, end: text.length, refs: authors.map((key) => ({ type: 'source', id: key })) });
      }
      return 'skip';
    }
    if (node.type === 'wikiLink') {
      marks.push({ at: text.length, node });
      if (!node.embed) {
        // A label is the author's own words; an id names the record.
        const start = text.length;
        text += node.label ?? node.target.id;
        if (node.label === null) naming.push({ start, end: text.length, refs: [node.target] });
      }
      return 'skip';
    }
    if (node.type === 'break') text += ' ';
    // A soft line break inside a paragraph is a space, not the paragraph break ICU would see.
    else if ('value' in node && typeof node.value === 'string' && node.type !== 'html') text += node.value.replace(/[\r\n]/gu, ' ');
    return undefined;
  });
  if (marks.length === 0) return;
  const sentences = splitSentences(text);
  const spansOf = new Map<{ text: string; start: number }, SentenceSpan[]>();
  for (const mark of marks) {
    // A citation at a sentence boundary closes the sentence before it.
    const sentence = sentenceAt(sentences, mark.at);
    let spans = sentence === undefined ? [] : spansOf.get(sentence);
    if (spans === undefined && sentence !== undefined) {
      spans = sentenceSpans(sentence, naming, authorKeys);
      spansOf.set(sentence, spans);
    }
    mark.node.record.sentenceSpans = spans ?? [];
    mark.node.record.sentence = sentenceText(spans ?? []);
  }
}

/** Cuts a sentence into plain spans and the spans that name records, stand-ins written as their keys. */
function sentenceSpans(sentence: { text: string; start: number }, naming: ReadonlyArray<{ start: number; end: number; refs: RecordRef[] }>, authorKeys: readonly string[]): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const end = sentence.start + sentence.text.length;
  let at = sentence.start;
  const plain = (to: number): void => {
    if (to > at) spans.push({ text: sentence.text.slice(at - sentence.start, to - sentence.start).replace(STAND_IN_PATTERN, (_, index: string) => authorKeys[fromLetters(index)] ?? '') });
  };
  for (const name of naming) {
    if (name.end <= sentence.start || name.start >= end) continue;
    const start = Math.max(name.start, sentence.start);
    plain(start);
    const stop = Math.min(name.end, end);
    const written = sentence.text.slice(start - sentence.start, stop - sentence.start).replace(STAND_IN_PATTERN, (_, index: string) => authorKeys[fromLetters(index)] ?? '');
    spans.push({ text: written, refs: name.refs });
    at = stop;
  }
  plain(end);
  return spans;
}

/** 0 → a, 25 → z, 26 → ba: an index written in letters, so the stand-in stays one word. */
function letters(index: number): string {
  let result = '';
  let rest = index;
  do {
    result = String.fromCharCode(97 + (rest % 26)) + result;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return result;
}

function fromLetters(text: string): number {
  return [...text].reduce((value, ch) => value * 26 + ch.charCodeAt(0) - 97, 0);
}

/**
 * Numbers citations and wiki-links in document order, as Pandoc lists them: a cluster comes
 * before the clusters nested in its prefix or suffix.
 */
function numberInDocumentOrder(tree: Root): { citations: CitationCluster[]; links: WikiLink[] } {
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
