/** A source's page: its reference, identifiers, what cites it, and its archived text with quoted statements marked. */
import type { StatementId } from '../model/ids.js';
import type { Source, Statement } from '../model/records.js';
import { locateQuotation } from '../syntax/quotation.js';
import { recordPath, refOf } from '../access/index.js';
import { escapeHtml } from './sentences.js';
import type { PageBasics } from './page-basics.js';

/**
 * How many of the memos citing a source its page quotes the citing sentences of. Every citing memo
 * is listed and linked at the paragraph that cites the source, with its pinpoints; quoting every
 * sentence of a source cited by a hundred memos made its page several times the size of a memo's.
 */
export const CITING_SENTENCES_QUOTED = 10;

/** The data of a source's page. */
export function sourcePage(builder: PageBasics, source: Source) {
  const ref = refOf(source);
  const backlinks = builder.view.backlinks(ref);
  const statements = backlinks
    .filter((b) => b.from.type === 'statement' && b.field === 'source')
    .map((b) => builder.view.statement(b.from.id))
    .filter((s): s is Statement => s !== undefined);
  // A statement drawn from the source is listed under its statements; it is listed again only if
  // it also refers to the source another way (a link in its words), for the sentence that does.
  const onlyDrawnFrom = new Set(
    statements
      .filter((statement) => backlinks.every((b) => b.from.type !== 'statement' || b.from.id !== statement.id || b.field === 'source'))
      .map((statement) => recordPath(refOf(statement))),
  );
  // The first `CITING_SENTENCES_QUOTED` citing records with their sentences, the rest without.
  const citedBy = builder.backlinkItems(ref, (via) => via === 'citation', CITING_SENTENCES_QUOTED);
  return {
    source,
    referenceHtml: builder.referenceHtml(source.key),
    fields: sourceFields(source),
    topics: builder.topicLinks(source.topics),
    citedBy,
    citedByQuoted: Math.min(citedBy.length, CITING_SENTENCES_QUOTED),
    otherReferences: builder.backlinkItems(ref, (via) => via !== 'citation' && via !== 'mention').filter((item) => !onlyDrawnFrom.has(item.link.href)),
    citedInSources: builder.backlinkItems(ref, (via) => via === 'mention'),
    statements: statements.map((statement) => ({ link: builder.link(refOf(statement))!, locator: statement.locator })),
    archivedHtml: source.archivedText === null ? null : archivedTextHtml(source.archivedText.text, statements),
  };
}

/** The archived text, escaped, with every verbatim statement drawn from it marked and linked. */
function archivedTextHtml(text: string, statements: readonly Statement[]): string {
  const marks: Array<{ start: number; end: number; id: StatementId }> = [];
  for (const statement of statements) {
    if (statement.kind !== 'verbatim') continue;
    for (const [start, end] of locateQuotation(statement.text, text) ?? []) marks.push({ start, end, id: statement.id });
  }
  marks.sort((a, b) => a.start - b.start);
  let html = '';
  let at = 0;
  for (const mark of marks) {
    if (mark.start < at) continue;
    html += escapeHtml(text.slice(at, mark.start));
    const href = recordPath({ type: 'statement', id: mark.id });
    html += `<mark><a href="${href}">${escapeHtml(text.slice(mark.start, mark.end))}</a></mark>`;
    at = mark.end;
  }
  return html + escapeHtml(text.slice(at));
}

/** The identifiers and details of a source, as label/value pairs, in the order lawyers read them. */
function sourceFields(source: Source): Array<{ label: string; value: string; href: string | null }> {
  const csl = source.csl as Record<string, unknown>;
  const rows: Array<[string, string]> = [
    ['Type', 'type'],
    ['Court or authority', 'authority'],
    ['Case number or symbol', 'number'],
    ['Genre', 'genre'],
    ['Series or report', 'container-title'],
    ['Volume', 'volume'],
    ['Page', 'page'],
    ['Publisher', 'publisher'],
    ['Place', 'publisher-place'],
    ['DOI', 'DOI'],
    ['URL', 'URL'],
    ['Note', 'note'],
  ];
  const fields = rows
    .filter(([, field]) => csl[field] !== undefined && csl[field] !== '')
    .map(([label, field]) => {
      const value = String(csl[field]);
      const href = field === 'URL' && /^https?:\/\//.test(value) ? value : field === 'DOI' ? `https://doi.org/${encodeURIComponent(value)}` : null;
      return { label, value, href };
    });
  const issued = (csl.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0];
  if (issued !== undefined) {
    fields.splice(1, 0, { label: 'Date', value: issued.map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, '0'))).join('-'), href: null });
  }
  return fields;
}
