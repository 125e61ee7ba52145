/**
 * A sentence shown away from its page (a cited-by entry, a reasoning in the evidence matrix), as
 * escaped HTML or plain text built from its spans, and a pinpoint as a reader writes it.
 */
import type { CorpusRecord, RecordRef } from '../model/records.js';
import { tidySentence, type SentenceSpan } from '../model/sentence.js';
import { recordPath, type CorpusView } from '../access/index.js';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';

const LABEL_WORDS: Readonly<Record<string, [string, string]>> = {
  page: ['p.', 'pp.'],
  paragraph: ['para.', 'paras.'],
  article: ['art.', 'arts.'],
  section: ['§', '§§'],
  chapter: ['ch.', 'chs.'],
  note: ['n.', 'nn.'],
  principle: ['principle', 'principles'],
  rule: ['rule', 'rules'],
  volume: ['vol.', 'vols.'],
};

/** A pinpoint as a reader writes it: `paras. 510-516`, `art. II`. */
export function describePinpoint(label: string | null, locator: string | null): string | null {
  if (locator === null) return null;
  const plural = /[-–,&]/.test(locator);
  const words = label === null ? undefined : LABEL_WORDS[label];
  const word = words === undefined ? label ?? '' : words[plural ? 1 : 0];
  return `${word} ${locator}`.trim();
}

/** How a record is named where a sentence names it away from its page: its title, or for a
 * source cited author-in-text, its first author. */
function nameInSentence(view: CorpusView, record: CorpusRecord): string {
  if (record.type === 'source') {
    const first = (record.csl.author as Array<{ family?: string; literal?: string }> | undefined)?.[0];
    const author = first?.family ?? first?.literal;
    if (author !== undefined) return author;
  }
  return view.titleOf(record);
}

/** The pieces of a sentence as this reader sees it: plain text, and the records it names (visible ones only). */
function sentencePieces(view: CorpusView, spans: readonly SentenceSpan[]): Array<{ text: string } | { record: CorpusRecord; ref: RecordRef }> {
  const pieces: Array<{ text: string } | { record: CorpusRecord; ref: RecordRef }> = [];
  for (const span of spans) {
    if (span.refs === undefined || span.refs.length === 0) {
      pieces.push({ text: span.text });
      continue;
    }
    const records = span.refs.map((ref) => view.get(ref));
    // A span naming a record this reader may not see is left out, as the reader's text leaves it out.
    if (records.some((record) => record === undefined)) continue;
    span.refs.forEach((ref, index) => {
      if (index > 0) pieces.push({ text: '; ' });
      pieces.push({ record: records[index]!, ref });
    });
  }
  return pieces;
}

/**
 * A sentence shown away from its page, as escaped HTML, built from its spans: a span that names a
 * record shows the record's title (a source its author), linked — never its id. Without spans,
 * the reader's text of it, escaped.
 */
export function sentenceHtml(view: CorpusView, spans: readonly SentenceSpan[] | null, fallback: string): string {
  if (spans === null) return escapeHtml(fallback);
  const nodes = sentencePieces(view, spans).map((piece) =>
    'text' in piece ? piece.text.replace(/\s+/gu, ' ') : h('a', { href: recordPath(piece.ref) }, nameInSentence(view, piece.record)),
  );
  // Tags begin with "<" and hrefs hold no spaces, so only text has a space before punctuation.
  return toHtml(h(null, nodes)).replace(/\s+([.,;:!?)])/gu, '$1').trim();
}

/** The same sentence as plain text (for CSV and other text outputs): names instead of ids. */
export function sentencePlain(view: CorpusView, spans: readonly SentenceSpan[] | null, fallback: string): string {
  if (spans === null) return fallback;
  return tidySentence(sentencePieces(view, spans).map((piece) => ('text' in piece ? piece.text : nameInSentence(view, piece.record))).join(''));
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
