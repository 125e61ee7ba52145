/**
 * The shared part of every page's data: links a reader may follow, Markdown bodies rendered in one
 * citation style, backlinks, export links and the problems a reader may see. The pages themselves
 * are built in the *-page.ts files of this folder; PageBuilder (pages.ts) puts them together.
 */
import type { CiteKey, StatementId, TopicId } from '../model/ids.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { CitationCluster, MarkdownBody, Memo, RecordRef, Topic } from '../model/records.js';
import { CitationFormatter, CITATION_STYLES, findStyle, type CitationStyle } from '../corpus/citations/format.js';
import { renderBodyTree } from '../corpus/parse.js';
import { EXPORT_FORMATS } from '../export/formats.js';
import { paragraphAnchor } from './body-anchors.js';
import { renderBodyHtml, type BodyRenderContext, type StatementEmbed } from './body-html.js';
import { sanitizeHtmlFragment } from '../syntax/sanitize.js';
import { CorpusView, recordPath, refOf } from '../access/index.js';
import { describePinpoint, escapeHtml, sentenceHtml } from './sentences.js';
import { problemsFor } from '../access/index.js';
import type { BacklinkItem, Link, RenderedBody } from './page-types.js';
import { staticExportFormats, staticExportName } from './static-exports.js';
import { problemAnchor } from './problem-anchors.js';

/** Whether an HTML fragment shows any text (a quotation of nothing but tags or spaces shows none). */
function hasVisibleText(html: string): boolean {
  return html.replace(/<[^>]*>/gu, '').trim() !== '';
}

/** What every page is built from, for one reader and one citation style: links, rendered bodies, backlinks, exports, problems. */
export class PageBasics {
  readonly style: CitationStyle;

  constructor(
    readonly view: CorpusView,
    private readonly formatter: CitationFormatter,
    styleId: string,
    /** Rendered bodies, shared across requests: the corpus is frozen, so they never go stale. */
    private readonly bodyCache: Map<string, RenderedBody> = new Map(),
    /** `static` pages link files written by `dossier build` instead of the server's API. */
    readonly linkMode: 'server' | 'static' = 'server',
  ) {
    const style = findStyle(styleId);
    if (style === undefined) throw new TypeError(`unknown citation style "${styleId}"; check it with findStyle() first`);
    this.style = style;
  }

  /** The link to a record, if this reader may see it. */
  link(ref: RecordRef): Link | null {
    const record = this.view.get(ref);
    if (record === undefined) return null;
    return { type: ref.type, href: recordPath(ref), title: this.view.titleOf(record) };
  }

  /** The links to records, leaving out those this reader may not see. */
  links(refs: readonly RecordRef[]): Link[] {
    return refs.map((ref) => this.link(ref)).filter((link): link is Link => link !== null);
  }

  /**
   * The full reference of a source in this style, sanitised, standing alone (a source's page, a
   * statement's provenance, the selection): a numbered style (Vancouver) prints an entry with its
   * number in the bibliography it stands in, and alone the entry is always "1.", which is no
   * number the source has anywhere a reader cites it, so it is left out.
   */
  referenceHtml(key: CiteKey): string | null {
    const html = this.formatter.formatReference(this.style.id, key);
    return html === null ? null : sanitizeHtmlFragment(html).replace(/<div class="csl-left-margin">[^<]*<\/div>/u, '');
  }

  private statementEmbed(id: StatementId): StatementEmbed | null {
    const statement = this.view.statement(id);
    if (statement === undefined) return null;
    const speaker = this.link({ type: 'speaker', id: statement.speaker });
    const source = this.link({ type: 'source', id: statement.source });
    if (speaker === null || source === null) return null;
    return {
      href: recordPath({ type: 'statement', id }),
      paragraphs: statement.text.split(/\n\s*\n/u),
      speaker,
      role: statement.role,
      event: statement.event === null ? null : this.link({ type: 'event', id: statement.event }),
      date: statement.date,
      kind: statement.kind,
      source: { ...source, title: this.shortSourceTitle(statement.source), locator: statement.locator },
    };
  }

  private shortSourceTitle(key: CiteKey): string {
    const source = this.view.source(key);
    if (source === undefined) return key;
    return String(source.csl['title-short'] ?? source.csl.title ?? key);
  }

