/**
 * Bounds on the work one Markdown file may cause, checked before the Markdown parser runs and on
 * the tree it returns. micromark resolves each paragraph's inline content as a whole, and its
 * resolvers grow faster than the paragraph: measured on one paragraph, 50,000 citations (1.2 MB)
 * took 72 s, 2,000 nested emphasis pairs (12 kB) 15 s, 8,000 nested links (56 kB) 30 s. A file
 * beyond these bounds is reported with where and what to change, never parsed, so the rest of the
 * corpus loads in time. The bounds are far above any memo (see MARKDOWN_BOUNDS).
 */
import type { Root } from 'mdast';

/**
 * Per paragraph (a run of non-blank lines: every Markdown paragraph lies inside one, so the counts
 * bound micromark's from above). At these sizes one paragraph parses in about a second at worst.
 */
export const MARKDOWN_BOUNDS = {
  /** Characters in one paragraph: a long memo paragraph is 3,000; a page of a judgment 5,000. */
  paragraphCharacters: 50_000,
  /** Runs of `*`, `_` or `~` (each may open or close emphasis) in one paragraph. */
  emphasisRuns: 1_000,
  /** `[` in one paragraph: each citation, link or footnote reference has one. */
  openBrackets: 2_000,
  /** Runs of emphasis markers in the whole file: each costs micromark about a millisecond. */
  fileEmphasisRuns: 10_000,
  /** `[` in the whole file: 10,000 citations take some seconds to read. */
  fileOpenBrackets: 10_000,
  /** Inline nodes inside one another (emphasis in a link in emphasis…), which the renderers walk recursively. */
  inlineNesting: 32,
} as const;

