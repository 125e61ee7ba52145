/** Content problems are data: each is reported with its place in the file, never thrown. */

/** `info` is listed but never fails a check, not even `check --strict`. */
export type Severity = 'error' | 'warning' | 'info';

/** Every diagnostic code dossier emits, with its severity. Docs and tests refer to these names. */
export const DIAGNOSTIC_CODES = {
  'yaml-syntax': 'error',
  'missing-field': 'error',
  'invalid-field': 'error',
  'unknown-field': 'warning',
  'invalid-date': 'error',
  'invalid-id': 'error',
  'duplicate-id': 'error',
  'duplicate-cite-key': 'error',
  'unsafe-output-path': 'error',
  'unknown-cite-key': 'error',
  'unknown-memo': 'error',
  'unknown-statement': 'error',
  'unknown-speaker': 'error',
  'unknown-event': 'error',
  'unknown-topic': 'error',
  'invalid-wiki-link': 'error',
  'unreadable-entry': 'error',
  'unreadable-file': 'error',
  'unknown-file-type': 'warning',
  'invalid-embed': 'error',
  'citation-too-deep': 'warning',
  'too-deeply-nested': 'error',
  'paragraph-too-large': 'error',
  'file-too-large': 'error',
  'verbatim-mismatch': 'error',
  'missing-archived-text': 'error',
  'orphan-archived-text': 'warning',
  'uncited-source': 'warning',
  'unused-statement': 'warning',
  'memo-without-citation': 'warning',
  'public-links-internal': 'warning',
  'unknown-element': 'error',
  'invalid-evidence': 'error',
  'element-without-evidence': 'warning',
  'uncited-mention': 'warning',
  'missing-source': 'info',
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** A problem in a user's file, at a 1-based line and column. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** For "did you mean …?": the existing ids nearest to the one written, nearest first, for quick fixes. */
  readonly suggestions?: string[];
  /** The text a suggestion replaces (the unknown id as written, at or after the diagnostic's position). */
  readonly replace?: string;
}

/** A place in a corpus file: the path relative to the corpus root and a 1-based line and column. */
export interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Builds a diagnostic whose severity is the one registered for its code. */
export function diagnostic(
  place: Place,
  code: DiagnosticCode,
  message: string,
  fix?: { readonly replace: string; readonly suggestions: string[] },
): Diagnostic {
  const made = { file: place.file, line: place.line, column: place.column, severity: DIAGNOSTIC_CODES[code], code, message };
  return fix === undefined || fix.suggestions.length === 0 ? made : { ...made, suggestions: fix.suggestions, replace: fix.replace };
}

/** Orders diagnostics by file, line, column, then code, as `dossier check` prints them. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
