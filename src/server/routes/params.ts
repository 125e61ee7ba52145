/** Route parameters are checked at the edge: a malformed id is a 400, an unknown one a 404. */
import type { Request } from 'express';
import { recordRefOf, type RecordRef } from '../../model/records.js';
import { RECORD_TYPE_NAMES } from '../../model/record-types.js';
import type { CorpusView } from '../../access/index.js';
import { HttpError } from '../middleware/errors.js';

/** The record a request's `:id` names, or an HttpError for the error handler. */
export function recordFromParams<T extends RecordRef['type']>(req: Request, view: CorpusView, type: T) {
  const id = String(req.params.id ?? '');
  const ref = recordRefOf(type, id);
  if (ref === null) throw new HttpError(400, `"${id.slice(0, 80)}" is not a valid ${RECORD_TYPE_NAMES[type].label} id.`);
  const record = view.get(ref);
  if (record === undefined) throw new HttpError(404, `There is no ${RECORD_TYPE_NAMES[type].label} "${id}".`);
  return record as Extract<NonNullable<ReturnType<CorpusView['get']>>, { type: T }>;
}
