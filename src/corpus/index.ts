/** The corpus layer: the stages load (the only file-system reads) → parse → validate → link, wired by pipeline.ts, with the parse cache and the citations library (corpus/citations/). Imports model/, syntax/ and detect/. */
export { appliesTo, BIBLATEX_FIELDS, getCslValue } from './citations/biblatex-fields.js';
export { CITATION_STYLES, CitationFormatter, type CitationStyle, DEFAULT_STYLE_ID, findStyle, type FormattedDocument } from './citations/format.js';
export { readStyleFile } from './citations/style-files.js';
export { type LastGoodTexts } from './last-good.js';
export { unreferencedDiagnostics } from './link.js';
export { kindOfPath, KnownTexts, loadCorpusFiles, type LoadedFiles, type RawFile } from './load.js';
export { bodyTree, ParseCache } from './parse.js';
export { buildCorpus, buildCorpusFromFiles, rebuildCorpus } from './pipeline.js';
export { isRunning, removeAbandonedTemporaryFiles, writePrivateFile } from './private-files.js';
export { corpusToJson, diagnosticCounts, findRecords, type RecordReader, recordToJson } from './serialize.js';
export { watchCorpus } from './watch.js';
