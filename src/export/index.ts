/** The export layer: bibliographies (BibTeX, BibLaTeX, RIS, CSL-JSON, CSL-YAML, formatted), the table of authorities, and what an export covers (scopes). Imports the layers below render/. */
export { EXPORT_FORMATS, findExportFormat } from './formats.js';
export { type ExportScope, type Inclusion, parseScope, resolveScope, ScopeError } from './scopes.js';
