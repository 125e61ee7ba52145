/** A speaker's page: roles, biography, the timeline of their statements and the memos that use them. */
import type { RecordRef, Speaker } from '../model/records.js';
import { refOf } from '../access/index.js';
import type { PageBasics } from './page-basics.js';

/** The data of a speaker's page. */
export function speakerPage(builder: PageBasics, speaker: Speaker) {
  // From the view's index of statements by speaker (a copy: the index's list is shared): a page asks only for this speaker's statements, not every statement of the corpus.
  const statements = [...builder.view.statementsWith('speaker', speaker.id)].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id));
  const memoIds = new Set<string>();
  for (const ref of [refOf(speaker), ...statements.map(refOf)]) {
    for (const backlink of builder.view.backlinks(ref)) if (backlink.from.type === 'memo') memoIds.add(backlink.from.id);
  }
  return {
    speaker,
    roles: [...speaker.roles].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? '')),
    biography: builder.renderBody(`speaker:${speaker.id}`, speaker),
    topics: builder.topicLinks(speaker.topics),
    timeline: statements.map((statement) => ({
      link: builder.link(refOf(statement))!,
      date: statement.date,
      event: statement.event === null ? null : builder.link({ type: 'event', id: statement.event }),
      role: statement.role,
    })),
    memos: builder.links([...memoIds].map((id) => ({ type: 'memo', id }) as RecordRef)),
  };
}
