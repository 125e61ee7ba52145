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

/** The formats of each memo a static site holds (every format would be most of its size); the library has all. */
export const STATIC_MEMO_EXPORT_FORMAT_IDS: readonly string[] = ['bibtex', 'ris', 'csl-json'];

/**
 * The formats of each topic a static site holds: CSL-JSON alone, which reference managers import.
 * A topic's bibliography holds most of the library, so three formats for each of fifty topics
 * were a twentieth of a 1,000-memo site; the library itself is there in every format.
 */
export const STATIC_TOPIC_EXPORT_FORMAT_IDS: readonly string[] = ['csl-json'];

/** The export formats `dossier build` writes for a scope. */
export function staticExportFormats(scope: string): typeof EXPORT_FORMATS {
  if (scope === 'all') return EXPORT_FORMATS;
  const ids = scope.startsWith('topic:') ? STATIC_TOPIC_EXPORT_FORMAT_IDS : STATIC_MEMO_EXPORT_FORMAT_IDS;
  return EXPORT_FORMATS.filter((format) => ids.includes(format.id));
}
