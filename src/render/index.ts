/** The render layer: pages from a reader's view (one renderPage for the server and the static build), the graph, the evidence matrix and the pandoc hand-off. Imports the layers below it. */
export { paragraphAnchor } from './body-anchors.js';
export { CONTENT_SECURITY_POLICY } from './content-security-policy.js';
export { evidenceMatrices, matricesToCsv } from './evidence-matrix.js';
export { buildGraph, GRAPH_TYPES, type GraphFilter, ReaderGraph } from './graph.js';
export { PageBuilder, type RenderedBody, staticExportFormats, staticExportName } from './pages.js';
export { pandocInstalled, runPandocToDocx } from './pandoc-run.js';
export { memoToPandocMarkdown } from './pandoc.js';
export { layoutFields, type PageChrome, type PageRequest, type PageTemplates, renderPage, STATIC_SEARCH_MANIFEST } from './render-page.js';
