// Prints the relevance set's precision@5 and MRR over the frozen fixture corpus (run after
// `npm run build`; `npm run relevance` does both).
import { readFileSync } from 'node:fs';
import { buildCorpus } from '../dist/corpus/pipeline.js';
import { openSearchIndex } from '../dist/search/index.js';
import { measureRelevance } from '../dist/search/relevance.js';

const set = JSON.parse(readFileSync(new URL('../test/search/relevance-set.json', import.meta.url), 'utf8'));
const corpus = await buildCorpus(new URL('../test/fixtures/corpus-relevance/', import.meta.url).pathname);
const { index } = await openSearchIndex(corpus, { cacheDir: null, workers: 0 });
const { outcomes, precisionAt5, meanReciprocalRank } = measureRelevance(index, set);
for (const outcome of outcomes) {
  const mark = outcome.missing.length === 0 ? 'ok  ' : 'MISS';
  process.stdout.write(`${mark} P@5 ${outcome.precisionAt5.toFixed(2)} RR ${outcome.reciprocalRank.toFixed(2)}  [${outcome.query.bullet}] ${outcome.query.q}${outcome.missing.length > 0 ? `  missing: ${outcome.missing.join(', ')}` : ''}` + "\n");
}
process.stdout.write(`\n${outcomes.length} queries: precision@5 ${precisionAt5.toFixed(3)}, MRR ${meanReciprocalRank.toFixed(3)}` + "\n");
