/**
 * The parse stage: raw files into typed records. Markdown goes through the one unified
 * processor, frontmatter through the schemas, bibliographies through citation-js. Every problem
 * is a diagnostic; a record whose id or required fields are unusable is left out, the rest kept.
 */
import { LRUCache } from 'lru-cache';
import type { z } from 'zod';
import type { Root, RootContent } from 'mdast';
import { diagnostic, type Diagnostic, type Place } from '../model/diagnostic.js';
import { eventId, isCiteKey, isRecordId, isTopicId, memoId, speakerId, statementId, topicId, type CiteKey } from '../model/ids.js';
import type { CorpusEvent, ElementSet, EvidenceEntry, MarkdownBody, Memo, RecordRef, Speaker, Statement, Topic, Visibility } from '../model/records.js';
import { blankEvidenceFences, extractEvidence } from './evidence.js';
import type { LibraryEntry, LibraryFile } from './citations/library.js';
import { readVisibilityValue } from './visibility.js';
import type { RawFile } from './load.js';
import { parseMarkdown } from '../syntax/markdown.js';
import { findDeepNesting, MAX_BLOCK_NESTING } from '../syntax/block-nesting.js';
import { findDeepInlineNesting, findOversizedParagraph, MARKDOWN_BOUNDS } from '../syntax/markdown-bounds.js';
import { extractReferences, type ExtractedReferences } from '../syntax/references.js';
import { LineIndex } from '../syntax/line-index.js';
import { headingsText, plainText, proseText } from '../syntax/block-text.js';
import { parseYamlSource, placesOfAllFields, type YamlSource } from '../syntax/yaml-source.js';
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
  /** Folders whose `_defaults` make their records internal (what fails to parse there is confidential too). */
  readonly internalFolders?: readonly string[];
  /** Records whose files exist but could not be read as records (see ParsedFile.unloaded). */
  readonly unloaded?: readonly RecordRef[];
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
  const deep = findDeepInlineNesting(tree);
  if (deep !== null) {
    const message = `emphasis, links and other inline markup nest ${deep.depth} deep here; more than ${MARKDOWN_BOUNDS.inlineNesting} levels cannot be read, so this file is left out`;
    throw new MarkdownBeyondBounds(deep.line, deep.column, 'too-deeply-nested', message);
  }
  return { tree, references: extractReferences(tree, text, lines) };
}

/**
 * A file whose parsed tree passes a bound (see markdown-bounds.ts). Thrown only from the parse
 * below parseRecordFile, which turns it into the diagnostic it carries.
 */
class MarkdownBeyondBounds extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly code: 'too-deeply-nested',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body of a Markdown record as a tree with citation and wiki-link nodes, ready to render.
 * Records keep their source rather than their tree: ten thousand memos' trees were most of the
 * memory and most of the garbage collector's work, while a page is rendered once and cached.
 */
export function bodyTree(body: Pick<MarkdownBody, 'fileText'>): Root {
  const kept = recentTrees.get(body.fileText);
  if (kept !== undefined) return kept;
  const { tree } = parseWithReferences(body.fileText, new LineIndex(body.fileText));
  tree.children = tree.children.filter((node: RootContent) => node.type !== 'yaml');
  recentTrees.set(body.fileText, tree);
  return tree;
}

/**
 * The body tree a page is rendered from, a copy the caller owns (rendering changes it): the tree
 * the parse stage kept (see renderTreeText) read back from its compact text, or else the file
 * parsed again. Either renders to the same HTML.
 */
export function renderBodyTree(body: Pick<MarkdownBody, 'fileText'>): Root {
  const kept = renderTreesInUse ? keptRenderTrees.get(body.fileText) : undefined;
  return kept === undefined ? structuredClone(bodyTree(body)) : (JSON.parse(kept) as Root);
}

let renderTreesInUse = true;

