/** Route parameters are checked at the edge: a malformed id is a 400, an unknown one a 404. */
import type { Request } from 'express';
import { isCiteKey, isRecordId } from '../../model/ids.js';
import type { RecordRef } from '../../model/records.js';
import type { CorpusView } from '../../access/index.js';
import { HttpError } from '../middleware/errors.js';

const NAMES: Readonly<Record<RecordRef['type'], string>> = {
  memo: 'memo',
  statement: 'statement',
  speaker: 'speaker',
  event: 'event',
  topic: 'topic',
  source: 'source',
};

/** The record a request's `:id` names, or an HttpError for the error handler. */
export function recordFromParams<T extends RecordRef['type']>(req: Request, view: CorpusView, type: T) {
  const id = String(req.params.id ?? '');
  const valid = type === 'source' ? isCiteKey(id) : isRecordId(id);
  if (!valid) throw new HttpError(400, `"${id.slice(0, 80)}" is not a valid ${NAMES[type]} id.`);
  const record = view.get({ type, id } as RecordRef);
  if (record === undefined) throw new HttpError(404, `There is no ${NAMES[type]} "${id}".`);
  return record as Extract<NonNullable<ReturnType<CorpusView['get']>>, { type: T }>;
}
