/**
 * The property of issue 14: for random corpora with random internal records, what an anonymous
 * reader gets — pages, the JSON API, search, exports, the graph and the problems — equals what the
 * same reader gets from the corpus with those records deleted. Record ids are drawn from ordinary
 * words ("immunity", "state"), so a view that hid records by searching text would break sentences.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { CorpusView } from '../../src/access/index.js';
import { recordToJson } from '../../src/corpus/serialize.js';
import { PageBuilder } from '../../src/render/pages.js';
import { buildGraph } from '../../src/render/graph.js';
import { resolveScope, parseScope } from '../../src/export/scopes.js';
import { EXPORT_FORMATS } from '../../src/export/formats.js';
import { openSearchIndex } from '../../src/search/index.js';
import type { Corpus, CorpusRecord, RecordRef } from '../../src/model/records.js';
import { corpusOf } from '../helpers/memory-corpus.js';
import { internalRefs, withoutDeletionProblems } from '../helpers/deleted-corpus.js';

const WORDS = ['state', 'immunity', 'genocide', 'court', 'witness', 'order', 'law', 'group'] as const;
const AUTHORS = ['Robertson', 'David', 'Schabas'] as const;

interface Plan {
  readonly sources: ReadonlyArray<{ author: number; year: number; internal: boolean }>;
  readonly speakers: readonly boolean[];
  readonly statements: ReadonlyArray<{ speaker: number; source: number; internal: boolean }>;
  readonly memos: ReadonlyArray<{ id: number; internal: boolean; sentences: ReadonlyArray<ReadonlyArray<{ kind: number; target: number; word: number }>> }>;
}

const plan: fc.Arbitrary<Plan> = fc.record({
  sources: fc.array(fc.record({ author: fc.nat(2), year: fc.constantFrom(2010, 2011), internal: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  speakers: fc.array(fc.boolean(), { minLength: 1, maxLength: 2 }),
  statements: fc.array(fc.record({ speaker: fc.nat(1), source: fc.nat(3), internal: fc.boolean() }), { maxLength: 3 }),
  memos: fc.uniqueArray(
    fc.record({
      id: fc.nat(WORDS.length - 1),
      internal: fc.boolean(),
      sentences: fc.array(fc.array(fc.record({ kind: fc.nat(6), target: fc.nat(3), word: fc.nat(WORDS.length - 1) }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 4, selector: (memo) => memo.id },
  ),
});

/** The files of a planned corpus, each record in a file of its own, with whether it is internal. */
function filesOf(p: Plan): Array<{ path: string; text: string; internal: boolean }> {
  const files: Array<{ path: string; text: string; internal: boolean }> = [
    { path: 'corpus/topics.yaml', text: '- id: law\n  label: Law\n', internal: false },
  ];
  const visibility = (internal: boolean) => (internal ? 'visibility: internal\n' : '');
  p.sources.forEach((source, index) => {
    const custom = source.internal ? '  custom: { visibility: internal, topics: [law] }\n' : '  custom: { topics: [law] }\n';
    const text = `- id: s${index}\n  type: book\n  title: ${WORDS[index]} ${WORDS[(index + 3) % WORDS.length]}\n  author: [{ family: ${AUTHORS[source.author]}, given: A }]\n  issued: { date-parts: [[${source.year}]] }\n${custom}`;
    files.push({ path: `citations/s${index}.yaml`, text, internal: source.internal });
  });
  p.speakers.forEach((internal, index) => {
    files.push({ path: `corpus/speakers/p${index}.md`, text: `---\nname: Person ${WORDS[index]}\n${visibility(internal)}---\nA person.\n`, internal });
  });
  p.statements.forEach((statement, index) => {
    const speaker = statement.speaker % p.speakers.length;
    const source = statement.source % p.sources.length;
    const text = `---\nspeaker: p${speaker}\nkind: paraphrase\nsource: s${source}\ntopics: [law]\n${visibility(statement.internal)}---\nThe ${WORDS[index]} ${WORDS[index + 1]} said so.\n`;
    files.push({ path: `corpus/statements/t${index}.md`, text, internal: statement.internal });
  });
  const memoIds = p.memos.map((memo) => WORDS[memo.id]!);
  p.memos.forEach((memo) => {
    const body = memo.sentences
      .map((parts) => {
        const words = parts.map((part) => {
          const word = WORDS[part.word]!;
          const source = `s${part.target % p.sources.length}`;
          const other = memoIds[part.target % memoIds.length]!;
          switch (part.kind) {
            case 0:
              return `${word} [@${source}, p. ${part.target + 1}]`;
            case 1:
              return `@${source} ${word}`;
            case 2:
              return `${word} [[${other}]]`;
            case 3:
              return `[[${other}|the ${word}]]`;
            case 4:
              return p.statements.length === 0 ? word : `${word} [[statement:t${part.target % p.statements.length}]]`;
            default:
              return word;
          }
        });
        return `${words.join(' ')}.`;
      })
      .join(' ');
    const embed = p.statements.length === 0 ? '' : `\n\n![[statement:t${memo.id % p.statements.length}]]\n`;
    const text = `---\ntitle: On ${WORDS[memo.id]}\ntopics: [law]\n${visibility(memo.internal)}---\n${body}${embed}\n`;
    files.push({ path: `corpus/memos/${WORDS[memo.id]}.md`, text, internal: memo.internal });
  });
  return files;
}

