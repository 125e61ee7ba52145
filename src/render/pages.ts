/**
 * The data of every page, built from a CorpusView in one citation style. Templates only lay it
 * out: every string here is plain text that the template engine escapes, except the fields named
 * `…Html`, which are sanitised here.
 */
import type { CiteKey, StatementId, TopicId } from '../model/ids.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { CitationCluster, CorpusEvent, CorpusRecord, MarkdownBody, Memo, RecordRef, Source, Speaker, Statement, Topic } from '../model/records.js';
import { CitationFormatter, CITATION_STYLES, findStyle, type CitationStyle } from '../corpus/citations/format.js';
import { locateQuotation } from '../syntax/quotation.js';
import { bodyTree } from '../corpus/parse.js';
import { EXPORT_FORMATS } from '../export/formats.js';
import { evidenceMatrices } from './evidence-matrix.js';
import { paragraphAnchor } from './body-anchors.js';
import { renderBodyHtml, type BodyRenderContext, type RecordLink, type StatementEmbed } from './body-html.js';
import { sanitizeHtmlFragment } from '../syntax/sanitize.js';
import { pandocInstalled } from './pandoc-run.js';
import { CorpusView, recordPath, refOf } from '../access/index.js';
import { describePinpoint, escapeHtml, sentenceHtml, sentencePlain } from './sentences.js';
import { problemsFor } from '../access/index.js';

export interface Link extends RecordLink {
  readonly type: RecordRef['type'];
}

export interface BacklinkItem {
  readonly link: Link;
  readonly sentence: string | null;
  /** The sentences (one per distinct place), escaped, with wiki-links as their labels or titles, linked. */
  readonly sentencesHtml: readonly string[];
  readonly pinpoint: string | null;
  readonly via: string;
  /** For a reference found in an archived text, where in that text (`p. 14`). */
  readonly at?: string | null;
}

export interface NoteItem {
  readonly number: number;
  readonly html: string;
}

export interface BibliographyItem {
  readonly href: string;
  readonly html: string;
  readonly verified: boolean;
}

export interface RenderedBody {
  readonly html: string;
  readonly notes: readonly NoteItem[];
  readonly bibliography: readonly BibliographyItem[];
}

/** How many other statements by the same speaker, or at the same event, a statement's page lists. */
export const RELATED_STATEMENTS_SHOWN = 20;

/** Builds page data for one reader and one citation style. */
export class PageBuilder {
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

  private links(refs: readonly RecordRef[]): Link[] {
    return refs.map((ref) => this.link(ref)).filter((link): link is Link => link !== null);
  }

  /** The full reference of a source in this style, sanitised. */
  referenceHtml(key: CiteKey): string | null {
    const html = this.formatter.formatReference(this.style.id, key);
    return html === null ? null : sanitizeHtmlFragment(html);
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
    const context: BodyRenderContext = {
      formatted,
      // The preview shows the entry as this document's bibliography numbers it (Vancouver's "1."
      // here, not the source's place in the whole library); the library's entry is the fallback.
      referenceHtml: (key) => {
        const entry = formatted.bibliography.find((candidate) => candidate.key === key);
        return entry === undefined ? this.referenceHtml(key) : sanitizeHtmlFragment(entry.html);
      },
      sourceHref: (key) => (this.view.source(key) === undefined ? null : recordPath({ type: 'source', id: key })),
      resolveLink: (ref) => this.link(ref),
      statementEmbed: (id) => this.statementEmbed(id),
      problemHref: (line) => `/problems#${problemAnchor(body.file, line)}`,
      showUnresolved: this.view.includeInternal,
    };
    const notes = formatted.clusters
      .filter((cluster) => cluster.note !== null && cluster.html !== '')
      .map((cluster) => ({ number: cluster.note!, html: this.linkedNote(cluster.html, cluster.keys) }));
    const bibliography = formatted.bibliography.map((entry) => ({
      href: recordPath({ type: 'source', id: entry.key }),
      html: sanitizeHtmlFragment(entry.html),
      verified: this.view.source(entry.key)?.verification.verified ?? false,
    }));
    return { html: renderBodyHtml(bodyTree(body), context), notes, bibliography };
  }

