/**
 * Markdown bodies to sanitised HTML through remark-html, with handlers for dossier's own nodes:
 * citations formatted in the chosen style (numbered notes or in-text, each naming the note or the
 * bibliography entries that citations.js previews on hover and focus), wiki-links, and statements
 * embedded as attributed quotations.
 */
import { unified } from 'unified';
import remarkHtml from 'remark-html';
import type { Nodes, Root } from 'mdast';
import type { Element, ElementContent } from 'hast';
import { defaultHandlers, type Handler, type Handlers, type State } from 'mdast-util-to-hast';
import type { CiteKey, StatementId } from '../model/ids.js';
import type { RecordRef } from '../model/records.js';
import type { FormattedDocument } from '../corpus/citations/format.js';
import type { CitationNode, WikiLinkNode } from '../syntax/references.js';
import { htmlToHast, SANITIZE_SCHEMA } from '../syntax/sanitize.js';
import { anchorBody, tableOfContentsHtml } from './body-anchors.js';

/** A link to a record: where it lives and what to call it. */
export interface RecordLink {
  readonly href: string;
  readonly title: string;
}

/** What an embedded statement shows: its words and who said them, where, when, per which source. */
export interface StatementEmbed {
  readonly href: string;
  readonly paragraphs: readonly string[];
  readonly speaker: RecordLink;
  readonly role: string | null;
  readonly event: RecordLink | null;
  readonly date: string | null;
  readonly kind: string;
  readonly source: RecordLink & { readonly locator: string | null };
}

