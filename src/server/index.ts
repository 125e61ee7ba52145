/** The server layer: createApp(deps), its routes and middleware, and the holder that swaps corpora. Imports any layer below the apps. */
export { createApp } from './app.js';
export { CorpusHolder, serve } from './holder.js';
export { MutableSearchHandle } from './search-handle.js';
export { ASSETS_DIR, createTemplates } from '../render/templates.js';
