/**
 * A guard run before Markdown is parsed: how deeply a line nests block quotes and lists. The
 * Markdown libraries walk their trees recursively, so a file nesting thousands of levels deep
 * would overflow the stack (and take minutes first); such a file is reported, not parsed.
 */

/** More container levels than any memo needs, and far fewer than would strain the parser. */
export const MAX_BLOCK_NESTING = 32;

/** Where a line first nests deeper than the limit, and how deep; null when no line does. */
export interface DeepNesting {
  readonly line: number;
  readonly column: number;
  readonly depth: number;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;

/**
 * The container depth of each line, counted generously: every `>` and list marker at the start of
 * the line, and every two columns of indentation before them (a nested list item's indent).
 */
export function findDeepNesting(text: string, limit: number = MAX_BLOCK_NESTING): DeepNesting | null {
  let lineNumber = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    lineNumber++;
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    let depth = 0;
    let columns = 0;
    let i = lineStart;
    for (; i < lineEnd; i++) {
      const ch = text[i];
      if (ch === ' ') columns += 1;
      else if (ch === '\t') columns += 4;
      else break;
    }
    depth += Math.floor(columns / 2);
    for (;;) {
      if (depth > limit) return { line: lineNumber, column: i - lineStart + 1, depth };
      if (text[i] === '>' && i < lineEnd) {
        depth++;
        i++;
        while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
        continue;
      }
      const marker = LIST_MARKER.exec(text.slice(i, Math.min(lineEnd, i + 16)));
      if (marker === null || i >= lineEnd) break;
      depth++;
      i += marker[0].length;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return null;
}
