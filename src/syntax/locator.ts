/**
 * Splits a Pandoc citation suffix into a CSL locator label, the locator and the rest, following
 * the rules pandoc's citeproc applies: an optional comma, a label (`p.`, `paras.`, `§`…) or none
 * (then a locator that contains a digit is a page), and locator words joined by `,` or `&`, each
 * with a digit or a roman numeral. `{…}` delimits a locator that does not follow those rules.
 */

/**
 * The locator labels dossier recognises, by locator type. The types are CSL's, plus `article` and
 * `principle`, which legal writing needs and citeproc-js (which formats dossier's citations)
 * knows. Data, not logic: add forms here.
 */
export const LOCATOR_LABELS: Readonly<Record<string, readonly string[]>> = {
  page: ['page', 'pages', 'p.', 'pp.', 'p', 'pp'],
  paragraph: ['paragraph', 'paragraphs', 'para.', 'paras.', 'para', 'paras', '¶', '¶¶'],
  article: ['article', 'articles', 'art.', 'arts.', 'art', 'arts'],
  principle: ['principle', 'principles', 'princ.'],
  section: ['section', 'sections', 'sec.', 'secs.', '§', '§§'],
  chapter: ['chapter', 'chapters', 'chap.', 'chaps.', 'ch.', 'chs.'],
  note: ['note', 'notes', 'n.', 'nn.', 'fn.', 'fns.', 'footnote', 'footnotes'],
  volume: ['volume', 'volumes', 'vol.', 'vols.'],
  number: ['number', 'numbers', 'no.', 'nos.'],
  line: ['line', 'lines', 'l.', 'll.'],
  column: ['column', 'columns', 'col.', 'cols.'],
  figure: ['figure', 'figures', 'fig.', 'figs.'],
  folio: ['folio', 'folios', 'fol.', 'fols.'],
  book: ['book', 'books', 'bk.', 'bks.'],
  part: ['part', 'parts', 'pt.', 'pts.'],
  verse: ['verse', 'verses', 'v.', 'vv.'],
  'sub-verbo': ['sub verbo', 'sub verbis', 's.v.', 's.vv.'],
  opus: ['opus', 'opera', 'op.', 'opp.'],
  rule: ['rule', 'rules', 'r.', 'rr.'],
  appendix: ['appendix', 'appendices', 'app.', 'apps.', 'annex', 'annexes'],
  table: ['table', 'tables', 'tbl.', 'tbls.'],
  supplement: ['supplement', 'supplements', 'supp.', 'supps.'],
  issue: ['issue', 'issues'],
};

/** Every written form, longest first, so that `pp.` wins over `p`. */
const LABEL_FORMS: ReadonlyArray<{ form: string; label: string }> = Object.entries(LOCATOR_LABELS)
  .flatMap(([label, forms]) => forms.map((form) => ({ form, label })))
  .sort((a, b) => b.form.length - a.form.length);

export interface SplitSuffix {
  readonly label: string | null;
  readonly locator: string | null;
  /** Where the rest of the suffix starts, as an index into the input. */
  readonly restStart: number;
}

const ROMAN = /^(?=[mdclxvi])m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/i;

/**
 * One locator word: letters, digits, dashes, colons and slashes (`40/61`), with `(…)` or `[…]` parts (`34(1)(a)`,
 * `[17]`) and full stops between parts (`3.2.1`).
 */
const LOCATOR_WORD = /^(?:[\p{L}\p{N}\-–:/]|\([\p{L}\p{N}]+\)|\[[\p{L}\p{N}]+\]|\.(?=[\p{L}\p{N}]))+/u;

function matchWord(text: string, at: number): { word: string; hasDigit: boolean; isRoman: boolean } | null {
  const match = LOCATOR_WORD.exec(text.slice(at));
  if (match === null) return null;
  const word = match[0];
  return { word, hasDigit: /\p{Nd}/u.test(word), isRoman: ROMAN.test(word) };
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/u.test(text[i]!)) i++;
  return i;
}

/** A label form must end at a word boundary unless it ends in a full stop or a sign (`§`, `¶`). */
function labelAt(text: string, at: number): { label: string; end: number } | null {
  const lower = text.slice(at).toLowerCase();
  for (const { form, label } of LABEL_FORMS) {
    if (!lower.startsWith(form)) continue;
    const next = text[at + form.length];
    const endsInLetter = /[\p{L}\p{N}]$/u.test(form);
    if (endsInLetter && next !== undefined && /[\p{L}\p{N}.]/u.test(next)) continue;
    return { label, end: at + form.length };
  }
  return null;
}

/** Splits the plain text of a suffix into label, locator and where the rest begins. */
export function splitLocator(suffix: string): SplitSuffix {
  const none: SplitSuffix = { label: null, locator: null, restStart: 0 };
  let i = 0;
  if (suffix[i] === ',') i++;
  i = skipSpaces(suffix, i);
  if (suffix[i] === '{') return splitDelimitedLocator(suffix, i) ?? none;

  const explicit = labelAt(suffix, i);
  let label = 'page';
  let wordStart = i;
  if (explicit !== null) {
    label = explicit.label;
    wordStart = skipSpaces(suffix, explicit.end);
  }
  const acceptable = (word: { hasDigit: boolean; isRoman: boolean }): boolean =>
    explicit === null ? word.hasDigit : word.hasDigit || word.isRoman;

  const first = matchWord(suffix, wordStart);
  if (first === null || !acceptable(first)) return none;
  let end = wordStart + first.word.length;
  for (;;) {
    let j = end;
    const beforeAmpersand = skipSpaces(suffix, j);
    if (suffix[j] === ',') j++;
    else if (suffix[beforeAmpersand] === '&') j = beforeAmpersand + 1;
    j = skipSpaces(suffix, j);
    if (j === end) break;
    const next = matchWord(suffix, j);
    if (next === null || !acceptable(next)) break;
    end = j + next.word.length;
  }
  return { label, locator: suffix.slice(wordStart, end).trim(), restStart: end };
}

/** `{pp. iv, vi-xi}` or `{Pt. 3, s. 2}`: anything inside balanced braces, with an optional label. */
function splitDelimitedLocator(suffix: string, open: number): SplitSuffix | null {
  let depth = 0;
  for (let i = open; i < suffix.length; i++) {
    if (suffix[i] === '{') depth++;
    else if (suffix[i] === '}') {
      depth--;
      if (depth === 0) {
        const innerStart = skipSpaces(suffix, open + 1);
        const explicit = labelAt(suffix, innerStart);
        const locatorStart = explicit === null ? innerStart : explicit.end;
        const locator = suffix.slice(locatorStart, i).trim();
        // `{}` says "no locator here", so that `{}, 99 years later` keeps its number.
        if (locator === '') return { label: null, locator: null, restStart: i + 1 };
        return { label: explicit?.label ?? 'page', locator, restStart: i + 1 };
      }
    }
  }
  return null;
}