/** What the renderer needs from the corpus; the page layer decides what a reader may see. */
export interface BodyRenderContext {
  readonly formatted: FormattedDocument;
  sourceHref(key: CiteKey): string | null;
  resolveLink(ref: RecordRef): RecordLink | null;
  statementEmbed(id: StatementId): StatementEmbed | null;
  /** The address of the Problems page entry for a place in this body's file. */
  problemHref(line: number): string;
  /**
   * Whether a reference that leads nowhere is shown as written. For anonymous readers it is not:
   * a reference to an internal record must look the same as one to nothing at all.
   */
  readonly showUnresolved: boolean;
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

function link(target: RecordLink, className?: string): Element {
  return element('a', { href: target.href, className: className ? [className] : undefined }, [text(target.title)]);
}

/** The attributed quotation for `![[statement:id]]`. */
function statementFigure(embed: StatementEmbed): Element {
  const caption: ElementContent[] = [text('— '), link(embed.speaker)];
  if (embed.role !== null) caption.push(text(`, ${embed.role}`));
  if (embed.event !== null) caption.push(text(', at '), link(embed.event));
  if (embed.date !== null) caption.push(text(`, ${embed.date}`));
  caption.push(text('. Source: '), link(embed.source));
  if (embed.source.locator !== null) caption.push(text(`, ${embed.source.locator}`));
  caption.push(text(` (${embed.kind}). `), element('a', { href: embed.href }, [text('The statement')]), text('.'));
  return element('figure', { className: ['statement-embed'] }, [
    element(
      'blockquote',
      { cite: embed.href },
      embed.paragraphs.map((paragraph) => element('p', {}, [text(paragraph)])),
    ),
    element('figcaption', { className: ['statement-meta'] }, caption),
  ]);
}

/**
 * A reference that leads nowhere, shown where it stands (as pandoc shows `???`): what was written,
 * marked as an error and linked to its entry on the Problems page.
 */
function missing(raw: string, context: BodyRenderContext, line: number | undefined, label: string | null = null): Element | ElementContent {
  // A reference this reader may not follow leaves no trace but its label: no element, no id.
  if (!context.showUnresolved) return text(label ?? '');
  const marked = element('span', { className: ['reference-missing'] }, [text(raw)]);
  if (line === undefined) return marked;
  return element('a', { href: context.problemHref(line), className: ['reference-missing-link'], title: 'Unknown reference: see Problems' }, [marked]);
}

/**
 * The id (before the sanitiser's prefix) of a source's entry in the body's bibliography, which
 * views/partials/body.eta gives each entry by its place in the list; null when the list lacks it.
 */
export function bibliographyEntryId(bibliography: FormattedDocument['bibliography'], key: CiteKey): string | null {
  const place = bibliography.findIndex((entry) => entry.key === key);
  return place === -1 ? null : `bib-${place + 1}`;
}

function createHandlers(context: BodyRenderContext): Handlers {
  // A citation names, in aria-describedby, the note or the bibliography entries the page prints
  // anyway; citations.js shows their text as the preview on hover and focus. Printing each preview
  // beside its citation as well put every note's text on the page twice.
  const citation: Handler = (_state: State, node) => {
    const cite = node as unknown as CitationNode;
    const formatted = context.formatted.clusters[cite.index];
    if (formatted === undefined || formatted.html === '') return missing(cite.raw, context, cite.position?.start.line);
    const children: ElementContent[] = [];
    if (formatted.inTextAuthor !== null) {
      children.push(element('span', { className: ['in-text-author'] }, [text(formatted.inTextAuthor)]), text(' '));
    }
    if (context.formatted.style.kind === 'note') {
      const marker = element('a', { href: `#user-content-note-${formatted.note}`, id: `note-ref-${formatted.note}`, ariaDescribedBy: [`note-${formatted.note}`] }, [text(String(formatted.note))]);
      // A marker alone is its own citation: the sup holds the preview (citations.js), with no span
      // around it, which took about a megabyte off a static site of a thousand memos.
      if (formatted.inTextAuthor === null) children.push(element('sup', { className: ['cite', 'cite-ref'] }, [marker]));
      else children.push(element('sup', { className: ['cite-ref'] }, [marker]));
    } else {
      const href = context.sourceHref(formatted.keys[0]!);
      const visible = htmlToHast(formatted.html) as ElementContent[];
      const entries = [...new Set(formatted.keys)]
        .map((key) => bibliographyEntryId(context.formatted.bibliography, key))
        .filter((id): id is string => id !== null);
      children.push(
        href === null
          ? element('span', { className: ['cite-text'] }, visible)
          : element('a', { href, className: ['cite', 'cite-text'], ariaDescribedBy: entries.length === 0 ? undefined : entries }, visible),
      );
    }
    const cited = children.length === 1 && children[0]!.type === 'element' && children[0]!.tagName === 'sup' ? children[0]! : element('span', { className: ['cite'] }, children);
    // A key beside valid ones in a cluster would otherwise vanish silently: show it after them.
    const unknown = context.showUnresolved ? cite.items.filter((item) => context.sourceHref(item.key) === null) : [];
    if (unknown.length === 0) return cited;
    return [cited, ...unknown.flatMap((item) => [text(' '), missing(`@${item.key}`, context, cite.position?.start.line)])];
  };

  const wikiLink: Handler = (_state: State, node) => {
    const wiki = node as unknown as WikiLinkNode;
    if (wiki.embed) {
      const embed = wiki.target.type === 'statement' ? context.statementEmbed(wiki.target.id) : null;
      if (embed === null) return missing(wiki.raw, context, wiki.position?.start.line);
      return element('q', { cite: embed.href }, [text(embed.paragraphs.join(' '))]);
    }
    const target = context.resolveLink(wiki.target);
    if (target === null) return missing(wiki.label ?? wiki.raw, context, wiki.position?.start.line, wiki.label);
    return link({ href: target.href, title: wiki.label ?? target.title }, 'wiki-link');
  };

  /** A paragraph that holds only an embed becomes the quotation itself (a block, not a <p>). */
  const paragraph: Handler = (state: State, node) => {
    const children = (node as { children: Array<{ type: string; value?: string }> }).children;
    const meaningful = children.filter((child) => !(child.type === 'text' && (child.value ?? '').trim() === ''));
    const only = meaningful[0] as unknown as WikiLinkNode | undefined;
    if (meaningful.length === 1 && only?.type === 'wikiLink' && only.embed && only.target.type === 'statement') {
      const embed = context.statementEmbed(only.target.id);
      if (embed !== null) return statementFigure(embed);
    }
    return defaultHandlers.paragraph(state, node as never);
  };

  return { citation, wikiLink, paragraph } as Handlers;
}

/**
 * In a note style a citation becomes a note marker, placed as Pandoc places it: without the space
 * before it, and after the punctuation that follows it ("groups [@gc]." → "groups.¹").
 */
function placeNoteMarkers(node: Nodes): void {
  if (!('children' in node)) return;
  const children = node.children as Nodes[];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    placeNoteMarkers(child);
    if (child.type !== 'citation' || child.items.every((item) => item.mode === 'author-in-text')) continue;
    const before = children[i - 1];
    if (before?.type === 'text') before.value = before.value.replace(/\s+$/u, '');
    const after = children[i + 1];
    const punctuation = after?.type === 'text' ? /^[.,;:!?]+/u.exec(after.value) : null;
    if (after?.type === 'text' && punctuation !== null) {
      after.value = after.value.slice(punctuation[0].length);
      if (before?.type === 'text') {
        before.value += punctuation[0];
      } else {
        children.splice(i, 0, { type: 'text', value: punctuation[0] });
        i++;
      }
    }
  }
}

/**
 * Renders a parsed body to sanitised HTML in the context's citation style. The tree is changed
 * (note markers moved, anchors added): pass one of your own (renderBodyTree gives one).
 */
export function renderBodyHtml(copy: Root, context: BodyRenderContext): string {
  if (context.formatted.style.kind === 'note') placeNoteMarkers(copy);
  const headings = anchorBody(copy);
  const processor = unified().use(remarkHtml, { sanitize: SANITIZE_SCHEMA, handlers: createHandlers(context) });
  return tableOfContentsHtml(headings) + String(processor.stringify(copy));
}
