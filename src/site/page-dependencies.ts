/**
 * What each file of a static site was made from, so that a build into a site of its own renders
 * again only the files an edit changed. A page is rendered through a view that writes down every
 * record, backlink list, record list and file's problems it asked for; the file's digest is a
 * hash of what those answers are now. When the next build finds the same digest over the same
 * questions asked of the edited corpus, the page would come out the same, and it is kept.
 * Everything a page reads that is not asked through the view (the code, the templates, the
 * citation style, the whole library that citeproc disambiguates over, element sets, the folders
 * that make records internal) is in one global digest: when it changes, every page is rendered.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../model/diagnostic.js';
import { backlinksOf, recordAt, refKey, type Corpus, type CorpusRecord, type RecordRef, type Statement, type Backlink, type Memo, type Speaker, type CorpusEvent, type Topic, type Source } from '../model/records.js';
import { CorpusView } from '../access/index.js';
import { PageBuilder, type Link } from '../render/pages.js';
import { recordContentDigest } from '../corpus/record-digest.js';

/** One question a page asked of the view, as a string (`r:memo:x`, `b:source:y`, `l:statement`, `w:speaker:z`, `u:topic:t`, `p:file`). */
export type DependencyKey = string;

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** A CorpusView that writes down, while a page is rendered, every question the page asks of it. */
export class RecordingCorpusView extends CorpusView {
  private asked: Set<DependencyKey> | null = null;
  /**
   * The backlinks this reader may see, by record, as the page being recorded first asked for them:
   * a source's page asks for its backlinks four times (cited by, referred to by, mentioned in, drawn
   * from), each filtering hundreds of them. Asked again within the same page, the same questions
   * are already written down.
   */
  private pageBacklinks = new Map<string, readonly Backlink[]>();

  /** Starts writing down the questions asked. */
  startRecording(): void {
    this.asked = new Set();
    this.pageBacklinks.clear();
  }

  /** Stops writing down questions; returns what was asked since startRecording. */
  stopRecording(): DependencyKey[] {
    const asked = this.asked === null ? [] : [...this.asked];
    this.asked = null;
    this.pageBacklinks.clear();
    return asked;
  }

  /** While a page is recorded: between pages (the home page, the graph, the problems a build digests) it answers as any anonymous view. */
  override get recordsQuestions(): boolean {
    return this.asked !== null;
  }

  /** Writes a question down (also for the page builder's own questions, such as a file's problems). */
  note(key: DependencyKey): void {
    this.asked?.add(key);
  }

  /**
   * Writes down a question about one record (`r:`) or its backlinks (`b:`). Its key is made only
   * while a page is recorded: the graph and the problems, built through this view outside any
   * page, ask hundreds of thousands of questions.
   */
  private noteRecord(kind: 'r' | 'b', ref: RecordRef): void {
    if (this.asked !== null) this.asked.add(`${kind}:${refKey(ref)}`);
  }

  override get(ref: RecordRef): CorpusRecord | undefined {
    this.noteRecord('r', ref);
    return super.get(ref);
  }

  override mayFollow(ref: RecordRef): boolean {
    this.noteRecord('r', ref);
    return super.mayFollow(ref);
  }

  override backlinks(ref: RecordRef): Backlink[] {
    // The raw list is the dependency; each backlink's record is noted by get() as it is filtered.
    this.noteRecord('b', ref);
    if (this.asked === null) return super.backlinks(ref);
    const key = refKey(ref);
    let visible = this.pageBacklinks.get(key);
    if (visible === undefined) {
      visible = super.backlinks(ref);
      this.pageBacklinks.set(key, visible);
    }
    return [...visible];
  }

  /**
   * The raw list is the dependency, as for backlinks(); the records it looked at until it found one
   * are noted by get() (whether one counts depends on its record's visibility; those after it
   * cannot change the answer while the list and that record stay as they are).
   */
  override hasBacklink(ref: RecordRef, counts: (backlink: Backlink) => boolean): boolean {
    this.noteRecord('b', ref);
    return super.hasBacklink(ref, counts);
  }

  override statementsWith(field: 'speaker' | 'event', id: string): readonly Statement[] {
    this.note(`w:${field}:${id}`);
    // The index is built once for every page: its first reader must not depend on every statement.
    return this.unrecorded(() => super.statementsWith(field, id));
  }

  /** Answers a question whose key was noted by the caller, without noting the questions asked to answer it. */
  unrecorded<T>(answer: () => T): T {
    const asked = this.asked;
    this.asked = null;
    try {
      return answer();
    } finally {
      this.asked = asked;
    }
  }