  /** A footnote's text followed by links to the sources it cites. */
  private linkedNote(html: string, keys: readonly CiteKey[]): string {
    const links = [...new Set(keys)]
      .filter((key) => this.view.source(key) !== undefined)
      .map((key) => `<a href="${recordPath({ type: 'source', id: key })}" class="cite">${escapeHtml(key)}</a>`)
      .join(', ');
    return sanitizeHtmlFragment(`${html} <span class="note-sources">[${links}]</span>`);
  }

  private backlinkItems(ref: RecordRef, filter: (via: string) => boolean = () => true): BacklinkItem[] {
    // One item per record that refers here: a memo that cites a source twice is listed once, with both sentences.
    const items = new Map<string, BacklinkItem & { sentencesHtml: string[]; pinpoints: string[] }>();
    for (const backlink of this.view.backlinks(ref)) {
      if (!filter(backlink.via)) continue;
      const found = this.link(backlink.from);
      if (found === null) continue;
      // A citation or link from a memo opens the memo at the paragraph that holds it.
      const citing = backlink.from.type === 'memo' && backlink.via !== 'field' ? this.view.memo(backlink.from.id) : undefined;
      const link = citing === undefined ? found : { ...found, href: `${found.href}#${paragraphAnchor(citing.fileText, backlink.place.line)}` };
      const sentence = this.view.sentenceOf(backlink);
      const pinpoint = describePinpoint(backlink.label, backlink.locator);
      // One item per record, whichever paragraph it cites from: the first citing paragraph is linked.
      let item = items.get(found.href);
      if (item === undefined) {
        item = { link, sentence, pinpoint, via: backlink.via, at: backlink.at ?? null, sentencesHtml: [], pinpoints: [] };
        items.set(found.href, item);
      }
      const html = sentence === null ? null : sentenceHtml(this.view, backlink.sentenceSpans, sentence);
      if (html !== null && !item.sentencesHtml.includes(html)) item.sentencesHtml.push(html);
      if (pinpoint !== null && !item.pinpoints.includes(pinpoint)) item.pinpoints.push(pinpoint);
    }
    return [...items.values()].map(({ pinpoints, ...item }) => ({ ...item, pinpoint: pinpoints.length === 0 ? null : pinpoints.join('; ') }));
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

  /** "Word (.docx)", when the server has pandoc to write it (never on a static site). */
  private wordLink(memo: Memo): Array<{ id: string; label: string; href: string }> {
    if (this.linkMode === 'static' || !pandocInstalled()) return [];
    return [{ id: 'docx', label: 'Word (.docx)', href: `/api/word?memo=${encodeURIComponent(memo.id)}` }];
  }

  styles(currentPath: string): Array<{ id: string; label: string; href: string; current: boolean }> {
    return CITATION_STYLES.map((style) => ({
      id: style.id,
      label: style.label,
      href: `${currentPath}?style=${style.id}`,
      current: style.id === this.style.id,
    }));
  }

  // ---- pages ----------------------------------------------------------------------------

  home() {
    const topics = this.view.topics().map((topic) => ({
      link: this.link({ type: 'topic', id: topic.id })!,
      count: this.view.backlinks({ type: 'topic', id: topic.id }).filter((b) => b.via === 'field' && b.from.type !== 'topic').length,
      broader: topic.broader,
    }));
    return {
      counts: {
        memos: this.view.memos().length,
        statements: this.view.statements().length,
        speakers: this.view.speakers().length,
        events: this.view.events().length,
        topics: this.view.topics().length,
        sources: this.view.sources().length,
      },
      topics,
      memos: this.memoList(),
      problems: this.problems().length,
    };
  }

  memoList() {
    return this.view
      .memos()
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((memo) => ({ link: this.link({ type: 'memo', id: memo.id })!, summary: memo.summary, status: memo.status, updated: memo.updated, visibility: memo.visibility }));
  }

  private topicLinks(topics: readonly TopicId[]): Link[] {
    return this.links(topics.map((id) => ({ type: 'topic', id })));
  }

  memo(memo: Memo) {
    const ref = refOf(memo);
    return {
      memo,
      topics: this.topicLinks(memo.topics),
      body: this.renderBody(`memo:${memo.id}`, memo),
      referencedBy: this.backlinkItems(ref),
      statements: this.links(memo.links.filter((l) => l.target.type === 'statement').map((l) => l.target)),
      exports: [...this.exportLinks(`memo:${memo.id}`), ...this.wordLink(memo)],
      // A static site holds one bibliography per memo; the one with its linked memos is the server's.
      exportsWithLinked: this.linkMode === 'static' ? [] : this.exportLinks(`memo:${memo.id}`, { linked: '1' }),
      matrices: evidenceMatrices(this.view, [memo]),
      problems: this.problemsIn(memo.file),
      matrixCsv: this.linkMode === 'static' ? null : `/api/elements?scope=memo:${encodeURIComponent(memo.id)}`,
    };
  }

  source(source: Source) {
    const ref = refOf(source);
    const backlinks = this.view.backlinks(ref);
    const statements = backlinks
      .filter((b) => b.from.type === 'statement' && b.field === 'source')
      .map((b) => this.view.statement(b.from.id))
      .filter((s): s is Statement => s !== undefined);
    return {
      source,
      referenceHtml: this.referenceHtml(source.key),
      fields: sourceFields(source),
      topics: this.topicLinks(source.topics),
      citedBy: this.backlinkItems(ref, (via) => via === 'citation'),
      otherReferences: this.backlinkItems(ref, (via) => via !== 'citation' && via !== 'mention'),
      citedInSources: this.backlinkItems(ref, (via) => via === 'mention'),
      statements: statements.map((statement) => ({ link: this.link(refOf(statement))!, locator: statement.locator })),
      archivedHtml: source.archivedText === null ? null : this.archivedTextHtml(source.archivedText.text, statements),
    };
  }

  /** The archived text, escaped, with every verbatim statement drawn from it marked and linked. */
  private archivedTextHtml(text: string, statements: readonly Statement[]): string {
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

  statement(statement: Statement) {
    const source = this.view.source(statement.source);
    // A speaker may have made thousands of statements: the page names a few, the speaker's page all.
    // From the view's index by speaker and event: filtering every statement for each page made a site's statements quadratic.
    // Only the statements shown are linked (a link asks for a title), the rest only counted.
    const others = (field: 'speaker' | 'event', id: string) => {
      const all = this.view.statementsWith(field, id).filter((other) => other.id !== statement.id);
      return { shown: all.slice(0, RELATED_STATEMENTS_SHOWN).map((other) => this.link(refOf(other))!), total: all.length };
    };
    const bySameSpeaker = others('speaker', statement.speaker);
    const atSameEvent = statement.event === null ? { shown: [], total: 0 } : others('event', statement.event);
    return {
      statement,
      paragraphs: statement.text.split(/\n\s*\n/u),
      speaker: this.link({ type: 'speaker', id: statement.speaker }),
      event: statement.event === null ? null : this.link({ type: 'event', id: statement.event }),
      source: source === undefined ? null : this.link(refOf(source)),
      sourceReferenceHtml: source === undefined ? null : this.referenceHtml(source.key),
      provenance: source === undefined ? null : { note: typeof source.csl.note === 'string' ? source.csl.note : null, verification: source.verification },
      topics: this.topicLinks(statement.topics),
      usedBy: this.backlinkItems(refOf(statement), (via) => via !== 'field'),
      bySameSpeaker: bySameSpeaker.shown,
      bySameSpeakerTotal: bySameSpeaker.total,
      atSameEvent: atSameEvent.shown,
      atSameEventTotal: atSameEvent.total,
    };
  }

  speaker(speaker: Speaker) {
    const statements = this.view
      .statements()
      .filter((statement) => statement.speaker === speaker.id)
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id));
    const memoIds = new Set<string>();
    for (const ref of [refOf(speaker), ...statements.map(refOf)]) {
      for (const backlink of this.view.backlinks(ref)) if (backlink.from.type === 'memo') memoIds.add(backlink.from.id);
    }
    return {
      speaker,
      roles: [...speaker.roles].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? '')),
      biography: this.renderBody(`speaker:${speaker.id}`, speaker),
      topics: this.topicLinks(speaker.topics),
      timeline: statements.map((statement) => ({
        link: this.link(refOf(statement))!,
        date: statement.date,
        event: statement.event === null ? null : this.link({ type: 'event', id: statement.event }),
        role: statement.role,
      })),
      memos: this.links([...memoIds].map((id) => ({ type: 'memo', id }) as RecordRef)),
    };
  }

  event(event: CorpusEvent) {
    const statements = this.view.statements().filter((statement) => statement.event === event.id);
    const speakers = [...new Set(statements.map((statement) => statement.speaker))];
    return {
      event,
      description: this.renderBody(`event:${event.id}`, event),
      source: event.source === null ? null : this.link({ type: 'source', id: event.source }),
      topics: this.topicLinks(event.topics),
      statements: statements.map((statement) => this.link(refOf(statement))!),
      speakers: this.links(speakers.map((id) => ({ type: 'speaker', id }))),
      referencedBy: this.backlinkItems(refOf(event), (via) => via !== 'field'),
    };
  }

  topic(topic: Topic) {
    const filed = this.view.backlinks(refOf(topic)).filter((b) => b.via === 'field');
    const of = (type: RecordRef['type']) => this.links(filed.filter((b) => b.from.type === type && b.field === 'topics').map((b) => b.from));
    return {
      topic,
      broader: topic.broader === null ? null : this.link({ type: 'topic', id: topic.broader }),
      narrower: this.links(filed.filter((b) => b.from.type === 'topic' && b.field === 'broader').map((b) => b.from)),
      memos: of('memo'),
      statements: of('statement'),
      sources: of('source'),
      speakers: of('speaker'),
      events: of('event'),
      referencedBy: this.backlinkItems(refOf(topic), (via) => via !== 'field'),
      exports: this.exportLinks(`topic:${topic.id}`, { include: 'all' }),
      matrices: evidenceMatrices(this.view, this.memosUnderTopic(topic)),
      matrixCsv: this.linkMode === 'static' ? null : `/api/elements?scope=topic:${encodeURIComponent(topic.id)}`,
    };
  }

  /** The memos filed under a topic that this reader may see. */
  memosUnderTopic(topic: Topic): Memo[] {
    return this.view.memos().filter((memo) => memo.topics.includes(topic.id));
  }

  list(type: RecordRef['type']): Array<{ link: Link; detail: string | null }> {
    return this.view
      .all(type)
      .map((record) => ({ link: this.link(refOf(record))!, detail: listDetail(record) }))
      .sort((a, b) => a.link.title.localeCompare(b.link.title));
  }

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

