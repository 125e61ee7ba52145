/** Branded identifiers: a statement id can never be passed where a cite key is expected. */
declare const brand: unique symbol;

/** A string that has passed the guard for the brand B. */
export type Brand<B extends string> = string & { readonly [brand]: B };

export type MemoId = Brand<'MemoId'>;
export type StatementId = Brand<'StatementId'>;
export type SpeakerId = Brand<'SpeakerId'>;
export type EventId = Brand<'EventId'>;
export type TopicId = Brand<'TopicId'>;
export type CiteKey = Brand<'CiteKey'>;

/** Record ids are file-name-like: they appear in URLs and file names, so they stay plain. */
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Cite keys follow Pandoc: anything without whitespace or braces, as long as it is not empty. */
const CITE_KEY = /^[^\s{}]{1,256}$/u;

/** True when the string may serve as the id of a memo, statement, speaker, event or topic. */
export function isRecordId(value: string): boolean {
  return RECORD_ID.test(value) && !value.includes('..');
}

/** True when the string may serve as a citation key; narrows it to a CiteKey. */
export function isCiteKey(value: string): value is CiteKey {
  return CITE_KEY.test(value);
}

/** True when the string may serve as a memo id; narrows it to a MemoId. */
export function isMemoId(value: string): value is MemoId {
  return isRecordId(value);
}
/** True when the string may serve as a statement id; narrows it to a StatementId. */
export function isStatementId(value: string): value is StatementId {
  return isRecordId(value);
}
/** True when the string may serve as a speaker id; narrows it to a SpeakerId. */
export function isSpeakerId(value: string): value is SpeakerId {
  return isRecordId(value);
}
/** True when the string may serve as an event id; narrows it to an EventId. */
export function isEventId(value: string): value is EventId {
  return isRecordId(value);
}
/** True when the string may serve as a topic id; narrows it to a TopicId. */
export function isTopicId(value: string): value is TopicId {
  return isRecordId(value);
}

function guard<T extends string>(kind: string, test: (value: string) => boolean) {
  return (value: string): T => {
    if (!test(value)) {
      throw new TypeError(
        `${JSON.stringify(value)} is not a valid ${kind}; check it with the matching is…() guard before branding it`,
      );
    }
    return value as T;
  };
}

/** Brands a checked string as a memo id; throws a TypeError for an invalid one. */
export const memoId = guard<MemoId>('memo id', isRecordId);
/** Brands a checked string as a statement id; throws a TypeError for an invalid one. */
export const statementId = guard<StatementId>('statement id', isRecordId);
/** Brands a checked string as a speaker id; throws a TypeError for an invalid one. */
export const speakerId = guard<SpeakerId>('speaker id', isRecordId);
/** Brands a checked string as an event id; throws a TypeError for an invalid one. */
export const eventId = guard<EventId>('event id', isRecordId);
/** Brands a checked string as a topic id; throws a TypeError for an invalid one. */
export const topicId = guard<TopicId>('topic id', isRecordId);
/** Brands a checked string as a cite key; throws a TypeError for an invalid one. */
export const citeKey = guard<CiteKey>('cite key', isCiteKey);

/**
 * Which of `buckets` groups a name (a record's key, a file's path) falls in: its FNV-1a hash, so
 * that the same name always lands in the same group and names spread evenly over them. Used to
 * spread records over a fixed number of files (the parse cache's parts, the graph's neighbourhood
 * files), so that one edit rewrites one file of them.
 */
export function nameBucket(name: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % buckets;
}
