/**
 * A digest of everything a record holds, for the caches that ask "is this the record I saw
 * before?" (the static build's page questions, the mentions found in a memo).
 */
import { createHash } from 'node:crypto';
import type { CorpusRecord } from '../model/records.js';

const digests = new WeakMap<CorpusRecord, string>();

/**
 * A digest of everything a record holds. A record of a Markdown file (memo, statement, speaker,
 * event) is what the parser makes of that file's path and text (the parse cache rests on the same
 * fact), with at most its visibility taken from its folder's defaults; so its path, type,
 * visibility and text stand for its whole content, and hashing them is several times quicker than
 * serialising the record (whose text is most of it anyway). Whoever compares digests across
 * versions of the parser must add the parser's code to the comparison.
 */
export function recordContentDigest(record: CorpusRecord): string {
  let digest = digests.get(record);
  if (digest !== undefined) return digest;
  if ('fileText' in record && (record.type === 'memo' || record.type === 'statement' || record.type === 'speaker' || record.type === 'event')) {
    digest = createHash('sha1').update(`markdown\u0000${record.type}\u0000${record.file}\u0000${record.visibility}\u0000`).update(record.fileText).digest('base64url');
  } else {
    digest = createHash('sha1').update(JSON.stringify(record)).digest('base64url');
  }
  digests.set(record, digest);
  return digest;
}
