/**
 * `dossier lsp` driven as an editor drives it: spawned, spoken to over stdio with vscode-jsonrpc,
 * on the corpus-mistakes fixture. Diagnostics must be those of `dossier check` (same codes, same
 * places), follow unsaved edits, and each "did you mean" must come with a quick fix that mends it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, CompletionItem, Diagnostic as EditorDiagnostic, Hover, Location, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildCorpus } from '../../src/corpus/pipeline.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const root = path.join(repoRoot, 'test', 'fixtures', 'corpus-mistakes');
const uriOf = (relative: string): string => pathToFileURL(path.join(root, relative)).href;
const textOf = (relative: string): string => readFileSync(path.join(root, relative), 'utf8');

let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
/** Every diagnostics notification, in order, and those waiting for one. */
const published: PublishDiagnosticsParams[] = [];
const waiting: Array<{ uri: string; version: number; resolve: (params: PublishDiagnosticsParams) => void }> = [];

/** The diagnostics of a document once the server has published them for this version of it. */
function diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
  const already = published.find((params) => params.uri === uri && params.version === version);
  if (already !== undefined) return Promise.resolve(already);
  return new Promise((resolve) => waiting.push({ uri, version, resolve }));
}

function open(relative: string, text = textOf(relative), version = 1): Promise<PublishDiagnosticsParams> {
  void connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(relative), languageId: relative.endsWith('.md') ? 'markdown' : 'yaml', version, text } });
  return diagnosticsFor(uriOf(relative), version);
}

beforeAll(async () => {
  child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'dossier'), 'lsp', '--stdio'], { cwd: root });
  connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (const wait of waiting.filter((w) => w.uri === params.uri && w.version === params.version)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(params);
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {}, workspaceFolders: null });
  void connection.sendNotification('initialized', {});
});

afterAll(async () => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await connection.sendRequest('shutdown');
  void connection.sendNotification('exit');
  await exited;
  connection.dispose();
});

describe('diagnostics as you type', () => {
  test('an open file gets the diagnostics dossier check gives it: same codes, same places', async () => {
    const { diagnostics } = await open('corpus/memos/drafted.md');
    const checked = (await buildCorpus(root, { workers: 0 })).diagnostics.filter((d) => d.file === 'corpus/memos/drafted.md');
    expect(diagnostics.map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1, d.message])).toEqual(
      checked.map((d) => [d.code, d.line, d.column, d.message]),
    );
    expect(diagnostics.length).toBeGreaterThanOrEqual(10);
  });

  test('the sound memo has none, until an unsaved edit misspells a key', async () => {
    const relative = 'corpus/memos/sound.md';
    expect((await open(relative)).diagnostics).toEqual([]);
    const text = textOf(relative);
    const line = text.split('\n').findIndex((l) => l.includes('@nouri-2022'));
    const character = text.split('\n')[line]!.indexOf('nouri-2022') + 'nouri-'.length;
    void connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf(relative), version: 2 },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 4 } }, text: '2202' }],
    });
    const { diagnostics } = await diagnosticsFor(uriOf(relative), 2);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'unknown-cite-key', message: expect.stringContaining('@nouri-2202 does not exist; did you mean @nouri-2022?') }),
    ]);
    // Typed back as it was: clean again.
    void connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(relative), version: 3 }, contentChanges: [{ text }] });
    expect((await diagnosticsFor(uriOf(relative), 3)).diagnostics).toEqual([]);
  });
});

describe('quick fixes', () => {
  test('every "did you mean" has a quick fix, and applying the first mends the mistake', async () => {
    const relative = 'corpus/memos/drafted.md';
    const { diagnostics } = await diagnosticsFor(uriOf(relative), 1);
    const withSuggestions = diagnostics.filter((d: EditorDiagnostic) => / did you mean /.test(String(d.message)));
    expect(withSuggestions.length).toBeGreaterThanOrEqual(9);
    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(relative) },
      range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
      context: { diagnostics: withSuggestions },
    })) as CodeAction[];
    for (const d of withSuggestions) expect(actions.some((action) => action.diagnostics?.[0]?.message === d.message && action.isPreferred)).toBe(true);
    const preferred = actions.filter((action) => action.isPreferred);
    const document = TextDocument.create(uriOf(relative), 'markdown', 1, textOf(relative));
    const mended = TextDocument.applyEdits(document, preferred.flatMap((action) => action.edit!.changes![uriOf(relative)]!));
    for (const fixed of ['[[universal-jurisdiction]]', '@akayesu-1998', '@nouri-2022', '[[speaker:robertson]]', '[[statement:robertson-fatwa]]', '[[event:conference-2021]]', 'genocide:intent', 'status: draft\n', '[genocide, crimes']) {
      expect(mended).toContain(fixed);
    }
    void connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(relative), version: 2 }, contentChanges: [{ text: mended }] });
    const after = await diagnosticsFor(uriOf(relative), 2);
    expect(after.diagnostics.filter((d) => / did you mean /.test(String(d.message)))).toEqual([]);
  });
});