  override memos(): Memo[] {
    this.note('l:memo');
    return super.memos();
  }
  override statements(): Statement[] {
    this.note('l:statement');
    return super.statements();
  }
  override speakers(): Speaker[] {
    this.note('l:speaker');
    return super.speakers();
  }
  override events(): CorpusEvent[] {
    this.note('l:event');
    return super.events();
  }
  override topics(): Topic[] {
    this.note('l:topic');
    return super.topics();
  }
  override sources(): Source[] {
    this.note('l:source');
    return super.sources();
  }
}

/**
 * A page builder that finds a file's problems in the reader's problems grouped by file once, not by
 * going through every problem of the corpus for each of a thousand files' pages (the same problems,
 * in the same order).
 */
export class FileIndexedPageBuilder extends PageBuilder {
  private problemsByFile: Map<string, Diagnostic[]> | null = null;

  override problemsIn(file: string): Array<Diagnostic & { place: { where: string; record: Link | null } }> {
    if (this.problemsByFile === null) {
      const byFile = new Map<string, Diagnostic[]>();
      for (const problem of this.problems()) {
        const inFile = byFile.get(problem.file);
        if (inFile === undefined) byFile.set(problem.file, [problem]);
        else inFile.push(problem);
      }
      this.problemsByFile = byFile;
    }
    return (this.problemsByFile.get(file) ?? []).map((problem) => ({ ...problem, place: this.placeOfProblem(problem) }));
  }
}

/** A page builder whose per-file problems are noted as a question (they come from a list built once for all pages). */
export class RecordingPageBuilder extends FileIndexedPageBuilder {
  override problemsIn(file: string): Array<Diagnostic & { place: { where: string; record: Link | null } }> {
    (this.view as RecordingCorpusView).note(`p:${file}`);
    return super.problemsIn(file);
  }

  /**
   * The memos filed under a topic, as one question (`u:topic:id`, answered by their digests) rather
   * than the list of every memo: an edit to a memo filed elsewhere leaves the topic's page as it was.
   */
  override memosUnderTopic(topic: Topic): Memo[] {
    const view = this.view as RecordingCorpusView;
    view.note(`u:topic:${topic.id}`);
    return view.unrecorded(() => super.memosUnderTopic(topic));
  }
}

/**
 * The digests of the lists some questions are answered from, kept by a process that builds again
 * and again (`build --watch`): a record's backlinks, and the records of a list page, of a speaker's
 * or event's statements, of a topic's memos. A record is the same object only while its file is
 * unchanged, and so is a backlink while the record that wrote it is (see outgoingReferences and
 * linkCorpus); each such question's answer is made from its list's items alone (a record's digest
 * is its content and its own visibility), so a list of the very items it held before has the digest
 * it had. A backlink list with a mention (made anew by every build) is hashed again.
 */
export class ListDigestCache {
  /** The lists the build under way asked about, and those the build before asked about and this one has not (yet). */
  private kept = new Map<DependencyKey, { readonly items: readonly object[]; readonly digest: string }>();
  private earlier = new Map<DependencyKey, { readonly items: readonly object[]; readonly digest: string }>();

  /** Starts a build: what the build before did not ask about is let go (a record's lists outlive it by one build at most). */
  nextBuild(): void {
    this.earlier = this.kept;
    this.kept = new Map();
  }

  /** The digest of a question answered from a list: the one kept for the same items, else `compute`'s. */
  digestOf(key: DependencyKey, items: readonly object[], compute: () => string): string {
    const before = this.kept.get(key) ?? this.earlier.get(key);
    const same = before !== undefined && before.items.length === items.length && before.items.every((item, at) => item === items[at]);
    const digest = same ? before.digest : compute();
    this.kept.set(key, { items, digest });
    return digest;
  }
}

/** The answers to the questions pages ask, hashed, for one corpus as an anonymous reader sees it. */
export class DependencyDigests {
  private readonly digests = new Map<DependencyKey, string>();
  private readonly view: CorpusView;
  private readonly builder: PageBuilder;

  constructor(
    private readonly corpus: Corpus,
    style: string,
    private readonly listDigests: ListDigestCache | null = null,
  ) {
    // One build's digests: the cache keeps what this build asks about.
    listDigests?.nextBuild();
    this.view = new CorpusView(corpus, false);
    this.builder = new FileIndexedPageBuilder(this.view, this.view.formatter(), style, new Map(), 'static');
  }

  /** The digest of one question's answer now. */
  digestOf(key: DependencyKey): string {
    let digest = this.digests.get(key);
    if (digest === undefined) {
      digest = this.compute(key);
      this.digests.set(key, digest);
    }
    return digest;
  }

