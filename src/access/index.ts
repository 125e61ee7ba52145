/**
 * The access layer: the reader's view of a linked corpus. What an anonymous or a signed-in reader
 * may see is decided here, by the references the link stage recorded, and nowhere else.
 */
export { CorpusView, refOf } from './reader-view.js';
export { problemsFor, rejectedProblemsFor } from './problems.js';
export { recordPath } from './record-path.js';
