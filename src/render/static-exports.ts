/** Which bibliography exports `dossier build` writes for a static site, and under what names. */
import { EXPORT_FORMATS } from '../export/formats.js';

/**
 * The file name (without format and ending) under which `dossier build` writes the export of a
 * scope, or null for scopes a static site cannot hold (a search, a selection).
 */
export function staticExportName(scope: string, extra: Record<string, string> = {}): string | null {
  if (scope === 'all') return 'library';
  const [kind, id] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
  if (kind === 'memo') return extra.linked === '1' ? `${id}-with-linked` : id;
  if (kind === 'topic') return `topic-${id}`;
  return null;
}

/** The formats of each memo and topic a static site holds (every format would be most of its size); the library has all. */
export const STATIC_MEMO_EXPORT_FORMAT_IDS: readonly string[] = ['bibtex', 'ris', 'csl-json'];

/** The export formats `dossier build` writes for a scope. */
export function staticExportFormats(scope: string): typeof EXPORT_FORMATS {
  return scope === 'all' ? EXPORT_FORMATS : EXPORT_FORMATS.filter((format) => STATIC_MEMO_EXPORT_FORMAT_IDS.includes(format.id));
}
