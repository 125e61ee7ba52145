/** Building the corpus "with the hidden records deleted" that an anonymous view must equal. */
import type { Express } from 'express';
import type { Corpus, RecordRef } from '../../src/model/records.js';
import { refKey } from '../../src/model/records.js';
import { createApp } from '../../src/server/app.js';
import { openSearchIndex } from '../../src/search/index.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';

/** Every internal record of a corpus, by reference. */
export function internalRefs(corpus: Corpus): RecordRef[] {
  const refs: RecordRef[] = [];
  for (const map of [corpus.memos, corpus.statements, corpus.speakers, corpus.events] as const) {
    for (const record of map.values()) if (record.visibility === 'internal') refs.push({ type: record.type, id: record.id } as RecordRef);
  }
  for (const source of corpus.sources.values()) if (source.visibility === 'internal') refs.push({ type: 'source', id: source.key });
  return refs;
}

/**
 * The corpus without the problems its deletion made: a public record that referred to a deleted
 * one now refers to nothing (`unknown-*`), the counterpart of the `public-links-internal` warning
 * the corpus with hidden records gives, which the issue excepts from the comparison.
 */
export function withoutDeletionProblems(corpus: Corpus, deleted: readonly RecordRef[]): Corpus {
  const gone = new Set(deleted.map(refKey));
  const diagnostics = corpus.diagnostics.filter(
    (found) => !(found.code.startsWith('unknown-') && (corpus.diagnosticSubjects.get(found) ?? []).some((ref) => gone.has(refKey(ref)))),
  );
  return { ...corpus, diagnostics };
}

/** An app over a corpus with its search index built in memory. */
export async function appOver(corpus: Corpus): Promise<Express> {
  const { index } = await openSearchIndex(corpus, { cacheDir: null, workers: 0 });
  return createApp({ corpus, search: new MutableSearchHandle(index) });
}
