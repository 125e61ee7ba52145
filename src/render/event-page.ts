/** An event's page: its description, source, statements made there and their speakers. */
import type { CorpusEvent } from '../model/records.js';
import { refOf } from '../access/index.js';
import type { PageBasics } from './page-basics.js';

/** The data of an event's page. */
export function eventPage(builder: PageBasics, event: CorpusEvent) {
  // From the view's index of statements by event, in corpus order: a page asks only for this event's statements, not every statement of the corpus.
  const statements = builder.view.statementsWith('event', event.id);
  const speakers = [...new Set(statements.map((statement) => statement.speaker))];
  return {
    event,
    description: builder.renderBody(`event:${event.id}`, event),
    source: event.source === null ? null : builder.link({ type: 'source', id: event.source }),
    topics: builder.topicLinks(event.topics),
    statements: statements.map((statement) => builder.link(refOf(statement))!),
    speakers: builder.links(speakers.map((id) => ({ type: 'speaker', id }))),
    referencedBy: builder.backlinkItems(refOf(event), (via) => via !== 'field'),
  };
}
