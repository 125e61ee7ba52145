/**
 * The one sanitiser of dossier's HTML: remark-html's (hast-util-sanitize's GitHub schema),
 * extended only with the elements and classes the citation, link and quotation markup needs.
 * Memo bodies go through it inside remark-html; citeproc's output goes through it here.
 */
import { LRUCache } from 'lru-cache';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';

/** The classes dossier's own markup uses inside sanitised HTML. */
export const MARKUP_CLASSES = [
  'cite',
  'cite-ref',
  'cite-preview',
  'cite-text',
  'note-sources',
  'in-text-author',
  'wiki-link',
  'wiki-link-missing',
  'reference-missing',
  'reference-missing-link',
  'statement-embed',
  'statement-meta',
  'csl-entry',
  'csl-left-margin',
  'csl-right-inline',
] as const;

type AttributeDefinitions = NonNullable<Schema['attributes']>[string];
const defaultAttributes = defaultSchema.attributes ?? {};

/** A tag's default attributes, with our classes added to whatever classes it already allows. */
function withClasses(tag: string, extra: AttributeDefinitions = []): AttributeDefinitions {
  const base = defaultAttributes[tag] ?? [];
  const classEntry = base.find((entry) => Array.isArray(entry) && entry[0] === 'className') as unknown[] | undefined;
  const others = base.filter((entry) => entry !== classEntry);
  const classes = [...(classEntry?.slice(1) ?? []), ...MARKUP_CLASSES] as string[];
  return [...others, ['className', ...classes], ...extra];
}

export const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'cite', 'mark'],
  attributes: {
    ...defaultAttributes,
    a: withClasses('a'),
    span: withClasses('span', [['role', 'tooltip'], 'ariaDescribedBy']),
    sup: withClasses('sup'),
    div: withClasses('div'),
    figure: withClasses('figure'),
    figcaption: withClasses('figcaption'),
  },
};

/**
 * Fragments sanitised lately, by their text with numbers stood in (see withNumbersStoodIn): the same
 * reference or note is printed on many pages (a source's bibliography entry on every memo that cites
 * it, a note that differs from another only by its pinpoint or note number), and sanitising is a
 * function of the text alone, so a fragment met again is not parsed again.
 */
const recentlySanitised = new LRUCache<string, string>({ max: 8192 });

/** The tags dossier's fragments hold (citeproc's and the notes' own markup); any other markup is sanitised as it is. */
const SIMPLE_TAG = /<\/?(?:a|b|i|em|strong|span|sup|sub|div|cite|mark|br)(?=[\s/>])(?:[^<>"']|"[^"<>]*"|'[^'<>]*')*>/uy;
const DIGITS = /[0-9]+/uy;
/** The Private Use Area characters that stand in for a fragment's numbers, one each. */
const FIRST_STAND_IN = 0xe000;
const MOST_STAND_INS = 0x1000;
const PRIVATE_USE = /[-]/u;

/**
 * A fragment with each number of its text (a run of digits outside tags, and not after a letter,
 * `#` or `&`, so never inside a character reference) replaced by its own Private Use Area
 * character, and the numbers in order; null when the fragment holds other markup than SIMPLE_TAG
 * or Private Use Area characters of its own. Both are plain text characters to the HTML parser,
 * the sanitiser and the serialiser (which escapes only `<` and `&` in text), so sanitising the
 * stood-in text and putting the numbers back gives what sanitising the fragment gives.
 */
function withNumbersStoodIn(html: string): { readonly shape: string; readonly numbers: readonly string[] } | null {
  if (PRIVATE_USE.test(html)) return null;
  const numbers: string[] = [];
  let shape = '';
  let copiedUpTo = 0;
  let index = 0;
  while (index < html.length) {
    const character = html.charCodeAt(index);
    if (character === 0x3c) {
      SIMPLE_TAG.lastIndex = index;
      if (!SIMPLE_TAG.test(html)) return null;
      index = SIMPLE_TAG.lastIndex;
    } else if (character >= 0x30 && character <= 0x39) {
      DIGITS.lastIndex = index;
      DIGITS.test(html);
      const end = DIGITS.lastIndex;
      if (!/[A-Za-z#&]/u.test(html.charAt(index - 1))) {
        if (numbers.length === MOST_STAND_INS) return null;
        shape += html.slice(copiedUpTo, index) + String.fromCharCode(FIRST_STAND_IN + numbers.length);
        numbers.push(html.slice(index, end));
        copiedUpTo = end;
      }
      index = end;
    } else index += 1;
  }
  return { shape: shape + html.slice(copiedUpTo), numbers };
}

/** A sanitised stood-in fragment with its numbers put back, or null unless each stand-in is there exactly once. */
function withNumbersPutBack(sanitised: string, numbers: readonly string[]): string | null {
  const seen = new Array<boolean>(numbers.length).fill(false);
  let each = true;
  const restored = sanitised.replace(/[\ue000-\uf8ff]/gu, (standIn) => {
    const number = standIn.charCodeAt(0) - FIRST_STAND_IN;
    if (number >= numbers.length || seen[number]) each = false;
    else seen[number] = true;
    return numbers[number] ?? standIn;
  });
  return each && seen.every(Boolean) ? restored : null;
}

function sanitizeParsed(html: string): string {
  const tree: Root = fromHtml(html, { fragment: true });
  return toHtml(sanitize(tree, SANITIZE_SCHEMA));
}

/** Sanitises an HTML fragment (citeproc output, say) with the same schema as memo bodies. */
export function sanitizeHtmlFragment(html: string): string {
  const stoodIn = withNumbersStoodIn(html);
  const key = stoodIn?.shape ?? html;
  let sanitised = recentlySanitised.get(key);
  if (sanitised === undefined) {
    sanitised = sanitizeParsed(key);
    recentlySanitised.set(key, sanitised);
  }
  if (stoodIn === null || stoodIn.numbers.length === 0) return sanitised;
  // A number the sanitiser dropped or copied (it never does to text in these tags) is sanitised as written.
  return withNumbersPutBack(sanitised, stoodIn.numbers) ?? sanitizeParsed(html);
}

/** Parses an HTML fragment into hast children, to be sanitised with the tree they join. */
export function htmlToHast(html: string): Root['children'] {
  return fromHtml(html, { fragment: true }).children;
}
