/** A topic's page: broader and narrower topics, what is filed under it, its exports and evidence matrices. */
import type { RecordRef, Topic } from '../model/records.js';
import { refOf } from '../access/index.js';
import { evidenceMatrices } from './evidence-matrix.js';
import type { PageBasics } from './page-basics.js';

/** The data of a topic's page. */
export function topicPage(builder: PageBasics, topic: Topic) {
  const filed = builder.view.backlinks(refOf(topic)).filter((b) => b.via === 'field');
  const of = (type: RecordRef['type']) => builder.links(filed.filter((b) => b.from.type === type && b.field === 'topics').map((b) => b.from));
  return {
    topic,
    broader: topic.broader === null ? null : builder.link({ type: 'topic', id: topic.broader }),
    narrower: builder.links(filed.filter((b) => b.from.type === 'topic' && b.field === 'broader').map((b) => b.from)),
    memos: of('memo'),
    statements: of('statement'),
    sources: of('source'),
    speakers: of('speaker'),
    events: of('event'),
    referencedBy: builder.backlinkItems(refOf(topic), (via) => via !== 'field'),
    exports: builder.exportLinks(`topic:${topic.id}`, { include: 'all' }),
    matrices: evidenceMatrices(builder.view, builder.memosUnderTopic(topic)),
    matrixCsv: builder.linkMode === 'static' ? null : `/api/elements?scope=topic:${encodeURIComponent(topic.id)}`,
  };
}
