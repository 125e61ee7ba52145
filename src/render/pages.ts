/**
 * The data of every page, built from a CorpusView in one citation style. Templates only lay it
 * out: every string here is plain text that the template engine escapes, except the fields named
 * `…Html`, which are sanitised here. Each page is built in a file of its own (memo-page.ts,
 * source-page.ts, …) from the shared parts in page-basics.ts; PageBuilder puts them together.
 */
import type { CorpusEvent, Memo, RecordRef, Source, Speaker, Statement, Topic } from '../model/records.js';
import { PageBasics } from './page-basics.js';
import type { Link } from './page-types.js';
import { homePage, listPage, memoListPage } from './list-pages.js';
import { memoPage } from './memo-page.js';
import { sourcePage } from './source-page.js';
import { statementPage } from './statement-page.js';
import { speakerPage } from './speaker-page.js';
import { eventPage } from './event-page.js';
import { topicPage } from './topic-page.js';
import { describePinpoint, escapeHtml, sentenceHtml, sentencePlain } from './sentences.js';

export type { BacklinkItem, BibliographyItem, Link, NoteItem, RenderedBody } from './page-types.js';
export { RELATED_STATEMENTS_SHOWN } from './statement-page.js';
export { STATIC_MEMO_EXPORT_FORMAT_IDS, staticExportFormats, staticExportName } from './static-exports.js';
export { anchoredDiagnostics, problemAnchor } from './problem-anchors.js';

/** Builds page data for one reader and one citation style. */
export class PageBuilder extends PageBasics {
  home() {
    return homePage(this);
  }

  memoList() {
    return memoListPage(this);
  }

  memo(memo: Memo) {
    return memoPage(this, memo);
  }

  source(source: Source) {
    return sourcePage(this, source);
  }

  statement(statement: Statement) {
    return statementPage(this, statement);
  }

  speaker(speaker: Speaker) {
    return speakerPage(this, speaker);
  }

  event(event: CorpusEvent) {
    return eventPage(this, event);
  }

  topic(topic: Topic) {
    return topicPage(this, topic);
  }

  list(type: RecordRef['type']): Array<{ link: Link; detail: string | null }> {
    return listPage(this, type);
  }
}

export { describePinpoint, escapeHtml, sentenceHtml, sentencePlain };
export type { Memo, Source, Statement, Speaker, CorpusEvent, Topic };