describe('completion, hover and definition', () => {
  // A memo not saved yet: the editor's text is all there is of it.
  const relative = 'corpus/memos/not-saved-yet.md';
  const text = 'Cited [@aka and linked [[univ\n';

  test('cite keys after @, with the formatted reference as documentation', async () => {
    await open(relative, text, 10);
    const items = (await connection.sendRequest('textDocument/completion', { textDocument: { uri: uriOf(relative) }, position: { line: 0, character: 11 } })) as CompletionItem[];
    const akayesu = items.find((item) => item.label === 'akayesu-1998');
    expect(akayesu).toBeDefined();
    expect(JSON.stringify(akayesu!.documentation)).toContain('Prosecutor v Akayesu');
    expect(akayesu!.textEdit).toMatchObject({ range: { start: { line: 0, character: 8 }, end: { line: 0, character: 11 } }, newText: 'akayesu-1998' });
  });

  test('wiki-link ids after [[, with their type prefixes, and topics in the topics field', async () => {
    const links = (await connection.sendRequest('textDocument/completion', { textDocument: { uri: uriOf(relative) }, position: { line: 0, character: 29 } })) as CompletionItem[];
    expect(links.map((item) => item.label)).toEqual(expect.arrayContaining(['universal-jurisdiction', 'statement:robertson-fatwa', 'speaker:robertson', 'event:conference-2021', 'topic:genocide']));
    void connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(relative), version: 11 }, contentChanges: [{ text: '---\ntitle: T\ntopics: [gen\n---\nBody.\n' }] });
    const topics = (await connection.sendRequest('textDocument/completion', { textDocument: { uri: uriOf(relative) }, position: { line: 2, character: 12 } })) as CompletionItem[];
    expect(topics.map((item) => item.label).sort()).toEqual(['crimes-against-humanity', 'genocide', 'universal-jurisdiction']);
  });

  test('hover on a citation shows the full reference and its verification', async () => {
    const relative2 = 'corpus/memos/sound.md';
    const lines = textOf(relative2).split('\n');
    const line = lines.findIndex((l) => l.includes('@akayesu-1998'));
    const hover = (await connection.sendRequest('textDocument/hover', {
      textDocument: { uri: uriOf(relative2) },
      position: { line, character: lines[line]!.indexOf('@akayesu-1998') + 3 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('Prosecutor v Akayesu');
    expect(value).toContain('Unverified');
  });

  test('go to definition: a cite key to its entry, a wiki-link to its file', async () => {
    const relative2 = 'corpus/memos/sound.md';
    const lines = textOf(relative2).split('\n');
    const citeLine = lines.findIndex((l) => l.includes('@akayesu-1998'));
    const entry = (await connection.sendRequest('textDocument/definition', {
      textDocument: { uri: uriOf(relative2) },
      position: { line: citeLine, character: lines[citeLine]!.indexOf('@akayesu-1998') + 2 },
    })) as Location;
    expect(entry).toEqual({ uri: uriOf('citations/cases.bib'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    const linkLine = lines.findIndex((l) => l.includes('[[universal-jurisdiction]]'));
    const memo = (await connection.sendRequest('textDocument/definition', {
      textDocument: { uri: uriOf(relative2) },
      position: { line: linkLine, character: lines[linkLine]!.indexOf('[[universal-jurisdiction]]') + 5 },
    })) as Location;
    expect(memo.uri).toBe(uriOf('corpus/memos/universal-jurisdiction.md'));
  });
});
