/** The home page and the lists of records of one type. */
import type { CorpusRecord, RecordRef } from '../model/records.js';
import { refOf } from '../access/index.js';
import type { Link } from './page-types.js';
import type { PageBasics } from './page-basics.js';

/** The data of the home page: counts, topics, memos and the number of problems. */
export function homePage(builder: PageBasics) {
  const topics = builder.view.topics().map((topic) => ({
    link: builder.link({ type: 'topic', id: topic.id })!,
    count: builder.view.backlinks({ type: 'topic', id: topic.id }).filter((b) => b.via === 'field' && b.from.type !== 'topic').length,
    broader: topic.broader,
  }));
  return {
    counts: {
      memos: builder.view.memos().length,
      statements: builder.view.statements().length,
      speakers: builder.view.speakers().length,
      events: builder.view.events().length,
      topics: builder.view.topics().length,
      sources: builder.view.sources().length,
    },
    topics,
    memos: memoListPage(builder),
    problems: builder.problems().length,
  };
}

/** The memos this reader may see, by title, for the home page and the memo list. */
export function memoListPage(builder: PageBasics) {
  return builder.view
    .memos()
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((memo) => ({ link: builder.link({ type: 'memo', id: memo.id })!, summary: memo.summary, status: memo.status, updated: memo.updated, visibility: memo.visibility }));
}

/** The records of one type this reader may see, by title, each with its one-line detail. */
export function listPage(builder: PageBasics, type: RecordRef['type']): Array<{ link: Link; detail: string | null }> {
  return builder.view
    .all(type)
    .map((record) => ({ link: builder.link(refOf(record))!, detail: listDetail(record) }))
    .sort((a, b) => a.link.title.localeCompare(b.link.title));
}

/** The one line a list shows under each record's title. */
function listDetail(record: CorpusRecord): string | null {
  switch (record.type) {
    case 'memo':
      return record.summary;
    case 'statement':
      return [record.date, record.kind].filter(Boolean).join(' · ');
    case 'speaker':
      return record.roles.map((role) => [role.title, role.organisation].filter(Boolean).join(', ')).join('; ') || null;
    case 'event':
      return [record.date ?? record.start, record.online ? 'online' : record.place].filter(Boolean).join(' · ');
    case 'topic':
      return record.description;
    case 'source':
      return [record.csl.type, record.verification.verified ? 'verified' : 'unverified'].join(' · ');
  }
}
