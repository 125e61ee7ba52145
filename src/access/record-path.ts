/** Where each record's page lives; the reader's view itself is the access layer's. */
import type { RecordRef } from '../model/records.js';

/** The path of a record's page; the JSON API mirrors it under /api. */
export function recordPath(ref: RecordRef): string {
  const segment = { memo: 'memos', statement: 'statements', speaker: 'speakers', event: 'events', topic: 'topics', source: 'sources' }[ref.type];
  return `/${segment}/${encodeURIComponent(ref.id)}`;
}
