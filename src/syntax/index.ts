/** The syntax layer: text in, trees and spans out. Markdown with dossier's citation and wiki-link syntax, YAML with positions, the line index, LaTeX characters, HTML fragments sanitised. Imports only model/. */
export { findDeepNesting, MAX_BLOCK_NESTING } from './block-nesting.js';
export { headingsText, plainText, proseText } from './block-text.js';
export { ACCENTS, decodeLatex, SPECIAL_CHARACTERS } from './latex-characters.js';
export { splitLocator } from './locator.js';
export { findDeepInlineNesting, findOversizedParagraph, MARKDOWN_BOUNDS } from './markdown-bounds.js';
export { parseMarkdown } from './markdown.js';
export { findQuotation, locateQuotation } from './quotation.js';
export { LineIndex } from './line-index.js';
export { type CitationNode, type ExtractedReferences, extractReferences, type WikiLinkNode } from './references.js';
export { splitSentences } from './sentence-split.js';
export { htmlToHast, SANITIZE_SCHEMA, sanitizeHtmlFragment } from './sanitize.js';
export { didYouMean, nearestIds } from './suggest.js';
export { parseYamlSource, placesOfAllFields, type YamlSource } from './yaml-source.js';
