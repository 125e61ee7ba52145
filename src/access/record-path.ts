/** Where each record's page lives; the reader's view itself is the access layer's. */
import type { RecordRef } from '../model/records.js';
import { RECORD_TYPE_NAMES } from '../model/record-types.js';

/** The path of a record's page; the JSON API mirrors it under /api. */
export function recordPath(ref: RecordRef): string {
  return `/${RECORD_TYPE_NAMES[ref.type].segment}/${encodeURIComponent(ref.id)}`;
}
