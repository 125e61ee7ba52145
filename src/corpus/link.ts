/**
 * The link stage: turns the resolved references into backlinks on their targets, reports what
 * nothing refers to, and freezes the result into the Corpus every reader works from.
 */
import { compareDiagnostics, diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { refKey, type Backlink, type Corpus } from '../model/records.js';
import type { ValidatedCorpus } from './validate.js';

/**
 * Freezes a value and everything in it, the outside before the inside, so that a cycle ends where
 * it meets a frozen object. A frozen object met on the way is taken as frozen throughout: records
 * kept from an earlier build are not walked again. (A set of objects seen, kept for every object of
 * ten thousand memos, made this the slowest step of a build.)
 */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (value instanceof Map) {
    for (const item of value.values()) deepFreeze(item);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Links the validated records into a frozen corpus rooted at `root`. */
export function linkCorpus(validated: ValidatedCorpus, root: string): Corpus {
  const diagnostics: Diagnostic[] = [...validated.diagnostics];
  const backlinks = new Map<string, Backlink[]>();
  for (const reference of validated.references) {
    const key = refKey(reference.target);
    const list = backlinks.get(key) ?? [];
    list.push({
      from: reference.from,
      via: reference.via,
      field: reference.field,
      place: reference.place,
      sentence: reference.sentence,
      locator: reference.locator,
      label: reference.label,
    });
    backlinks.set(key, list);
  }

  for (const source of validated.sources.values()) {
    if (!backlinks.has(refKey({ type: 'source', id: source.key }))) {
      diagnostics.push(diagnostic({ file: source.file, ...source.position }, 'uncited-source', `nothing cites @${source.key}`));
    }
  }
  for (const statement of validated.statements.values()) {
    const usedByMemo = (backlinks.get(refKey({ type: 'statement', id: statement.id })) ?? []).some(
      (backlink) => backlink.from.type === 'memo',
    );
    if (!usedByMemo) {
      diagnostics.push(
        diagnostic({ file: statement.file, line: 1, column: 1 }, 'unused-statement', `no memo links to or embeds statement "${statement.id}"`),
      );
    }
  }
  for (const memo of validated.memos.values()) {
    if (memo.citations.length === 0) {
      diagnostics.push(diagnostic({ file: memo.file, line: 1, column: 1 }, 'memo-without-citation', `memo "${memo.id}" cites no source`));
    }
  }
  diagnostics.sort(compareDiagnostics);

  const corpus: Corpus = {
    root,
    memos: validated.memos,
    statements: validated.statements,
    speakers: validated.speakers,
    events: validated.events,
    topics: validated.topics,
    sources: validated.sources,
    elementSets: validated.elementSets,
    backlinks,
    diagnostics,
  };
  return deepFreeze(corpus);
}
