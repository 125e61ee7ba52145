/**
 * A sentence as the link stage keeps it: plain-text spans, some of which name a record (an
 * author-in-text citation stands in its sentence as the cite key; an unlabelled wiki-link as the
 * target's id). Whoever shows a sentence decides per span, by its references, what a reader sees;
 * nothing is ever found by searching the text.
 */
import type { RecordRef, SentenceSpan } from './records.js';

export type { SentenceSpan } from './records.js';

/** The sentence's text with the spans `keep` refuses left out, spaces tidied as the parser tidies them. */
export function sentenceText(spans: readonly SentenceSpan[], keep: (ref: RecordRef) => boolean = () => true): string {
  return tidySentence(
    spans
      .filter((span) => span.refs === undefined || span.refs.every(keep))
      .map((span) => span.text)
      .join(''),
  );
}

/** Spaces collapsed, none before closing punctuation, none at either end. */
export function tidySentence(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/\s+([.,;:!?)])/gu, '$1')
    .trim();
}
