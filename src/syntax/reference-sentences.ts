/** The sentence of every citation and wiki-link, as plain spans and spans that name records. */
import type { Nodes, Parent, Root } from 'mdast';
import type { RecordRef } from '../model/records.js';
import { sentenceText, type SentenceSpan } from '../model/sentence.js';
import type { CitationNode, WikiLinkNode } from './reference-nodes.js';
import { inDocumentOrder } from './reference-order.js';
import { splitSentences } from './sentence-split.js';

const SENTENCE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
/** The word an author-in-text citation is replaced with while sentences are split. */
const STAND_IN = 'Dossiercitationq';
const STAND_IN_PATTERN = /Dossiercitationq([a-z]+)/gu;
/** Fills in the sentence of every citation and wiki-link, from the block that holds it. */
export function assignSentences(tree: Root): void {
  const pending: Nodes[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (SENTENCE_BLOCKS.has(node.type)) sentencesOfBlock(node as Parent);
    else if ('children' in node) for (const child of node.children) pending.push(child as Nodes);
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
