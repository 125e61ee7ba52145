/**
 * One record's page of the static site, rendered through a recording view so that the build knows
 * what it was made from. The build's main thread and its render workers both call this, so a page
 * is the same wherever it was rendered.
 */
import { refKey, type CorpusRecord } from '../model/records.js';
import { renderPage, type PageChrome, type PageTemplates } from '../render/render-page.js';
import { recordPath } from '../access/record-path.js';
import { refOf } from '../access/reader-view.js';
import type { DependencyKey, RecordingCorpusView, RecordingPageBuilder } from './page-dependencies.js';

/** The layout around a static page: no live reload, no reader, no banner. */
export function staticChrome(path: string): PageChrome {
  return { path, live: null, staticSite: true, user: null, rejected: [] };
}

/** Renders a record's page for an anonymous reader; returns it with the questions it asked. */
export function renderRecordPage(view: RecordingCorpusView, builder: RecordingPageBuilder, templates: PageTemplates, record: CorpusRecord): { html: string; asked: DependencyKey[] } {
  view.startRecording();
  try {
    // The page is given its record, not asked for it: its own content is its first question.
    view.note(`r:${refKey(refOf(record))}`);
    const html = renderPage({ kind: 'record', record }, builder, templates, staticChrome(recordPath(refOf(record))));
    return { html, asked: view.stopRecording() };
  } finally {
    view.stopRecording();
  }
}
