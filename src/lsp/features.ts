/**
 * What the language server answers, as functions of the corpus and the document's text: the
 * diagnostics of a file, completions at a place, the hover and the definition of a cite key or a
 * wiki-link, and the quick fixes of "did you mean …?". Positions are the editor's (0-based lines,
 * UTF-16 characters), the corpus's are 1-based; the conversion happens here and only here.
 */
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic as EditorDiagnostic,
  type Hover,
  type Location,
  type Position as EditorPosition,
  type Range,
} from 'vscode-languageserver/node';
import { CitationFormatter, DEFAULT_STYLE_ID } from '../corpus/citations/format.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { isCiteKey, type CiteKey } from '../model/ids.js';
import type { Corpus, RecordRef, Source } from '../model/records.js';
import { recordsOf } from '../model/records.js';

/** What a quick fix needs, carried on each diagnostic from `publish` to `codeAction`: the id and where it is written. */
interface FixData {
  readonly replace: string;
  readonly suggestions: readonly string[];
  readonly range: Range;
}

/** The wiki-link prefixes, by record type; a memo is linked without one. */
const LINK_PREFIX: Readonly<Record<Exclude<RecordRef['type'], 'source'>, string>> = {
  memo: '',
  statement: 'statement:',
  speaker: 'speaker:',
  event: 'event:',
  topic: 'topic:',
};

function lineOf(text: string, line: number): string {
  const lines = text.split('\n');
  return (lines[line] ?? '').replace(/\r$/, '');
}

/** The corpus's diagnostics of one file, placed in the editor; a suggestion's range covers the id it replaces. */
export function editorDiagnostics(corpus: Corpus, relative: string, text: string): EditorDiagnostic[] {
  return corpus.diagnostics
    .filter((d) => d.file === relative)
    .map((d) => {
      const { range, replaced } = diagnosticRange(d, text);
      const fix: FixData | undefined =
        d.suggestions !== undefined && d.replace !== undefined && replaced !== null ? { replace: d.replace, suggestions: d.suggestions, range: replaced } : undefined;
      return {
        range,
        severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        code: d.code,
        source: 'dossier',
        message: d.message,
        ...(fix === undefined ? {} : { data: fix }),
      };
    });
}

/**
 * From the diagnostic's place (the one `dossier check` prints) to the end of what it is about: the
 * id it names, else the end of the line; and where that id is written, for its quick fix.
 */
function diagnosticRange(d: Diagnostic, text: string): { range: Range; replaced: Range | null } {
  const line = Math.max(0, d.line - 1);
  const character = Math.max(0, d.column - 1);
  const lineText = lineOf(text, line);
  const start = { line, character };
  if (d.replace !== undefined) {
    const found = lineText.indexOf(d.replace, character);
    if (found !== -1) {
      const end = { line, character: found + d.replace.length };
      return { range: { start, end }, replaced: { start: { line, character: found }, end } };
    }
  }
  return { range: { start, end: { line, character: Math.max(character + 1, lineText.length) } }, replaced: null };
}

