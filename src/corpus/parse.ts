/**
 * The parse stage: raw files into typed records. Markdown goes through the one unified
 * processor, frontmatter through the schemas, bibliographies through citation-js. Every problem
 * is a diagnostic; a record whose id or required fields are unusable is left out, the rest kept.
 */
import type { Root, RootContent } from 'mdast';
import { diagnostic, type Diagnostic, type Place } from '../model/diagnostic.js';
import { isRecordId, type CiteKey, type EventId, type MemoId, type SpeakerId, type StatementId, type TopicId } from '../model/ids.js';
import type { CorpusEvent, ElementSet, EvidenceEntry, MarkdownBody, Memo, Speaker, Statement, Topic, Visibility } from '../model/records.js';
import { blankEvidenceFences, extractEvidence } from './evidence.js';
import { readLibraryFile, type LibraryEntry } from '../citations/library.js';
import type { RawFile } from './load.js';
import { parseMarkdown } from './markdown.js';
import { extractReferences, LineIndex, type ExtractedReferences } from './references.js';
import { headingsText, plainText, proseText } from './block-text.js';
import { parseYamlSource, placesOfAllFields, type YamlSource } from './yaml-source.js';
import {
  eventFrontmatter,
  isValidDate,
  memoFrontmatter,
  speakerFrontmatter,
  statementFrontmatter,
  topicEntry,
  folderDefaults,
  elementSetFile,
  validateFields,
} from './schemas.js';

/** An archived full text of a source, before it is attached to its entry. */
export interface ArchivedText {
  readonly key: string;
  readonly file: string;
  readonly text: string;
}

