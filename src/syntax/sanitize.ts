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
 * Fragments sanitised lately, by their text: the same reference or note is printed on many pages
 * (a source's bibliography entry on every memo that cites it), and sanitising is a function of
 * the text alone, so a fragment met again is not parsed again.
 */
const recentlySanitised = new LRUCache<string, string>({ max: 4096 });

/** Sanitises an HTML fragment (citeproc output, say) with the same schema as memo bodies. */
export function sanitizeHtmlFragment(html: string): string {
  const known = recentlySanitised.get(html);
  if (known !== undefined) return known;
  const tree: Root = fromHtml(html, { fragment: true });
  const sanitised = toHtml(sanitize(tree, SANITIZE_SCHEMA));
  recentlySanitised.set(html, sanitised);
  return sanitised;
}

/** Parses an HTML fragment into hast children, to be sanitised with the tree they join. */
export function htmlToHast(html: string): Root['children'] {
  return fromHtml(html, { fragment: true }).children;
}