/** One quick fix per suggestion of each "did you mean" diagnostic given. */
export function quickFixes(uri: string, diagnostics: readonly EditorDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const fix = d.data as FixData | undefined;
    if (fix === undefined || !Array.isArray(fix.suggestions)) continue;
    fix.suggestions.forEach((suggestion, index) => {
      actions.push({
        title: `Change "${fix.replace}" to "${suggestion}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: index === 0,
        edit: { changes: { [uri]: [{ range: fix.range, newText: suggestion }] } },
      });
    });
  }
  return actions;
}

/** A formatted reference as plain text for the editor: the style's HTML without its tags. */
function plainReference(formatter: CitationFormatter, key: CiteKey): string {
  const html = formatter.formatReference(DEFAULT_STYLE_ID, key);
  return html === null ? '' : hastToString(fromHtml(html, { fragment: true })).replace(/\s+/g, ' ').trim();
}

function verificationText(source: Source): string {
  if (source.verification.verified) return `Verified${source.verification.note === null ? '' : `: ${source.verification.note}`}`;
  return `Unverified${source.verification.note === null ? '' : `: ${source.verification.note}`}`;
}

/** Formatters by corpus: one per build, since formatting a library once is the slow part. */
const formatters = new WeakMap<Corpus, CitationFormatter>();
function formatterOf(corpus: Corpus): CitationFormatter {
  let formatter = formatters.get(corpus);
  if (formatter === undefined) {
    formatter = new CitationFormatter(corpus.sources);
    formatters.set(corpus, formatter);
  }
  return formatter;
}

function sourceMarkdown(corpus: Corpus, source: Source): string {
  const reference = plainReference(formatterOf(corpus), source.key);
  return [`**@${source.key}**`, '', reference === '' ? String(source.csl.title ?? '') : reference, '', `_${verificationText(source)}_`].join('\n');
}

/** The completions at a place: cite keys after `@`, record ids inside `[[`, topics in a `topics` field. */
export function completionsAt(corpus: Corpus, text: string, position: EditorPosition): CompletionItem[] {
  const before = lineOf(text, position.line).slice(0, position.character);
  const citation = /(?:^|[\s[;(-])@([^\s\];,]*)$/.exec(before);
  if (citation !== null) {
    const range = { start: { line: position.line, character: position.character - citation[1]!.length }, end: position };
    return [...corpus.sources.values()].map((source) => ({
      label: source.key,
      kind: CompletionItemKind.Reference,
      detail: typeof source.csl.title === 'string' ? source.csl.title : undefined,
      documentation: { kind: MarkupKind.Markdown, value: sourceMarkdown(corpus, source) },
      textEdit: { range, newText: source.key },
    }));
  }
  const link = /\[\[([^\]|]*)$/.exec(before);
  if (link !== null) {
    const range = { start: { line: position.line, character: position.character - link[1]!.length }, end: position };
    const items: CompletionItem[] = [];
    const add = (type: keyof typeof LINK_PREFIX, id: string, detail: string): void => {
      const target = `${LINK_PREFIX[type]}${id}`;
      items.push({ label: target, kind: CompletionItemKind.File, detail, textEdit: { range, newText: target } });
    };
    for (const memo of corpus.memos.values()) add('memo', memo.id, memo.title);
    for (const statement of corpus.statements.values()) add('statement', statement.id, `statement by ${statement.speaker}`);
    for (const speaker of corpus.speakers.values()) add('speaker', speaker.id, speaker.name);
    for (const event of corpus.events.values()) add('event', event.id, event.title);
    for (const topic of corpus.topics.values()) add('topic', topic.id, topic.label);
    return items;
  }
  if (isInTopicsField(text, position)) {
    const partial = /[\w.-]*$/.exec(before)![0];
    const range = { start: { line: position.line, character: position.character - partial.length }, end: position };
    return [...corpus.topics.values()].map((topic) => ({ label: topic.id, kind: CompletionItemKind.EnumMember, detail: topic.label, textEdit: { range, newText: topic.id } }));
  }
  return [];
}

/** Whether a place is in the `topics:` field of the frontmatter (on its line, or in its list below). */
function isInTopicsField(text: string, position: EditorPosition): boolean {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[0] !== '---') return false;
  const closing = lines.indexOf('---', 1);
  if (closing !== -1 && position.line >= closing) return false;
  for (let line = position.line; line >= 1; line--) {
    const current = lines[line]!;
    if (/^topics\s*:/.test(current)) return true;
    if (line !== position.line && !/^\s+-/.test(current)) return false;
    if (line === position.line && !/^\s+-/.test(current)) return false;
  }
  return false;
}

/** The cite key or wiki-link under a place, with its range. */
function referenceAt(text: string, position: EditorPosition): { ref: RecordRef; range: Range } | null {
  const line = lineOf(text, position.line);
  const within = (start: number, end: number): boolean => position.character >= start && position.character <= end;
  for (const match of line.matchAll(/@([A-Za-z0-9_][^\s\],;]*)/g)) {
    // A key ends before punctuation that closes a sentence, as the citation parser reads it.
    const key = match[1]!.replace(/[.:?!)]+$/, '');
    const start = match.index;
    if (within(start, start + 1 + key.length) && isCiteKey(key)) return { ref: { type: 'source', id: key }, range: { start: { line: position.line, character: start }, end: { line: position.line, character: start + 1 + key.length } } };
  }
  for (const match of line.matchAll(/!?\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/g)) {
    const start = match.index;
    if (!within(start, start + match[0].length)) continue;
    const target = match[1]!.trim();
    const colon = target.indexOf(':');
    const type = colon === -1 ? 'memo' : target.slice(0, colon);
    const id = colon === -1 ? target : target.slice(colon + 1);
    if (!Object.hasOwn(LINK_PREFIX, type)) return null;
    return { ref: { type, id } as RecordRef, range: { start: { line: position.line, character: start }, end: { line: position.line, character: start + match[0].length } } };
  }
  return null;
}

/** The hover of a citation: the full reference and whether it was verified. */
export function hoverAt(corpus: Corpus, text: string, position: EditorPosition): Hover | null {
  const found = referenceAt(text, position);
  if (found === null || found.ref.type !== 'source') return null;
  const source = corpus.sources.get(found.ref.id);
  if (source === undefined) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sourceMarkdown(corpus, source) }, range: found.range };
}

/** Where a cite key's entry or a wiki-link's record is written. */
export function definitionAt(corpus: Corpus, text: string, position: EditorPosition, uriOf: (relative: string) => string): Location | null {
  const found = referenceAt(text, position);
  if (found === null) return null;
  const { ref } = found;
  const at = (file: string, line: number, column: number): Location => {
    const start = { line: Math.max(0, line - 1), character: Math.max(0, column - 1) };
    return { uri: uriOf(file), range: { start, end: start } };
  };
  switch (ref.type) {
    case 'source': {
      const source = corpus.sources.get(ref.id);
      return source === undefined ? null : at(source.file, source.position.line, source.position.column);
    }
    case 'topic': {
      const topic = corpus.topics.get(ref.id);
      return topic === undefined ? null : at(topic.file, topic.position.line, topic.position.column);
    }
    default: {
      const record = recordsOf(corpus, ref.type).get(ref.id);
      return record === undefined ? null : at(record.file, 1, 1);
    }
  }
}