/**
 * The file name (without format and ending) under which `dossier build` writes the export of a
 * scope, or null for scopes a static site cannot hold (a search, a selection).
 */
export function staticExportName(scope: string, extra: Record<string, string> = {}): string | null {
  if (scope === 'all') return 'library';
  const [kind, id] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
  if (kind === 'memo') return extra.linked === '1' ? `${id}-with-linked` : id;
  if (kind === 'topic') return `topic-${id}`;
  return null;
}

/** The formats of each memo and topic a static site holds (every format would be most of its size); the library has all. */
export const STATIC_MEMO_EXPORT_FORMAT_IDS: readonly string[] = ['bibtex', 'ris', 'csl-json'];

/** The export formats `dossier build` writes for a scope. */
export function staticExportFormats(scope: string): typeof EXPORT_FORMATS {
  return scope === 'all' ? EXPORT_FORMATS : EXPORT_FORMATS.filter((format) => STATIC_MEMO_EXPORT_FORMAT_IDS.includes(format.id));
}

function listDetail(record: CorpusRecord): string | null {
  switch (record.type) {
    case 'memo':
      return record.summary;
    case 'statement':
      return [record.date, record.kind].filter(Boolean).join(' · ');
    case 'speaker':
      return record.roles.map((role) => [role.title, role.organisation].filter(Boolean).join(', ')).join('; ') || null;
    case 'event':
      return [record.date ?? record.start, record.online ? 'online' : record.place].filter(Boolean).join(' · ');
    case 'topic':
      return record.description;
    case 'source':
      return [record.csl.type, record.verification.verified ? 'verified' : 'unverified'].join(' · ');
  }
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

/** The id of the Problems page row for the first problem at a line of a file. */
export function problemAnchor(file: string, line: number): string {
  return `at-${file.replace(/[^A-Za-z0-9_-]+/g, '-')}-${line}`;
}

/** Diagnostics with the anchor of the first one at each line, for links from pages to them. */
export function anchoredDiagnostics(diagnostics: readonly Diagnostic[]): Array<Diagnostic & { anchor: string | null }> {
  const seen = new Set<string>();
  return diagnostics.map((diagnostic) => {
    const anchor = problemAnchor(diagnostic.file, diagnostic.line);
    const first = !seen.has(anchor);
    seen.add(anchor);
    return { ...diagnostic, anchor: first ? anchor : null };
  });
}


export { describePinpoint, escapeHtml, sentenceHtml, sentencePlain };
export type { Memo, Source, Statement, Speaker, CorpusEvent, Topic };
