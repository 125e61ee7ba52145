export * from './ids.js';
export * from './diagnostic.js';
export * from './records.js';
