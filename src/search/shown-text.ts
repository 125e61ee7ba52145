/**
 * Text the search index shows away from its page (snippets, "cited for" lines): a record a sentence
 * names shows its label or title, never its id, and a citation or link that leaves nothing behind
 * leaves no empty brackets ("the weakest point of the case ()"). Titles are those an anonymous
 * reader may see: a record hidden from such a reader is left out, as the reader's page leaves it out.
 */
import { recordAt, refKey, type Corpus, type RecordRef } from '../model/records.js';
import { tidySentence, type SentenceSpan } from '../model/sentence.js';
import { CorpusView } from '../access/reader-view.js';
import { UNLABELLED_LINK_MARK } from '../syntax/block-text.js';

/** Brackets with nothing (or only separators) left inside, and the space before them. */
function withoutEmptyBrackets(text: string): string {
  const emptied = replacedWithSpaceBefore(text, /[([]\s*(?:[;,]\s*)*[)\]]/g, () => '');
  // A left-out record's separator goes with it: "(a; )" is "(a)", "( ; b)" is "(b)".
  return replacedWithSpaceBefore(emptied, /[;,]\s*([)\]])/g, (match) => match[1]!).replace(/([([])\s*[;,]\s*/gu, '$1');
}

/**
 * What `text.replace(/\s*X/g, …)` gives, for a pattern X that starts with a character other than
 * a space: each match of X with the spaces before it (back to the end of the match before). A
 * pattern that starts with `\s*` is tried at every character of a text, and memo bodies are
 * long; this one is tried only where X can start.
 */
function replacedWithSpaceBefore(text: string, pattern: RegExp, replacement: (match: RegExpExecArray) => string): string {
  let result = '';
  let copied = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    let start = match.index;
    while (start > copied && /\s/.test(text[start - 1]!)) start--;
    result += text.slice(copied, start) + replacement(match);
    copied = match.index + match[0].length;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/**
 * The title an anonymous reader sees for a record, or null when such a reader may not see it; with
 * `reads`, notes the records it was made from (a statement's title names its speaker).
 */
function publicTitle(view: CorpusView, ref: RecordRef, reads?: Set<string>): string | null {
  reads?.add(refKey(ref));
  const record = view.get(ref);
  if (record !== undefined && record.type === 'statement') reads?.add(refKey({ type: 'speaker', id: record.speaker }));
  return record === undefined ? null : view.titleOf(record);
}

const views = new WeakMap<Corpus, CorpusView>();
function publicView(corpus: Corpus): CorpusView {
  let view = views.get(corpus);
  if (view === undefined) {
    view = new CorpusView(corpus, false);
    views.set(corpus, view);
  }
  return view;
}

/** A body's search text with each unlabelled wiki-link's mark replaced by its record's title. */
export function searchBodyText(corpus: Corpus, text: string, reads?: Set<string>): string {
  const view = publicView(corpus);
  const named = text.replace(UNLABELLED_LINK_MARK, (_mark, key: string) => {
    const colon = key.indexOf(':');
    const type = key.slice(0, colon) as RecordRef['type'];
    reads?.add(key);
    const record = recordAt(corpus, type, key.slice(colon + 1));
    return record === undefined ? '' : (publicTitle(view, { type, id: key.slice(colon + 1) } as RecordRef, reads) ?? '');
  });
  // A citation left out leaves its space behind: none before closing punctuation. Neither pattern
  // crosses a line end, so the whole text is done at once (line by line, this was a third of the
  // time a phrase check took to get a memo's text).
  return withoutEmptyBrackets(named).replace(/[ \t]{2,}/g, ' ').replace(/[ \t]+([.,;:!?)])/g, '$1');
}

/** A citing sentence as the search results show it: named records by their titles, never by ids. */
export function searchSentenceText(corpus: Corpus, spans: readonly SentenceSpan[] | null | undefined, fallback: string, reads?: Set<string>): string {
  if (spans === null || spans === undefined) return tidySentence(withoutEmptyBrackets(fallback));
  const view = publicView(corpus);
  const pieces: string[] = [];
  for (const span of spans) {
    if (span.refs === undefined || span.refs.length === 0) {
      pieces.push(span.text);
      continue;
    }
    const titles = span.refs.map((ref) => publicTitle(view, ref, reads));
    // A span naming a record an anonymous reader may not see is left out, as that reader's page leaves it out.
    if (titles.some((title) => title === null)) continue;
    pieces.push(titles.join('; '));
  }
  return tidySentence(withoutEmptyBrackets(pieces.join('')));
}
