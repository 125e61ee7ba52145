/** The static site: `dossier build` writes the pages renderPage renders, the exports and the search shards. Imports any layer below the apps. */
export { writeStaticSite } from './build-site.js';
export { checkOutputFolder, createStagingFolder, removeLeftovers, swapIntoPlace } from './output-folder.js';
export { SiteWriter } from './writer.js';
