/**
 * Finding a quotation in a source's text, as a reader would: differences of spacing, quotation
 * marks and dashes do not count, nor does the quoting writer's closing punctuation, and `…` or
 * `[...]` mark words left out. `dossier check` uses it to verify verbatim statements; the source
 * page uses it to highlight them in the archived text.
 */

/** One character's folded form; white space is folded by the caller. */
function foldCharacter(ch: string): string {
  if (/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/u.test(ch)) return "'";
  if (/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/u.test(ch)) return '"';
  if (/[\u2010-\u2015\u2212\u2E3A\u2E3B]/u.test(ch)) return '-';
  if (ch === '\u2026') return '...';
  return ch.normalize('NFKC');
}

/** The folded text, and for each of its characters the index of the original it came from. */
export function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  let pendingSpace = false;
  for (const ch of text) {
    if (/\s/u.test(ch)) {
      pendingSpace = folded.length > 0;
    } else {
      if (pendingSpace) {
        folded += ' ';
        origin.push(index);
        pendingSpace = false;
      }
      for (const piece of foldCharacter(ch)) {
        folded += piece;
        origin.push(index);
      }
    }
    index += ch.length;
  }
  return { folded, origin };
}

/** Folds the differences that do not change a quotation: spacing, quotation marks and dashes. */
export function normaliseForQuotation(text: string): string {
  return foldWithMap(text).folded;
}

/** Omission marks in a quotation: the parts around them must appear in order. */
const OMISSION = /\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*\u2026\s*\]|\.\.\.|\u2026)\s*/u;

/** The parts of a quotation to look for, folded, without the closing punctuation of each. */
function quotationParts(quotation: string): string[] {
  return quotation
    .split(OMISSION)
    .map((part) => normaliseForQuotation(part).replace(/[.,;:]+$/u, ''))
    .filter((part) => part !== '');
}

/**
 * Where each part of a quotation stands in a text, as [start, end) ranges of the original text,
 * or null when some part is not there.
 */
export function locateQuotation(quotation: string, text: string): Array<[number, number]> | null {
  const { folded, origin } = foldWithMap(text);
  const ranges: Array<[number, number]> = [];
  let from = 0;
  for (const part of quotationParts(quotation)) {
    const at = folded.indexOf(part, from);
    if (at === -1) return null;
    const last = origin[at + part.length - 1]!;
    ranges.push([origin[at]!, last + (text.codePointAt(last)! > 0xffff ? 2 : 1)]);
    from = at + part.length;
  }
  return ranges;
}

/**
 * Finds a quotation in a text. Returns null when found, else the part of the quotation that could
 * not be found and how much of it matched, to point the user at the first difference.
 */
export function findQuotation(quotation: string, text: string): { missing: string; matched: string } | null {
  const haystack = normaliseForQuotation(text);
  let from = 0;
  for (const part of quotationParts(quotation)) {
    const at = haystack.indexOf(part, from);
    if (at !== -1) {
      from = at + part.length;
      continue;
    }
    let low = 0;
    let high = part.length;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (haystack.indexOf(part.slice(0, middle), from) !== -1) low = middle;
      else high = middle - 1;
    }
    return { missing: part, matched: part.slice(0, low) };
  }
  return null;
}
