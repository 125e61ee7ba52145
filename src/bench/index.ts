/** Synthetic corpora for the benchmarks (scripts/bench*.mjs). Imports nothing of dossier. */
export { generateCorpus, type GeneratedCorpus, type GenerateOptions, random } from './generate.js';