/** The tree kept for a record file's text by this thread's parse, as compact text (to lend to a render worker). */
export function keptRenderTree(fileText: string): string | undefined {
  return keptRenderTrees.get(fileText);
}

/**
 * Lends this thread the kept tree of a text another thread parsed (a render worker is given the
 * trees of the pages it renders with its jobs, as the parse cache on disk holds none); returns the
 * function that takes it back. A tree is a function of its text alone, so a loan under the wrong
 * text is never looked up.
 */
export function lendRenderTree(fileText: string, tree: string): () => void {
  if (keptRenderTrees.has(fileText)) return () => undefined;
  keptRenderTrees.set(fileText, tree);
  return () => {
    if (keptRenderTrees.get(fileText) === tree) keptRenderTrees.delete(fileText);
  };
}

/**
 * Runs `draw` with every body parsed again rather than read from its kept tree: the way pages
 * were drawn before trees were kept, which the kept trees must reproduce byte for byte.
 */
export function drawnWithoutKeptTrees<T>(draw: () => T): T {
  renderTreesInUse = false;
  try {
    return draw();
  } finally {
    renderTreesInUse = true;
  }
}

/** The nodes whose first line a rendered page uses: paragraph anchors, and a missing reference's link to Problems. */
const NODES_WITH_LINE = new Set(['paragraph', 'listItem', 'citation', 'wikiLink']);

/**
 * A body tree as rendering reads it, as compact text: positions only where rendering uses them
 * (the first line of the nodes above), and a reference node without the record the parse stage
 * filled in (its sentence, its place), which rendering never reads. About three times the size
 * of the file's text, where the whole tree in memory is some thirty. The tree is trimmed on the
 * way: this is the last use of it.
 */
function renderTreeText(tree: Root): string {
  // The tree is this parse's own and dropped after this: trimmed in place, it is written without a
  // replacer, which JSON.stringify called for every key of every node (most of the time it took).
  const pending: object[] = [tree];
  while (pending.length > 0) {
    const holder = pending.pop() as Record<string, unknown>;
    if (Object.hasOwn(holder, 'position')) {
      const start = (holder.position as { start?: { line?: number } } | undefined)?.start;
      holder.position = typeof holder.type === 'string' && NODES_WITH_LINE.has(holder.type) && start !== undefined ? { start: { line: start.line } } : undefined;
    }
    if ((holder.type === 'citation' || holder.type === 'wikiLink') && Object.hasOwn(holder, 'record')) holder.record = undefined;
    for (const key in holder) {
      const value = holder[key];
      if (key !== 'position' && typeof value === 'object' && value !== null) pending.push(value);
    }
  }
  return JSON.stringify(tree);
}

/**
 * The kept render trees of the record files parse caches hold, by the file's text (a tree is a
 * function of its text alone). A cache adds the trees of what it holds and removes them when it
 * forgets a file or its text changes, so the pages of a build draw bodies from the parse
 * instead of parsing them a second time.
 */
const keptRenderTrees = new Map<string, string>();

/**
 * The trees of the bodies last asked for, by text: a live rebuild empties the page caches, and the
 * pages of unchanged records are then drawn again from the same text. A tree is a function of its
 * text alone, and shared: no caller may change it (the HTML compiler works on a copy).
 */
const TREES_KEPT = 64;
const recentTrees = new LRUCache<string, Root>({ max: TREES_KEPT });

