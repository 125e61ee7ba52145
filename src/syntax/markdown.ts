/** The one unified processor dossier parses Markdown with: CommonMark, GFM and YAML frontmatter. */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { setFlagsFromString } from 'node:v8';

/**
 * mdast-util-from-markdown makes its compiler afresh for every text it parses: a function named
 * `compiler` that builds a table of a hundred handlers. Called once per file, it soon counts as hot,
 * and V8's optimizing compiler then spent 0.7–0.9 s of a core on it in each thread that parses, for
 * a function that runs once per file (traced with --trace-opt). Measured on a cold build of 1,000 memos: 1.5 s
 * less CPU and a corpus stage 0.35 s shorter (three alternating pairs). The setting is V8's, for the
 * whole process and its worker threads: no function named exactly `compiler` is optimized by
 * TurboFan; everything else is as before.
 */
setFlagsFromString('--turbo-filter=-compiler');

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/**
 * The same processor without GFM, for texts in which no GFM construct can occur: it gives the
 * very same tree. GFM's autolink literals try to start an e-mail address at every word, which
 * made GFM cost more than the rest of the parse together; most memos hold no GFM at all.
 */
const processorWithoutGfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

/**
 * What each GFM construct needs, as written: strikethrough's `~`; a footnote's `[^`; a task list
 * item's `[ ]` or `[x]`; a table's delimiter row, a line of `-` with `|` or `:` (`a` over `:-` is a
 * table without a pipe), after the `>` and list markers of its containers. A `|` alone, as in a
 * wiki-link's label, makes no table.
 */
const GFM_MARKERS = /~|\[[ \t\r\n]*\^|\[[ \t\r\nxX]\]|^(?=[^\n]*-)(?=[^\n]*[|:])[ \t\r>*+0-9.)|:-]*$/m;
/**
 * A character reference could be decoded into an address or a URL that the autolink literal
 * transform of the tree would then find (it reads text values, not the source).
 */
const CHARACTER_REFERENCE = /&(?:#|[A-Za-z])/;
/** A backslash escaping ASCII punctuation: the value keeps the character, not the backslash. */
const ESCAPE_BACKSLASH = /\\(?=[!-/:-@[-`{-~])/g;
/**
 * Autolink literals: an address (`name@` and a domain with a dot, also after `mailto:` and
 * `xmpp:`; `[-@key]` is none), `http://`, `https://` or `www.`.
 */
const AUTOLINK_LITERAL = /[-.\w+]@[-\w]*\.|https?:\/\/|www\./i;

/**
 * Whether GFM could read anything in a text; false only when no GFM construct can start in it,
 * so that parsing it without GFM gives the same tree.
 */
export function mayHoldGfmSyntax(text: string): boolean {
  if (GFM_MARKERS.test(text) || CHARACTER_REFERENCE.test(text)) return true;
  // Checked with escapes taken out, as the text values the autolink transform reads have them.
  return AUTOLINK_LITERAL.test(text.includes('\\') ? text.replace(ESCAPE_BACKSLASH, '') : text);
}

/** Parses Markdown (with optional frontmatter) into an mdast tree with positions. */
export function parseMarkdown(text: string): Root {
  const chosen = mayHoldGfmSyntax(text) ? processor : processorWithoutGfm;
  return chosen.runSync(chosen.parse(text)) as Root;
}

/** Parses Markdown with GFM always on: the reference the GFM-free path is checked against. */
export function parseMarkdownWithGfm(text: string): Root {
  return processor.runSync(processor.parse(text)) as Root;
}