// A note style and an author-date one: the year suffix a hidden source would cause shows in the latter.
const STYLES = ['oscola', 'apa'];

/** Everything an anonymous reader gets from a corpus, as one JSON-able object keyed by what was asked. */
async function anonymousAnswers(corpus: Corpus, asked: { refs: RecordRef[]; words: readonly string[]; scopes: string[] }): Promise<Record<string, unknown>> {
  const view = new CorpusView(corpus, false);
  const answers: Record<string, unknown> = {};
  const pageOf = (builder: PageBuilder, record: CorpusRecord): unknown => {
    switch (record.type) {
      case 'memo':
        return builder.memo(record);
      case 'source':
        return builder.source(record);
      case 'statement':
        return builder.statement(record);
      case 'speaker':
        return builder.speaker(record);
      case 'event':
        return builder.event(record);
      case 'topic':
        return builder.topic(record);
    }
  };
  for (const style of STYLES) {
    const builder = new PageBuilder(view, view.formatter(), style);
    answers[`home ${style}`] = builder.home();
    answers[`problems ${style}`] = builder.problems();
    for (const type of ['memo', 'source', 'statement', 'speaker', 'topic'] as const) answers[`list ${type} ${style}`] = builder.list(type);
    for (const ref of asked.refs) {
      const record = view.get(ref);
      answers[`page ${ref.type}:${ref.id} ${style}`] = record === undefined ? null : pageOf(builder, record);
      answers[`api ${ref.type}:${ref.id} ${style}`] = record === undefined ? null : recordToJson(corpus, record, view.recordReader());
    }
  }
  const { index } = await openSearchIndex(corpus, { cacheDir: null, workers: 0 });
  for (const word of asked.words) answers[`search ${word}`] = index.search({ q: word, includeInternal: false });
  for (const scope of asked.scopes) {
    let resolved: ReturnType<typeof resolveScope>;
    try {
      resolved = resolveScope(view, parseScope(scope), 'all', index);
    } catch (error) {
      answers[`export ${scope}`] = `error: ${(error as Error).message}`;
      continue;
    }
    for (const format of EXPORT_FORMATS) {
      // Only formatted bibliographies differ by style.
      const styles = ['html', 'authorities-text'].includes(format.id) ? STYLES : ['oscola'];
      for (const style of styles) answers[`export ${scope} ${format.id} ${style}`] = format.render(resolved.sources, { formatter: view.formatter(), styleId: style, title: resolved.title });
    }
  }
  answers.graph = buildGraph(view);
  for (const ref of asked.refs) answers[`graph ${ref.type}:${ref.id}`] = view.get(ref) === undefined ? null : buildGraph(view, { focus: ref, depth: 2 });
  // Rendered pages hold records, which hold plain data only: JSON compares them whole.
  return JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;
}

describe('the anonymous view', () => {
  test('equals the view of the same corpus with its internal records deleted', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const files = filesOf(p);
        const full = corpusOf(Object.fromEntries(files.map((file) => [file.path, file.text])));
        const hidden = internalRefs(full);
        const deleted = withoutDeletionProblems(corpusOf(Object.fromEntries(files.filter((file) => !file.internal).map((file) => [file.path, file.text]))), hidden);
        const refs: RecordRef[] = [
          ...[...full.memos.keys()].map((id) => ({ type: 'memo', id }) as RecordRef),
          ...[...full.sources.keys()].map((id) => ({ type: 'source', id }) as RecordRef),
          ...[...full.statements.keys()].map((id) => ({ type: 'statement', id }) as RecordRef),
          ...[...full.speakers.keys()].map((id) => ({ type: 'speaker', id }) as RecordRef),
          { type: 'topic', id: 'law' } as RecordRef,
        ];
        const scopes = ['all', 'topic:law', ...[...full.memos.keys()].map((id) => `memo:${id}`), `keys:${[...full.sources.keys()].join(',')}`, ...WORDS.slice(0, 3).map((word) => `query:${word}`)];
        const asked = { refs, words: [...WORDS, 'person', 'A'], scopes };
        expect(await anonymousAnswers(full, asked)).toEqual(await anonymousAnswers(deleted, asked));
      }),
      { numRuns: 6, interruptAfterTimeLimit: 200_000, markInterruptAsFailure: true },
    );
  }, 300_000);
});