function parseMarkdownFile(file: RawFile): MarkdownFile {
  const lines = new LineIndex(file.text);
  const { tree, references } = parseWithReferences(file.text, lines);
  const diagnostics: Diagnostic[] = [];
  const first = tree.children[0];
  let yaml: YamlSource | null = null;
  let bodyStart = 0;
  const unclosed = first?.type === 'yaml' ? null : unclosedFrontmatter(file.text);
  if (first?.type === 'yaml' && first.position) {
    yaml = parseYamlSource(first.value, file.path, { line: first.position.start.line + 1, column: 1 });
    bodyStart = first.position.end.offset ?? 0;
    for (const item of yaml.diagnostics) diagnostics.push(item);
  } else if (unclosed !== null) {
    diagnostics.push(
      diagnostic(
        { file: file.path, line: 1, column: 1 },
        'yaml-syntax',
        `the frontmatter that starts here has no closing "---" line: add one after its last field (line ${unclosed.lastFieldLine})`,
      ),
    );
    // The fields are still read, up to the first line that is not one, so their problems are found too.
    yaml = parseYamlSource(unclosed.fields, file.path, { line: 2, column: 1 });
    bodyStart = unclosed.bodyOffset;
    for (const item of yaml.diagnostics) diagnostics.push(item);
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

/**
 * A file that opens with a `---` line that is never closed: its fields are the lines from the
 * second up to the first that cannot be one (blank, a heading, prose without `key:`).
 */
function unclosedFrontmatter(text: string): { fields: string; lastFieldLine: number; bodyOffset: number } | null {
  const lines = text.split('\n');
  if (lines[0]?.replace(/\r$/, '').trimEnd() !== '---') return null;
  let end = 1;
  while (end < lines.length && /^(?:[A-Za-z_][\w-]*\s*:|\s+\S|-\s|#)/.test(lines[end]!)) end++;
  if (end === 1) return null;
  const bodyOffset = lines.slice(0, end).reduce((length, line) => length + line.length + 1, 0);
  return { fields: lines.slice(1, end).join('\n'), lastFieldLine: end, bodyOffset: Math.min(bodyOffset, text.length) };
}

/** The id a file's name gives it: the name without its folder and ending. */
function fileId(file: RawFile): string {
  return file.path.slice(file.path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
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

/** A cite key from a field, or null; one that cannot be a key (spaces, braces) is reported at the field. */
function citeKeyField(value: string | undefined, yaml: YamlSource, field: string | Array<string | number>, diagnostics: Diagnostic[]): CiteKey | null {
  if (value === undefined) return null;
  if (isCiteKey(value)) return value;
  const path = Array.isArray(field) ? field : [field];
  diagnostics.push(diagnostic(yaml.placeOf(path), 'invalid-id', `"${value}" in "${path.join('.')}" cannot be a cite key: a key has no spaces or braces`));
  return null;
}

/** An element's authority: its key checked (an impossible one is reported and the authority dropped). */
function elementAuthority(authority: { key: string; locator?: string | undefined } | undefined, yaml: YamlSource, index: number, diagnostics: Diagnostic[]): { key: CiteKey; locator: string | null } | null {
  if (authority === undefined) return null;
  const key = citeKeyField(authority.key, yaml, ['elements', index, 'authority', 'key'], diagnostics);
  return key === null ? null : { key, locator: authority.locator ?? null };
}

/** A checked id (or null), branded. */
function optionalBrand<T>(value: string | null | undefined, brand: (value: string) => T): T | null {
  return value === null || value === undefined ? null : brand(value);
}

function dateOrNull(value: string | undefined): string | null {
  return value !== undefined && isValidDate(value) ? value : null;
}

export function parseElementSet(file: RawFile, diagnostics: Diagnostic[]): ElementSet | null {
  const yaml = parseYamlSource(file.text, file.path);
  for (const item of yaml.diagnostics) diagnostics.push(item);
  const fields = validateFields(elementSetFile, yaml, [], 'element set', { title: fileId(file) });
  for (const item of fields.diagnostics) diagnostics.push(item);
  if (fields.data === null) return null;
  const id = recordId(file, yaml, diagnostics);
  if (id === null) return null;
  return {
    type: 'element-set',
    id,
    file: file.path,
    title: fields.data.title,
    description: fields.data.description ?? null,
    elements: fields.data.elements.map((element, index) => ({
      id: element.id,
      label: element.label,
      description: element.description ?? null,
      authority: elementAuthority(element.authority, yaml, index, diagnostics),
    })),
  };
}

/** The ids a record's reference fields hold once each has been checked (invalid ones reported and dropped). */
interface CheckedReferences {
  /** Each single-id field: its id, or null when absent or invalid. */
  readonly one: Readonly<Record<string, string | null>>;
  /** Each list-of-ids field: its valid ids. */
  readonly many: Readonly<Record<string, string[]>>;
}

/** What a descriptor's build step is given: everything already read and checked. */
interface RecordParts<Data> {
  readonly file: RawFile;
  readonly markdown: MarkdownFile;
  readonly id: string;
  readonly data: Data;
  readonly references: CheckedReferences;
  readonly visibility: Visibility;
  /** The body as plain text, for records whose body is their text (else empty). */
  readonly text: string;
  /** The frontmatter with its places, and where the build step reports what it finds. */
  readonly yaml: YamlSource;
  readonly diagnostics: Diagnostic[];
}

/**
 * How one type of Markdown record is read: everything the generic parser below does not share.
 * The steps run in the order listed here, and diagnostics come out in that order.
 */
interface RecordDescriptor<S extends z.ZodObject, R> {
  /** The frontmatter schema (from schemas.ts). */
  readonly schema: S;
  /** Values that stand in for required fields that are missing or unusable, so the record is kept. */
  readonly fallback?: (file: RawFile) => Readonly<Record<string, unknown>>;
  /** Single-id fields without which there is no record: an absent or invalid one leaves the record out. */
  readonly requiredReferences?: readonly string[];
  /** Whether the body is the record's text (a statement's words), so an empty one is reported. */
  readonly bodyIsText?: { readonly emptyMessage: string };
  /** Checks of the body and of fields the schema cannot express together; they report, never leave out. */
  readonly check?: (data: z.output<S>, yaml: YamlSource) => Diagnostic[];
  /** Single-id fields that may be absent; an invalid one is reported and read as absent. */
  readonly optionalReferences?: readonly string[];
  /** List-of-ids fields; each invalid id is reported and dropped. */
  readonly referenceLists?: readonly string[];
  /** The record, from the parts read and checked above; null (with a diagnostic) leaves it out. */
  readonly build: (parts: RecordParts<z.output<S>>) => R | null;
}

/** One Markdown record file read by its type's descriptor: frontmatter, id, references, visibility, body. */
function parseDescribedRecord<S extends z.ZodObject, R>(descriptor: RecordDescriptor<S, R>, file: RawFile, diagnostics: Diagnostic[], kept: KeptParts): R | null {
  const markdown = parseMarkdownFile(file);
  for (const item of markdown.diagnostics) diagnostics.push(item);
  const { yaml } = markdown;
  if (yaml === null) return null;
  const fields = validateFields(descriptor.schema, yaml, [], 'frontmatter', descriptor.fallback?.(file) ?? {});
  for (const item of fields.diagnostics) diagnostics.push(item);
  const id = recordId(file, yaml, diagnostics);
  if (id === null || fields.data === null) return null;
  const data = fields.data;
  const values = data as Readonly<Record<string, unknown>>;
  const one: Record<string, string | null> = {};
  for (const field of descriptor.requiredReferences ?? []) {
    one[field] = optionalId(values[field] as string | undefined, yaml, field, diagnostics);
    if (one[field] === null) return null;
  }
  const text = descriptor.bodyIsText === undefined ? '' : plainText(markdown.tree);
  if (descriptor.bodyIsText !== undefined && text === '') {
    diagnostics.push(diagnostic({ file: file.path, line: 1, column: 1 }, 'missing-field', descriptor.bodyIsText.emptyMessage));
  }
  for (const item of descriptor.check?.(data, yaml) ?? []) diagnostics.push(item);
  for (const field of descriptor.optionalReferences ?? []) one[field] = optionalId(values[field] as string | undefined, yaml, field, diagnostics);
  const many: Record<string, string[]> = {};
  for (const field of descriptor.referenceLists ?? []) many[field] = idList(values[field] as string[] | undefined, yaml, field, diagnostics);
  const visibility = readVisibilityValue(values.visibility as string | undefined, 'visibility', yaml.placeOf(['visibility']), diagnostics) ?? 'public';
  const record = descriptor.build({ file, markdown, id, data, references: { one, many }, visibility, text, yaml, diagnostics });
  if (record !== null) kept.renderTree = renderTreeText(markdown.tree);
  return record;
}

/** What a record's parse keeps besides the record: its body tree as rendering reads it. */
interface KeptParts {
  renderTree?: string;
}

const memoRecord: RecordDescriptor<typeof memoFrontmatter, Memo> = {
  schema: memoFrontmatter,
  fallback: (file) => ({ title: fileId(file) }),
  referenceLists: ['topics'],
  build: ({ markdown, id, data, references, visibility }) => ({
    ...markdown.body,
    type: 'memo',
    id: memoId(id),
    title: data.title.trim(),
    summary: data.summary ?? null,
    topics: (references.many.topics ?? []).map(topicId),
    jurisdiction: data.jurisdiction ?? null,
    status: data.status ?? null,
    visibility,
    authors: data.authors ?? [],
    updated: dateOrNull(data.updated),
    evidence: markdown.evidence,
  }),
};

const statementRecord: RecordDescriptor<typeof statementFrontmatter, Statement> = {
  schema: statementFrontmatter,
  fallback: () => ({ kind: 'paraphrase' }),
  requiredReferences: ['speaker'],
  // The body is the statement itself: without text there is nothing said.
  bodyIsText: { emptyMessage: 'the statement has no text: write it below the frontmatter' },
  optionalReferences: ['event'],
  referenceLists: ['topics'],
  build: ({ markdown, id, data, references, visibility, text, yaml, diagnostics }) => {
    // Without a source that can be a cite key, a statement cannot be attributed: it is left out.
    const source = citeKeyField(data.source, yaml, 'source', diagnostics);
    if (source === null) return null;
    return {
      ...markdown.body,
      type: 'statement',
      id: statementId(id),
      speaker: speakerId(references.one.speaker!),
      role: data.role ?? null,
      event: optionalBrand(references.one.event, eventId),
      date: dateOrNull(data.date),
      language: data.language ?? null,
      kind: data.kind,
      source,
      locator: data.locator ?? null,
      topics: (references.many.topics ?? []).map(topicId),
      visibility,
      text,
    };
  },
};

const speakerRecord: RecordDescriptor<typeof speakerFrontmatter, Speaker> = {
  schema: speakerFrontmatter,
  fallback: (file) => ({ name: fileId(file) }),
  referenceLists: ['topics'],
  build: ({ markdown, id, data, references, visibility }) => ({
    ...markdown.body,
    type: 'speaker',
    id: speakerId(id),
    name: data.name.trim(),
    roles: (data.roles ?? []).map((role) => ({
      title: role.title,
      organisation: role.organisation ?? null,
      from: dateOrNull(role.from),
      to: dateOrNull(role.to),
    })),
    topics: (references.many.topics ?? []).map(topicId),
    visibility,
  }),
};

const eventRecord: RecordDescriptor<typeof eventFrontmatter, CorpusEvent> = {
  schema: eventFrontmatter,
  fallback: (file) => ({ title: fileId(file) }),
  check: (data, yaml) => [
    ...(data.date === undefined && data.start === undefined
      ? [diagnostic(yaml.placeOf([]), 'missing-field', 'missing field "date" (or "start" and "end") in frontmatter')]
      : []),
    ...(data.place === undefined && data.online !== true
      ? [diagnostic(yaml.placeOf([]), 'missing-field', 'missing field "place" (or "online: true") in frontmatter')]
      : []),
  ],
  referenceLists: ['topics'],
  build: ({ markdown, id, data, references, visibility, yaml, diagnostics }) => ({
    ...markdown.body,
    type: 'event',
    id: eventId(id),
    title: data.title.trim(),
    date: dateOrNull(data.date),
    start: dateOrNull(data.start),
    end: dateOrNull(data.end),
    place: data.place ?? null,
    online: data.online ?? false,
    organiser: data.organiser ?? null,
    source: citeKeyField(data.source, yaml, 'source', diagnostics),
    topics: (references.many.topics ?? []).map(topicId),
    visibility,
  }),
};

export function parseTopics(file: RawFile, diagnostics: Diagnostic[]): Topic[] {
  const yaml = parseYamlSource(file.text, file.path);
  for (const item of yaml.diagnostics) diagnostics.push(item);
  if (yaml.value === undefined) return [];
  let base: Array<string | number> = [];
  let list: unknown = yaml.value;
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
    // A topic without a usable label is still a topic: its id stands in, so what files under it keeps it.
    const rawId = (list as Array<{ id?: unknown } | null>)[index]?.id;
    const fields = validateFields(topicEntry, yaml, path, `topic ${index + 1}`, typeof rawId === 'string' ? { label: rawId } : {});
    for (const item of fields.diagnostics) diagnostics.push(item);
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
      id: topicId(id),
      file: file.path,
      position: { line: place.line, column: place.column },
      label: fields.data.label,
      description: fields.data.description ?? null,
      broader: broader !== undefined && isTopicId(broader) ? broader : null,
      ...(fields.data.synonyms === undefined ? {} : { synonyms: fields.data.synonyms }),
    });
  });
  return topics;
}

/** The visibility a `_defaults.yaml` sets, by the folder it is in. */
export function readDefaults(files: readonly RawFile[], diagnostics: Diagnostic[]): Map<string, Visibility> {
  const defaults = new Map<string, Visibility>();
  for (const file of files) {
    if (file.kind !== 'defaults') continue;
    const yaml = parseYamlSource(file.text, file.path);
    for (const item of yaml.diagnostics) diagnostics.push(item);
    const fields = validateFields(folderDefaults, yaml, [], 'folder defaults');
    for (const item of fields.diagnostics) diagnostics.push(item);
    const folder = file.path.slice(0, file.path.lastIndexOf('/'));
    // Fail closed: defaults that cannot be read, or that are not a mapping, make their folder internal.
    const unreadable = file.unreadable === true || yaml.diagnostics.length > 0 || fields.data === null;
    const visibility = unreadable ? 'internal' : readVisibilityValue(fields.data?.visibility, 'visibility', yaml.placeOf(['visibility']), diagnostics);
    if (visibility === undefined) continue;
    // Both spellings in one folder: the stricter wins.
    if (defaults.get(folder) !== 'internal') defaults.set(folder, visibility);
  }
  return defaults;
}

/** The default visibility for a file: that of the nearest folder above it with defaults. */
export function defaultVisibility(defaults: ReadonlyMap<string, Visibility>, file: string): Visibility | undefined {
  for (let folder = file.slice(0, file.lastIndexOf('/')); folder !== ''; folder = folder.slice(0, Math.max(0, folder.lastIndexOf('/')))) {
    const visibility = defaults.get(folder);
    if (visibility !== undefined) return visibility;
  }
  return undefined;
}

/** The generic parser bound to one descriptor, as the table below holds it. */
function parserFor<S extends z.ZodObject, R>(descriptor: RecordDescriptor<S, R>): (file: RawFile, diagnostics: Diagnostic[], kept: KeptParts) => R | null {
  return (file, diagnostics, kept) => parseDescribedRecord(descriptor, file, diagnostics, kept);
}

/** What parsing one Markdown record file gave: its record, when it has a usable one, and its problems. */
export interface ParsedFile {
  readonly record: Memo | Statement | Speaker | CorpusEvent | null;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The record a file meant to hold when it could not hold one (its problems are reported in it):
   * references to it are not reported again as references to a record that does not exist.
   */
  readonly unloaded?: RecordRef;
  /**
   * The record's body tree as rendering reads it (see renderTreeText), so that its page is not
   * parsed again; absent for a file that gave no record, or a parse cache written before.
   */
  readonly renderTree?: string;
  /** A bibliography file's entries and problems (a bibliography gives no record). */
  readonly library?: LibraryFile;
  /** A topics file's topics (its problems are in `diagnostics`; it gives no record). */
  readonly topics?: readonly Topic[];
}

/** A parse with its record's file text and body left out (see withText), to be sent where the file's text is known. */
export function withoutText(parsed: ParsedFile): ParsedFile {
  return parsed.record === null ? parsed : { ...parsed, record: { ...parsed.record, fileText: '', body: '' } };
}

/** A parsing thread's answer to a batch: each file's parse (null for a file that is not a record file), or why it failed. */
export interface ParseReply {
  readonly parsed?: Array<ParsedFile | null>;
  readonly error?: string;
}

/**
 * A parsing thread's answer to a batch of files (a parse worker's, or a render worker's lent to the
 * parse): each parse without its text, which the main thread holds already (withoutText, put back
 * there with withText), instead of copied twice more into the message and out of it. `keep` hears
 * each whole parse first (a render worker keeps them for its own corpus).
 */
export function parseBatch(files: readonly RawFile[], keep?: (file: RawFile, parsed: ParsedFile) => void): ParseReply {
  try {
    return {
      parsed: files.map((file) => {
        if (!isRecordFile(file)) return null;
        const parsed = parseRecordFile(file);
        keep?.(file, parsed);
        return withoutText(parsed);
      }),
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** A parse sent without its record's text (withoutText) with the text put back: the file's own, and the body sliced from it. */
export function withText(parsed: ParsedFile, fileText: string): ParsedFile {
  if (parsed.record === null) return parsed;
  // The record came out of a message, for this parse alone, so it is completed in place.
  const record = parsed.record as { fileText: string; body: string; bodyOffset: number };
  record.fileText = fileText;
  record.body = fileText.slice(record.bodyOffset);
  return parsed;
}

/** The parser of each kind of record file: the one generic parser, with that kind's descriptor. */
const RECORD_PARSERS = {
  memo: parserFor(memoRecord),
  statement: parserFor(statementRecord),
  speaker: parserFor(speakerRecord),
  event: parserFor(eventRecord),
} as const;

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
  const deep = findDeepNesting(file.text);
  if (deep !== null) {
    const message = `block quotes and lists nest ${deep.depth} deep here; more than ${MAX_BLOCK_NESTING} levels cannot be read, so this file is left out`;
    return { record: null, diagnostics: [diagnostic({ file: file.path, line: deep.line, column: deep.column }, 'too-deeply-nested', message)] };
  }
  // Checked before micromark runs: its work grows faster than a paragraph (see markdown-bounds.ts).
  const oversized = findOversizedParagraph(file.text);
  if (oversized !== null) {
    return { record: null, diagnostics: [diagnostic({ file: file.path, line: oversized.line, column: oversized.column }, oversized.code, oversized.message)] };
  }
  const diagnostics: Diagnostic[] = [];
  try {
    const kept: KeptParts = {};
    const record = RECORD_PARSERS[file.kind](file, diagnostics, kept);
    if (record !== null) return kept.renderTree === undefined ? { record, diagnostics } : { record, diagnostics, renderTree: kept.renderTree };
    const id = fileId(file);
    return isRecordId(id) ? { record, diagnostics, unloaded: { type: file.kind, id } as RecordRef } : { record, diagnostics };
  } catch (error) {
    if (error instanceof MarkdownBeyondBounds) {
      return { record: null, diagnostics: [diagnostic({ file: file.path, line: error.line, column: error.column }, error.code, error.message)] };
    }
    return { record: null, diagnostics: [unprocessableFile(file, error)] };
  }
}

/**
 * The diagnostic for a file that made a parser fail (a library's limit, or a bug of ours): the
 * file is left out and the rest of the corpus still loads.
 */
export function unprocessableFile(file: RawFile, error: unknown): Diagnostic {
  const reason = error instanceof RangeError ? 'it is too large or too deeply nested' : `the parser failed (${(error as Error)?.message ?? String(error)})`;
  return diagnostic({ file: file.path, line: 1, column: 1 }, 'unreadable-file', `this file could not be processed: ${reason}; it is left out`);
}

/** Parsed record files by path, each valid while its file's kind and text are what they were. */
export class ParseCache {
  private readonly byPath = new Map<string, { readonly kind: RawFile['kind']; readonly text: string; readonly parsed: ParsedFile }>();
  /** The paths whose entries were added, replaced or removed since the cache was last read from or written to disk. */
  private readonly changed = new Set<string>();

  get(file: RawFile): ParsedFile | undefined {
    const entry = this.byPath.get(file.path);
    return entry !== undefined && entry.kind === file.kind && entry.text === file.text ? entry.parsed : undefined;
  }

  set(file: RawFile, parsed: ParsedFile): void {
    const before = this.byPath.get(file.path);
    if (before !== undefined && before.text !== file.text) forgetRenderTree(before.text, before.parsed);
    this.byPath.set(file.path, { kind: file.kind, text: file.text, parsed });
    if (parsed.renderTree !== undefined) keptRenderTrees.set(file.text, parsed.renderTree);
    this.changed.add(file.path);
  }

  /** Forgets every file not in the list (deleted or renamed since). */
  retain(files: readonly RawFile[]): void {
    const present = new Set(files.map((file) => file.path));
    for (const path of [...this.byPath.keys()]) {
      if (present.has(path)) continue;
      const entry = this.byPath.get(path)!;
      forgetRenderTree(entry.text, entry.parsed);
      this.byPath.delete(path);
      this.changed.add(path);
    }
  }

  /** Whether the cache differs from what was last read from or written to disk. */
  get unsaved(): boolean {
    return this.changed.size > 0;
  }

  /** The paths whose entries differ from what was last read from or written to disk (so that only their part of it is written). */
  get unsavedPaths(): ReadonlySet<string> {
    return this.changed;
  }

  /** Notes that the cache is now the same as on disk. */
  saved(): void {
    this.changed.clear();
  }

  /** The entry of one path, whatever its text: to persist it. */
  entryAt(path: string): { file: RawFile; parsed: ParsedFile } | undefined {
    const entry = this.byPath.get(path);
    return entry === undefined ? undefined : { file: { path, kind: entry.kind, text: entry.text }, parsed: entry.parsed };
  }

  get size(): number {
    return this.byPath.size;
  }

  /** Every entry, to persist: the file it was parsed from and what it gave. */
  *entries(): IterableIterator<{ file: RawFile; parsed: ParsedFile }> {
    for (const [path, entry] of this.byPath) yield { file: { path, kind: entry.kind, text: entry.text }, parsed: entry.parsed };
  }
}

/** Drops the kept render tree of a text a cache no longer holds (unless another file holds the same text). */
function forgetRenderTree(text: string, parsed: ParsedFile): void {
  if (parsed.renderTree !== undefined && keptRenderTrees.get(text) === parsed.renderTree) keptRenderTrees.delete(text);
}

/** The parse of a record file: from the cache when its text is unchanged, else parsed and cached. */
export function parsedRecordFile(file: RawFile & { readonly kind: RecordFileKind }, cache: ParseCache | undefined): ParsedFile {
  const cached = cache?.get(file);
  if (cached !== undefined) return cached;
  const parsed = parseRecordFile(file);
  cache?.set(file, parsed);
  return parsed;
}