/** Everything the parse stage produced; records may still point at records that do not exist. */
export interface ParsedCorpus {
  readonly memos: readonly Memo[];
  readonly statements: readonly Statement[];
  readonly speakers: readonly Speaker[];
  readonly events: readonly CorpusEvent[];
  readonly topics: readonly Topic[];
  readonly sources: readonly LibraryEntry[];
  readonly elementSets: readonly ElementSet[];
  readonly archivedTexts: readonly ArchivedText[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A Markdown file split into its frontmatter (with positions) and its parsed body. */
interface MarkdownFile {
  /** The frontmatter, or null when the file has none (already reported). */
  readonly yaml: YamlSource | null;
  readonly evidence: EvidenceEntry[];
  readonly body: MarkdownBody;
  /** The body's tree, for what the parse stage still reads from it; records do not keep it. */
  readonly tree: Root;
  readonly diagnostics: Diagnostic[];
}

/** Parses a file's text the one way dossier does: evidence fences blanked, references read into the tree. */
function parseWithReferences(source: string, lines: LineIndex): { tree: Root; references: ExtractedReferences } {
  // Evidence fences are read from the text as written; the tree is parsed without them.
  const text = blankEvidenceFences(source);
  const tree: Root = parseMarkdown(text);
  return { tree, references: extractReferences(tree, text, lines) };
}

/**
 * The body of a Markdown record as a tree with citation and wiki-link nodes, ready to render.
 * Records keep their source rather than their tree: ten thousand memos' trees were most of the
 * memory and most of the garbage collector's work, while a page is rendered once and cached.
 */
export function bodyTree(body: Pick<MarkdownBody, 'fileText'>): Root {
  const kept = recentTrees.get(body.fileText);
  if (kept !== undefined) {
    recentTrees.delete(body.fileText);
    recentTrees.set(body.fileText, kept);
    return kept;
  }
  const { tree } = parseWithReferences(body.fileText, new LineIndex(body.fileText));
  tree.children = tree.children.filter((node: RootContent) => node.type !== 'yaml');
  recentTrees.set(body.fileText, tree);
  if (recentTrees.size > TREES_KEPT) recentTrees.delete(recentTrees.keys().next().value!);
  return tree;
}

/**
 * The trees of the bodies last asked for, by text: a live rebuild empties the page caches, and the
 * pages of unchanged records are then drawn again from the same text. A tree is a function of its
 * text alone, and shared: no caller may change it (the HTML compiler works on a copy).
 */
const TREES_KEPT = 64;
const recentTrees = new Map<string, Root>();

function parseMarkdownFile(file: RawFile): MarkdownFile {
  const lines = new LineIndex(file.text);
  const { tree, references } = parseWithReferences(file.text, lines);
  const diagnostics: Diagnostic[] = [];
  const first = tree.children[0];
  let yaml: YamlSource | null = null;
  let bodyStart = 0;
  if (first?.type === 'yaml' && first.position) {
    yaml = parseYamlSource(first.value, file.path, { line: first.position.start.line + 1, column: 1 });
    bodyStart = first.position.end.offset ?? 0;
    diagnostics.push(...yaml.diagnostics);
  } else {
    diagnostics.push(
      diagnostic({ file: file.path, line: 1, column: 1 }, 'missing-field', 'no frontmatter: start the file with a "---" line, the fields, and another "---" line'),
    );
  }
  const evidence = extractEvidence(file.text, bodyStart, references.citations, references.links, lines);
  for (const problem of evidence.problems) diagnostics.push(diagnostic({ file: file.path, line: problem.line, column: problem.column }, problem.code, problem.message));
  for (const problem of references.problems) {
    diagnostics.push(diagnostic({ file: file.path, ...lines.position(problem.offset) }, problem.code, problem.message));
  }
  tree.children = tree.children.filter((node: RootContent) => node.type !== 'yaml');
  const rest = file.text.slice(bodyStart);
  const body = rest.replace(/^\r?\n/, '');
  const bodyOffset = bodyStart + rest.length - body.length;
  return {
    yaml,
    diagnostics,
    evidence: evidence.entries,
    tree,
    body: {
      file: file.path,
      fieldPlaces: yaml === null ? {} : placesOfAllFields(yaml),
      fileText: file.text,
      body,
      bodyOffset,
      headings: headingsText(tree),
      prose: proseText(tree),
      citations: references.citations,
      links: references.links,
    },
  };
}

/** The record id: the `id` field when given, else the file name without its ending. */
function recordId(file: RawFile, yaml: YamlSource, diagnostics: Diagnostic[]): string | null {
  const value = (yaml.value as { id?: unknown } | undefined)?.id;
  const fromName = file.path.slice(file.path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const id = value === undefined || value === null ? fromName : String(value);
  if (isRecordId(id)) return id;
  const place: Place = value === undefined ? { file: file.path, line: 1, column: 1 } : yaml.placeOf(['id']);
  diagnostics.push(
    diagnostic(place, 'invalid-id', `"${id}" cannot be an id: use letters, digits, ".", "_" and "-", starting with a letter or digit`),
  );
  return null;
}

/** Reads a list of ids from a field, reporting each one that is not a valid id. */
function idList<T extends string>(values: readonly string[] | undefined, yaml: YamlSource, field: string, diagnostics: Diagnostic[]): T[] {
  const ids: T[] = [];
  (values ?? []).forEach((value, index) => {
    if (isRecordId(value)) ids.push(value as T);
    else diagnostics.push(diagnostic(yaml.placeOf([field, index]), 'invalid-id', `"${value}" in "${field}" is not a valid id`));
  });
  return ids;
}

function optionalId<T extends string>(value: string | undefined, yaml: YamlSource, field: string, diagnostics: Diagnostic[]): T | null {
  if (value === undefined) return null;
  if (isRecordId(value)) return value as T;
  diagnostics.push(diagnostic(yaml.placeOf([field]), 'invalid-id', `"${value}" in "${field}" is not a valid id`));
  return null;
}

function dateOrNull(value: string | undefined): string | null {
  return value !== undefined && isValidDate(value) ? value : null;
}

function parseMemo(file: RawFile, diagnostics: Diagnostic[]): Memo | null {
  const markdown = parseMarkdownFile(file);
  diagnostics.push(...markdown.diagnostics);
  const { yaml } = markdown;
  if (yaml === null) return null;
  const fields = validateFields(memoFrontmatter, yaml);
  diagnostics.push(...fields.diagnostics);
  const id = recordId(file, yaml, diagnostics);
  if (id === null || fields.data === null) return null;
  const data = fields.data;
  return {
    ...markdown.body,
    type: 'memo',
    id: id as MemoId,
    title: data.title.trim(),
    summary: data.summary ?? null,
    topics: idList<TopicId>(data.topics, yaml, 'topics', diagnostics),
    jurisdiction: data.jurisdiction ?? null,
    status: data.status ?? null,
    visibility: (data.visibility ?? 'public') as Visibility,
    authors: data.authors ?? [],
    updated: dateOrNull(data.updated),
    evidence: markdown.evidence,
  };
}

function parseElementSet(file: RawFile, diagnostics: Diagnostic[]): ElementSet | null {
  const yaml = parseYamlSource(file.text, file.path);
  diagnostics.push(...yaml.diagnostics);
  const fields = validateFields(elementSetFile, yaml, [], 'element set');
  diagnostics.push(...fields.diagnostics);
  if (fields.data === null) return null;
  const id = recordId(file, yaml, diagnostics);
  if (id === null) return null;
  return {
    type: 'element-set',
    id,
    file: file.path,
    title: fields.data.title,
    description: fields.data.description ?? null,
    elements: fields.data.elements.map((element) => ({
      id: element.id,
      label: element.label,
      description: element.description ?? null,
      authority: element.authority === undefined ? null : { key: element.authority.key as CiteKey, locator: element.authority.locator ?? null },
    })),
  };
}

function parseStatement(file: RawFile, diagnostics: Diagnostic[]): Statement | null {
  const markdown = parseMarkdownFile(file);
  diagnostics.push(...markdown.diagnostics);
  const { yaml } = markdown;
  if (yaml === null) return null;
  const fields = validateFields(statementFrontmatter, yaml);
  diagnostics.push(...fields.diagnostics);
  const id = recordId(file, yaml, diagnostics);
  if (id === null || fields.data === null) return null;
  const data = fields.data;
  const speaker = optionalId<SpeakerId>(data.speaker, yaml, 'speaker', diagnostics);
  if (speaker === null) return null;
  const text = plainText(markdown.tree);
  if (text === '') {
    diagnostics.push(diagnostic({ file: file.path, line: 1, column: 1 }, 'missing-field', 'the statement has no text: write it below the frontmatter'));
  }
  return {
    ...markdown.body,
    type: 'statement',
    id: id as StatementId,
    speaker,
    role: data.role ?? null,
    event: optionalId<EventId>(data.event, yaml, 'event', diagnostics),
    date: dateOrNull(data.date),
    language: data.language ?? null,
    kind: data.kind,
    source: data.source as CiteKey,
    locator: data.locator ?? null,
    topics: idList<TopicId>(data.topics, yaml, 'topics', diagnostics),
    visibility: (data.visibility ?? 'public') as Visibility,
    text,
  };
}

function parseSpeaker(file: RawFile, diagnostics: Diagnostic[]): Speaker | null {
  const markdown = parseMarkdownFile(file);
  diagnostics.push(...markdown.diagnostics);
  const { yaml } = markdown;
  if (yaml === null) return null;
  const fields = validateFields(speakerFrontmatter, yaml);
  diagnostics.push(...fields.diagnostics);
  const id = recordId(file, yaml, diagnostics);
  if (id === null || fields.data === null) return null;
  const data = fields.data;
  return {
    ...markdown.body,
    type: 'speaker',
    id: id as SpeakerId,
    name: data.name.trim(),
    roles: (data.roles ?? []).map((role) => ({
      title: role.title,
      organisation: role.organisation ?? null,
      from: dateOrNull(role.from),
      to: dateOrNull(role.to),
    })),
    topics: idList<TopicId>(data.topics, yaml, 'topics', diagnostics),
    visibility: (data.visibility ?? 'public') as Visibility,
  };
}

function parseEvent(file: RawFile, diagnostics: Diagnostic[]): CorpusEvent | null {
  const markdown = parseMarkdownFile(file);
  diagnostics.push(...markdown.diagnostics);
  const { yaml } = markdown;
  if (yaml === null) return null;
  const fields = validateFields(eventFrontmatter, yaml);
  diagnostics.push(...fields.diagnostics);
  const id = recordId(file, yaml, diagnostics);
  if (id === null || fields.data === null) return null;
  const data = fields.data;
  if (data.date === undefined && data.start === undefined) {
    diagnostics.push(diagnostic(yaml.placeOf([]), 'missing-field', 'missing field "date" (or "start" and "end") in frontmatter'));
  }
  if (data.place === undefined && data.online !== true) {
    diagnostics.push(diagnostic(yaml.placeOf([]), 'missing-field', 'missing field "place" (or "online: true") in frontmatter'));
  }
  return {
    ...markdown.body,
    type: 'event',
    id: id as EventId,
    title: data.title.trim(),
    date: dateOrNull(data.date),
    start: dateOrNull(data.start),
    end: dateOrNull(data.end),
    place: data.place ?? null,
    online: data.online ?? false,
    organiser: data.organiser ?? null,
    source: (data.source ?? null) as CiteKey | null,
    topics: idList<TopicId>(data.topics, yaml, 'topics', diagnostics),
    visibility: (data.visibility ?? 'public') as Visibility,
  };
}

function parseTopics(file: RawFile, diagnostics: Diagnostic[]): Topic[] {
  const yaml = parseYamlSource(file.text, file.path);
  diagnostics.push(...yaml.diagnostics);
  if (yaml.diagnostics.length > 0) return [];
  let base: Array<string | number> = [];
  let list = yaml.value;
  if (list !== null && typeof list === 'object' && !Array.isArray(list) && 'topics' in list) {
    base = ['topics'];
    list = (list as { topics: unknown }).topics;
  }
  if (!Array.isArray(list)) {
    diagnostics.push(diagnostic(yaml.placeOf([]), 'invalid-field', 'topics.yaml must be a list of topics, each with id and label'));
    return [];
  }
  const topics: Topic[] = [];
  list.forEach((_, index) => {
    const path = [...base, index];
    const fields = validateFields(topicEntry, yaml, path, `topic ${index + 1}`);
    diagnostics.push(...fields.diagnostics);
    if (fields.data === null) return;
    const place = yaml.placeOf(path);
    const id = fields.data.id;
    if (!isRecordId(id)) {
      diagnostics.push(diagnostic(yaml.placeOf([...path, 'id']), 'invalid-id', `"${id}" cannot be a topic id`));
      return;
    }
    const broader = fields.data.broader;
    if (broader !== undefined && !isRecordId(broader)) {
      diagnostics.push(diagnostic(yaml.placeOf([...path, 'broader']), 'invalid-id', `"${broader}" in "broader" is not a valid topic id`));
    }
    topics.push({
      type: 'topic',
      id: id as TopicId,
      file: file.path,
      position: { line: place.line, column: place.column },
      label: fields.data.label,
      description: fields.data.description ?? null,
      broader: broader !== undefined && isRecordId(broader) ? (broader as TopicId) : null,
      ...(fields.data.synonyms === undefined ? {} : { synonyms: fields.data.synonyms }),
    });
  });
  return topics;
}

/** The visibility a `_defaults.yaml` sets, by the folder it is in. */
function readDefaults(files: readonly RawFile[], diagnostics: Diagnostic[]): Map<string, Visibility> {
  const defaults = new Map<string, Visibility>();
  for (const file of files) {
    if (file.kind !== 'defaults') continue;
    const yaml = parseYamlSource(file.text, file.path);
    diagnostics.push(...yaml.diagnostics);
    const fields = validateFields(folderDefaults, yaml, [], 'folder defaults');
    diagnostics.push(...fields.diagnostics);
    if (fields.data?.visibility !== undefined) defaults.set(file.path.slice(0, file.path.lastIndexOf('/')), fields.data.visibility);
  }
  return defaults;
}

/** The default visibility for a file: that of the nearest folder above it with defaults. */
function defaultVisibility(defaults: ReadonlyMap<string, Visibility>, file: string): Visibility | undefined {
  for (let folder = file.slice(0, file.lastIndexOf('/')); folder !== ''; folder = folder.slice(0, Math.max(0, folder.lastIndexOf('/')))) {
    const visibility = defaults.get(folder);
    if (visibility !== undefined) return visibility;
  }
  return undefined;
}

/** What parsing one Markdown record file gave: its record, when it has a usable one, and its problems. */
export interface ParsedFile {
  readonly record: Memo | Statement | Speaker | CorpusEvent | null;
  readonly diagnostics: readonly Diagnostic[];
}

const RECORD_PARSERS = { memo: parseMemo, statement: parseStatement, speaker: parseSpeaker, event: parseEvent } as const;

/** The kinds of file that hold one Markdown record each: the bulk of a corpus, parsed file by file. */
export type RecordFileKind = keyof typeof RECORD_PARSERS;

export function isRecordFile(file: RawFile): file is RawFile & { readonly kind: RecordFileKind } {
  return Object.hasOwn(RECORD_PARSERS, file.kind);
}

/**
 * Parses one record file. The result depends on the file's path, kind and text alone (a folder's
 * default visibility is applied afterwards), so it can be cached, and computed in any thread.
 */
export function parseRecordFile(file: RawFile & { readonly kind: RecordFileKind }): ParsedFile {
  const diagnostics: Diagnostic[] = [];
  const record = RECORD_PARSERS[file.kind](file, diagnostics);
  return { record, diagnostics };
}

/** Parsed record files by path, each valid while its file's kind and text are what they were. */
export class ParseCache {
  private readonly byPath = new Map<string, { readonly kind: RawFile['kind']; readonly text: string; readonly parsed: ParsedFile }>();
  /** Whether entries were added or removed since the cache was last read from or written to disk. */
  private changed = false;

  get(file: RawFile): ParsedFile | undefined {
    const entry = this.byPath.get(file.path);
    return entry !== undefined && entry.kind === file.kind && entry.text === file.text ? entry.parsed : undefined;
  }

  set(file: RawFile, parsed: ParsedFile): void {
    this.byPath.set(file.path, { kind: file.kind, text: file.text, parsed });
    this.changed = true;
  }

  /** Forgets every file not in the list (deleted or renamed since). */
  retain(files: readonly RawFile[]): void {
    const present = new Set(files.map((file) => file.path));
    for (const path of [...this.byPath.keys()]) {
      if (present.has(path)) continue;
      this.byPath.delete(path);
      this.changed = true;
    }
  }

  /** Whether the cache differs from what was last read from or written to disk. */
  get unsaved(): boolean {
    return this.changed;
  }

  /** Notes that the cache is now the same as on disk. */
  saved(): void {
    this.changed = false;
  }

  get size(): number {
    return this.byPath.size;
  }

  /** Every entry, to persist: the file it was parsed from and what it gave. */
  *entries(): IterableIterator<{ file: RawFile; parsed: ParsedFile }> {
    for (const [path, entry] of this.byPath) yield { file: { path, kind: entry.kind, text: entry.text }, parsed: entry.parsed };
  }
}

/** The parse of a record file: from the cache when its text is unchanged, else parsed and cached. */
export function parsedRecordFile(file: RawFile & { readonly kind: RecordFileKind }, cache: ParseCache | undefined): ParsedFile {
  const cached = cache?.get(file);
  if (cached !== undefined) return cached;
  const parsed = parseRecordFile(file);
  cache?.set(file, parsed);
  return parsed;
}

/** Parses every loaded file into records; one broken file never stops the others. */
export function parseCorpusFiles(files: readonly RawFile[], cache?: ParseCache): ParsedCorpus {
  const diagnostics: Diagnostic[] = [];
  const memos: Memo[] = [];
  const statements: Statement[] = [];
  const speakers: Speaker[] = [];
  const events: CorpusEvent[] = [];
  const topics: Topic[] = [];
  const sources: LibraryEntry[] = [];
  const archivedTexts: ArchivedText[] = [];
  const elementSets: ElementSet[] = [];
  const defaults = readDefaults(files, diagnostics);
  const keep = <T extends { file: string; visibility: Visibility; fieldPlaces: Readonly<Record<string, unknown>> }>(list: T[], record: T | null): void => {
    if (record === null) return;
    // A record that does not say its visibility takes its folder's default.
    const folderDefault = record.fieldPlaces.visibility === undefined ? defaultVisibility(defaults, record.file) : undefined;
    list.push(folderDefault === undefined ? record : { ...record, visibility: folderDefault });
  };
  const lists: { [K in RecordFileKind]: Array<NonNullable<ParsedFile['record']>> } = { memo: memos, statement: statements, speaker: speakers, event: events };
  for (const file of files) {
    if (isRecordFile(file)) {
      const parsed = parsedRecordFile(file, cache);
      diagnostics.push(...parsed.diagnostics);
      keep(lists[file.kind], parsed.record);
      continue;
    }
    switch (file.kind) {
      case 'topics':
        topics.push(...parseTopics(file, diagnostics));
        break;
      case 'bibliography': {
        const library = readLibraryFile(file.text, file.path);
        const folderDefault = defaultVisibility(defaults, file.path);
        for (const entry of library.entries) {
          const explicit = (entry.csl.custom as { visibility?: unknown } | undefined)?.visibility !== undefined;
          sources.push(explicit || folderDefault === undefined ? entry : { ...entry, visibility: folderDefault });
        }
        diagnostics.push(...library.diagnostics);
        break;
      }
      case 'defaults':
        break;
      case 'element-set': {
        const set = parseElementSet(file, diagnostics);
        if (set !== null) elementSets.push(set);
        break;
      }
      case 'archived-text': {
        const name = file.path.slice('citations/texts/'.length);
        archivedTexts.push({ key: name.replace(/\.(txt|md)$/, ''), file: file.path, text: file.text });
        break;
      }
    }
  }
  return { memos, statements, speakers, events, topics, sources, elementSets, archivedTexts, diagnostics };
}