  /** The digests of many questions' answers, in order (memoised: a record many pages ask about is hashed once per build). */
  digestsOf(keys: readonly DependencyKey[]): string[] {
    return keys.map((key) => this.digestOf(key));
  }

  /**
   * Which of a previous build's questions have another answer now, by their digests then: a page
   * none of whose questions is among them would come out as it did, and is kept without hashing
   * anything of its own. Each question is answered once, however many pages asked it.
   */
  changedSince(keys: readonly DependencyKey[], digestsThen: readonly string[]): Uint8Array {
    const changed = new Uint8Array(keys.length);
    for (let number = 0; number < keys.length; number++) if (this.digestOf(keys[number]!) !== digestsThen[number]) changed[number] = 1;
    return changed;
  }

  /**
   * What one backlink says. A reference written in a record (a citation, link, embed or field) is
   * made from that record alone (outgoing.ts), so the referring record's digest stands for it (two
   * from one record stand for both, in order); a mention found in an archived text is hashed whole.
   */
  private backlinkDigest(backlink: Backlink): string {
    if (backlink.via !== 'mention') {
      const from = recordAt(this.corpus, backlink.from.type, backlink.from.id);
      if (from !== undefined) return `${refKey(backlink.from)}@${recordContentDigest(from)}`;
    }
    return JSON.stringify(backlink);
  }

  private recordDigest(record: CorpusRecord | undefined): string {
    // Its whole content and whether an anonymous reader may see it: a record turned internal changes it.
    return record === undefined ? 'absent' : `${this.view.isVisible(record) ? 'public' : 'hidden'}:${recordContentDigest(record)}`;
  }

  /** A list's digest: the one kept for the same items (see ListDigestCache), else `compute`'s. */
  private listDigest(key: DependencyKey, items: readonly object[], compute: () => string): string {
    return this.listDigests === null ? compute() : this.listDigests.digestOf(key, items, compute);
  }

  /** The digest of a list of records: each record's digest, in order. */
  private recordsDigest(key: DependencyKey, records: readonly CorpusRecord[]): string {
    return this.listDigest(key, records, () => sha1(records.map((record) => this.digestOf(`r:${refKey(refOfRecord(record))}`)).join(',')));
  }

  private compute(key: DependencyKey): string {
    const colon = key.indexOf(':');
    const kind = colon === -1 ? key : key.slice(0, colon);
    const tail = colon === -1 ? '' : key.slice(colon + 1);
    switch (kind) {
      case 'r': {
        const colon = tail.indexOf(':');
        return this.recordDigest(recordAt(this.corpus, tail.slice(0, colon) as RecordRef['type'], tail.slice(colon + 1)));
      }
      case 'b': {
        const colon = tail.indexOf(':');
        const backlinks = backlinksOf(this.corpus, { type: tail.slice(0, colon), id: tail.slice(colon + 1) } as RecordRef);
        return this.listDigest(key, backlinks, () => sha1(backlinks.map((backlink) => this.backlinkDigest(backlink)).join('\u0000')));
      }
      case 'l':
        return this.recordsDigest(key, this.view.all(tail as RecordRef['type']));
      case 'w': {
        const colon = tail.indexOf(':');
        return this.recordsDigest(key, this.view.statementsWith(tail.slice(0, colon) as 'speaker' | 'event', tail.slice(colon + 1)));
      }
      case 'u': {
        const topic = this.corpus.topics.get(tail.slice(tail.indexOf(':') + 1) as Topic['id']);
        return topic === undefined ? 'absent' : this.recordsDigest(key, this.builder.memosUnderTopic(topic));
      }
      case 'p':
        return sha1(JSON.stringify(this.builder.problemsIn(tail)));
      default:
        // An unknown question (a manifest of another version) never matches: its page is rendered.
        return `unknown:${Math.random()}`;
    }
  }
}

function refOfRecord(record: CorpusRecord): RecordRef {
  return record.type === 'source' ? { type: 'source', id: record.key } : ({ type: record.type, id: record.id } as RecordRef);
}

/**
 * What every page reads besides its questions: the code and templates that render it, the
 * style, and the parts of the corpus that are read whole (the library citeproc formats against,
 * element sets, the folders that make records internal).
 */
export function globalDigest(corpus: Corpus, style: string, codeAndTemplates: string): string {
  const hash = createHash('sha1').update(codeAndTemplates).update(`\u0000${style}\u0000`);
  for (const source of corpus.sources.values()) hash.update(JSON.stringify(source)).update('\u0000');
  for (const set of corpus.elementSets.values()) hash.update(JSON.stringify(set)).update('\u0000');
  hash.update(JSON.stringify(corpus.internalFolders));
  return hash.digest('base64url');
}