/** The first place where a file passes a bound, and a message saying which and what to do. */
export interface MarkdownBoundExceeded {
  /** Whether one paragraph or the file as a whole is too large. */
  readonly code: 'paragraph-too-large' | 'file-too-large';
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Where a closed YAML frontmatter block (as remark-frontmatter reads it) ends: the offset and line after its closing fence. */
function frontmatterEnd(text: string): { offset: number; line: number } | null {
  if (!FENCE.test(text.slice(0, text.indexOf('\n') + 1 || text.length))) return null;
  let line = 1;
  let lineStart = text.indexOf('\n') + 1;
  while (lineStart > 0 && lineStart < text.length) {
    line++;
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    if (FENCE.test(text.slice(lineStart, lineEnd))) return { offset: lineEnd, line: line + 1 };
    lineStart = newline + 1;
  }
  return null;
}

const FENCE = /^---[ \t]*\r?\n?$/;

const EMPHASIS_RUNS = (bound: number): string => `more than ${bound.toLocaleString('en-GB')} runs of emphasis markers (*, _ or ~)`;
const OPEN_BRACKETS = (bound: number): string => `more than ${bound.toLocaleString('en-GB')} opening brackets "[" (citations, links, footnotes)`;


/** Sizes in the message as a reader says them: "1.7 MB", "52,000 characters". */
function sizeInWords(characters: number): string {
  if (characters >= 1_000_000) return `${(characters / 1_000_000).toFixed(1)} MB`;
  return `${characters.toLocaleString('en-GB')} characters`;
}

/**
 * Scans the text once, paragraph by paragraph, and returns the first paragraph that is too long or
 * holds too many emphasis runs or brackets, or the place where the file as a whole passes its
 * bounds on them; null when the file is within every bound.
 */
export function findOversizedParagraph(text: string, bounds: typeof MARKDOWN_BOUNDS = MARKDOWN_BOUNDS): MarkdownBoundExceeded | null {
  // The frontmatter is read by the YAML parser, which has bounds of its own; scanning starts after it.
  const frontmatter = frontmatterEnd(text);
  const start = frontmatter?.offset ?? 0;
  let lineNumber = frontmatter?.line ?? 1;
  let lineStart = start;
  // The paragraph being measured: where it starts, and its counts so far.
  let paragraphLine = 0;
  let paragraphStart = -1;
  let emphasisRuns = 0;
  let openBrackets = 0;
  let fileEmphasisRuns = 0;
  let fileOpenBrackets = 0;
  let previous = '';
  for (let i = start; i <= text.length; i++) {
    const ch = i < text.length ? text[i]! : '\n';
    if (ch === '\n') {
      const blank = paragraphStart === -1;
      // A blank line ends a paragraph, and so does a line of only `-` or `=` (a setext underline,
      // a thematic break or the frontmatter's fence: none can continue a paragraph).
      if (blank || isBlankLine(text, lineStart, i) || isUnderline(text, lineStart, i)) {
        if (!blank) {
          const length = lineStart - 1 - paragraphStart; // up to the newline that ended its last line
          if (length > bounds.paragraphCharacters) return tooLong(length);
        }
        paragraphStart = -1;
      }
      lineNumber++;
      lineStart = i + 1;
      previous = '';
      continue;
    }
    if (paragraphStart === -1) {
      if (ch === ' ' || ch === '\t' || ch === '\r') continue;
      paragraphStart = lineStart;
      paragraphLine = lineNumber;
      emphasisRuns = 0;
      openBrackets = 0;
    }
    // Compared directly rather than looked up in a set: this runs for every character of every file.
    if ((ch === '*' || ch === '_' || ch === '~') && ch !== previous) {
      emphasisRuns++;
      fileEmphasisRuns++;
      if (emphasisRuns > bounds.emphasisRuns) return tooMany(i, EMPHASIS_RUNS(bounds.emphasisRuns));
      if (fileEmphasisRuns > bounds.fileEmphasisRuns) return tooManyInFile(i, EMPHASIS_RUNS(bounds.fileEmphasisRuns));
    } else if (ch === '[') {
      openBrackets++;
      fileOpenBrackets++;
      if (openBrackets > bounds.openBrackets) return tooMany(i, OPEN_BRACKETS(bounds.openBrackets));
      if (fileOpenBrackets > bounds.fileOpenBrackets) return tooManyInFile(i, OPEN_BRACKETS(bounds.fileOpenBrackets));
    }
    previous = ch;
  }
  const last = paragraphStart === -1 ? 0 : text.length - paragraphStart;
  return last > bounds.paragraphCharacters ? tooLong(last) : null;

  function tooLong(length: number): MarkdownBoundExceeded {
    return {
      code: 'paragraph-too-large',
      line: paragraphLine,
      column: 1,
      message:
        `the paragraph that starts here is ${sizeInWords(length)} long; paragraphs over ` +
        `${bounds.paragraphCharacters.toLocaleString('en-GB')} characters cannot be read: split it with blank lines (this file is left out)`,
    };
  }

  function tooMany(offset: number, what: string): MarkdownBoundExceeded {
    return {
      code: 'paragraph-too-large',
      line: lineNumber,
      column: offset - lineStart + 1,
      message: `the paragraph that starts on line ${paragraphLine} has ${what}, too many to read: split it with blank lines or escape the markers with "\\" (this file is left out)`,
    };
  }

  function tooManyInFile(offset: number, what: string): MarkdownBoundExceeded {
    return {
      code: 'file-too-large',
      line: lineNumber,
      column: offset - lineStart + 1,
      message: `this file has ${what} by here, too many to read in one file: split it into several memos (this file is left out)`,
    };
  }
}

function isUnderline(text: string, start: number, end: number): boolean {
  return UNDERLINE.test(text.slice(start, Math.min(end, start + 200)));
}

const UNDERLINE = /^ {0,3}(?:-{3,}|={3,})[ \t\r]*$/;

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') return false;
  }
  return true;
}

/** The first inline node nested deeper than the bound, with its depth; null when none is. */
export function findDeepInlineNesting(tree: Root, limit: number = MARKDOWN_BOUNDS.inlineNesting): { line: number; column: number; depth: number } | null {
  // Depth counts nodes with children below a paragraph-like parent; walked with an explicit stack.
  const stack: Array<{ node: { type: string; children?: unknown[]; position?: Root['position'] }; depth: number }> = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > limit) {
      const start = node.position?.start;
      return { line: start?.line ?? 1, column: start?.column ?? 1, depth };
    }
    if (!Array.isArray(node.children)) continue;
    const inline = depth > 0 || INLINE_CONTAINERS.has(node.type);
    for (const child of node.children as Array<typeof node>) {
      stack.push({ node: child, depth: inline && Array.isArray(child.children) ? depth + 1 : 0 });
    }
  }
  return null;
}

/** The block nodes whose children are inline content: nesting is counted from them down. */
const INLINE_CONTAINERS = new Set(['paragraph', 'heading', 'tableCell']);