  /** Renders a Markdown body with its citations in this style, its notes and its bibliography. */
  renderBody(documentId: string, body: MarkdownBody): RenderedBody {
    const cacheKey = `${this.style.id}\u0000${this.view.includeInternal ? 'all' : 'public'}\u0000${documentId}`;
    const cached = this.bodyCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const rendered = this.renderBodyUncached(documentId, body);
    this.bodyCache.set(cacheKey, rendered);
    return rendered;
  }

  private renderBodyUncached(documentId: string, body: MarkdownBody): RenderedBody {
    // A citation of a source this reader may not see is left out of what is formatted.
    const clusters: CitationCluster[] = body.citations.map((cluster) => ({
      ...cluster,
      items: cluster.items.filter((item) => this.view.source(item.key) !== undefined),
    }));
    const formatted = this.formatter.formatDocument(this.style.id, `${documentId}:${this.view.includeInternal ? 'all' : 'public'}`, clusters);
    const sanitisedBibliography = formatted.bibliography.map((entry) => sanitizeHtmlFragment(entry.html));
    const context: BodyRenderContext = {
      formatted,
      sourceHref: (key) => (this.view.source(key) === undefined ? null : recordPath({ type: 'source', id: key })),
      resolveLink: (ref) => this.link(ref),
      statementEmbed: (id) => this.statementEmbed(id),
      problemHref: (line) => `/problems#${problemAnchor(body.file, line)}`,
      showUnresolved: this.view.includeInternal,
    };
    const notes = formatted.clusters
      .filter((cluster) => cluster.note !== null && cluster.html !== '')
      .map((cluster) => ({ number: cluster.note!, html: this.linkedNote(cluster.html, cluster.keys) }));
    const bibliography = formatted.bibliography.map((entry, index) => ({
      href: recordPath({ type: 'source', id: entry.key }),
      html: sanitisedBibliography[index]!,
      verified: this.view.source(entry.key)?.verification.verified ?? false,
    }));
    return { html: renderBodyHtml(renderBodyTree(body), context), notes, bibliography };
  }

  /** A footnote's text followed by links to the sources it cites. */
  private linkedNote(html: string, keys: readonly CiteKey[]): string {
    const links = [...new Set(keys)]
      .filter((key) => this.view.source(key) !== undefined)
      .map((key) => `<a href="${recordPath({ type: 'source', id: key })}">${escapeHtml(key)}</a>`)
      .join(', ');
    return sanitizeHtmlFragment(`${html} <span class="note-sources">[${links}]</span>`);
  }

  /** The records that refer to a record, one item each, with the sentences they refer from. */
  backlinkItems(ref: RecordRef, filter: (via: string) => boolean = () => true, quoted = Infinity): BacklinkItem[] {
    // One item per record that refers here: a memo that cites a source twice is listed once, with both sentences.
    const items = new Map<string, BacklinkItem & { sentencesHtml: string[]; pinpoints: string[]; quoting: boolean }>();
    for (const backlink of this.view.backlinks(ref)) {
      if (!filter(backlink.via)) continue;
      const found = this.link(backlink.from);
      if (found === null) continue;
      // One item per record, whichever paragraph it cites from: the first citing paragraph is linked.
      let item = items.get(found.href);
      // Only the first `quoted` records' sentences are shown (a source cited by hundreds of memos quotes ten), so only theirs are read.
      const quoting = item === undefined ? items.size < quoted : item.quoting;
      // A sentence with no words of its own (a statement embedded alone in its paragraph) is no quotation: none is shown.
      const said = quoting ? this.view.sentenceOf(backlink) : null;
      const sentence = said === null || said.trim() === '' ? null : said;
      const pinpoint = describePinpoint(backlink.label, backlink.locator);
      if (item === undefined) {
        // A citation or link from a memo opens the memo at the paragraph that holds it.
        const citing = backlink.from.type === 'memo' && backlink.via !== 'field' ? this.view.memo(backlink.from.id) : undefined;
        const link = citing === undefined ? found : { ...found, href: `${found.href}#${paragraphAnchor(citing.fileText, backlink.place.line)}` };
        item = { link, sentence, pinpoint, via: backlink.via, at: backlink.at ?? null, sentencesHtml: [], pinpoints: [], quoting };
        items.set(found.href, item);
      }
      const html = sentence === null ? null : sentenceHtml(this.view, backlink.sentenceSpans, sentence);
      if (html !== null && hasVisibleText(html) && !item.sentencesHtml.includes(html)) item.sentencesHtml.push(html);
      if (pinpoint !== null && !item.pinpoints.includes(pinpoint)) item.pinpoints.push(pinpoint);
    }
    return [...items.values()].map(({ pinpoints, quoting: _quoting, ...item }) => ({ ...item, pinpoint: pinpoints.length === 0 ? null : pinpoints.join('; ') }));
  }

