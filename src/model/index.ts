/** The model layer: the typed records, branded ids, diagnostics and sentence spans every other layer shares. Imports nothing of dossier. */
export * from './ids.js';
export * from './diagnostic.js';
export * from './records.js';
export * from './sentence.js';
export * from './record-types.js';
