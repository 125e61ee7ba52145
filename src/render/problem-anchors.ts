/** The anchors of the Problems page's rows, which pages link to. */
import type { Diagnostic } from '../model/diagnostic.js';

/** The id of the Problems page row for the first problem at a line of a file. */
export function problemAnchor(file: string, line: number): string {
  return `at-${file.replace(/[^A-Za-z0-9_-]+/g, '-')}-${line}`;
}

/** Diagnostics with the anchor of the first one at each line, for links from pages to them. */
export function anchoredDiagnostics(diagnostics: readonly Diagnostic[]): Array<Diagnostic & { anchor: string | null }> {
  const seen = new Set<string>();
  return diagnostics.map((diagnostic) => {
    const anchor = problemAnchor(diagnostic.file, diagnostic.line);
    const first = !seen.has(anchor);
    seen.add(anchor);
    return { ...diagnostic, anchor: first ? anchor : null };
  });
}