  /** Download links for the bibliography of a scope, in this style, in every format. */
  exportLinks(scope: string, extra: Record<string, string> = {}): Array<{ id: string; label: string; href: string }> {
    if (this.linkMode === 'static') {
      const name = staticExportName(scope, extra);
      return name === null ? [] : staticExportFormats(scope).map((format) => ({ id: format.id, label: format.label, href: `/exports/${name}.${format.id}.${format.extension}` }));
    }
    return EXPORT_FORMATS.map((format) => {
      const query = new URLSearchParams({ scope, format: format.id, style: this.style.id, ...extra });
      return { id: format.id, label: format.label, href: `/api/bibliography?${query.toString()}` };
    });
  }


  styles(currentPath: string): Array<{ id: string; label: string; href: string; current: boolean }> {
    return CITATION_STYLES.map((style) => ({
      id: style.id,
      label: style.label,
      href: `${currentPath}?style=${style.id}`,
      current: style.id === this.style.id,
    }));
  }


  /** The links to topics this reader may see. */
  topicLinks(topics: readonly TopicId[]): Link[] {
    return this.links(topics.map((id) => ({ type: 'topic', id })));
  }

  /** The memos filed under a topic that this reader may see. */
  memosUnderTopic(topic: Topic): Memo[] {
    if (this.memosByTopic === null) {
      // Grouped once: a build asks for every topic's memos, and each asking went through every memo.
      const byTopic = new Map<string, Memo[]>();
      for (const memo of this.view.memos()) {
        for (const id of new Set(memo.topics)) {
          const filed = byTopic.get(id);
          if (filed === undefined) byTopic.set(id, [memo]);
          else filed.push(memo);
        }
      }
      this.memosByTopic = byTopic;
    }
    return [...(this.memosByTopic.get(topic.id) ?? [])];
  }

  /** The memos this reader may see, by the topics they are filed under (in the order of view.memos()), once asked for. */
  private memosByTopic: Map<string, Memo[]> | null = null;

  /** The records written in each file, by the line each starts at, for `placeOfProblem`. */
  private recordsByFile: Map<string, Array<{ line: number; ref: RecordRef }>> | null = null;

  /**
   * Where a problem is, for this reader: its `file:line:column`, and the page of the record written
   * there (in a bibliography or topics file, the entry at or above the line) when the reader may see it.
   */
  placeOfProblem(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): { where: string; record: Link | null } {
    if (this.recordsByFile === null) {
      const byFile = new Map<string, Array<{ line: number; ref: RecordRef }>>();
      const add = (file: string, line: number, ref: RecordRef): void => {
        const list = byFile.get(file) ?? [];
        list.push({ line, ref });
        byFile.set(file, list);
      };
      const corpus = this.view.corpus;
      for (const record of [...corpus.memos.values(), ...corpus.statements.values(), ...corpus.speakers.values(), ...corpus.events.values()]) add(record.file, 1, refOf(record));
      for (const topic of corpus.topics.values()) add(topic.file, topic.position.line, refOf(topic));
      for (const source of corpus.sources.values()) {
        add(source.file, source.position.line, refOf(source));
        if (source.archivedText !== null) add(source.archivedText.file, 1, refOf(source));
      }
      for (const list of byFile.values()) list.sort((a, b) => a.line - b.line);
      this.recordsByFile = byFile;
    }
    const entries = this.recordsByFile.get(d.file) ?? [];
    const at = entries.filter((entry) => entry.line <= d.line).pop() ?? entries[0];
    return { where: `${d.file}:${d.line}:${d.column}`, record: at === undefined ? null : this.link(at.ref) };
  }

  /** The problems this reader may see in one file, each with its place. */
  problemsIn(file: string): Array<Diagnostic & { place: { where: string; record: Link | null } }> {
    return this.problems()
      .filter((d) => d.file === file)
      .map((d) => ({ ...d, place: this.placeOfProblem(d) }));
  }

  private problemsSeen: Diagnostic[] | null = null;

  /** The diagnostics this reader may see, as the access layer decides them (once per builder: the corpus is frozen). */
  problems(): Diagnostic[] {
    this.problemsSeen ??= problemsFor(this.view);
    return this.problemsSeen;
  }
}
