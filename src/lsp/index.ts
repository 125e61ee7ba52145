/** The language server for editors: diagnostics, completion and hovers over a workspace. Imports any layer below the apps. */
export { runLanguageServer } from './server.js';
