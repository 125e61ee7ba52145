/**
 * `dossier lsp`: the Language Server Protocol over stdin and stdout. Every open Markdown,
 * bibliography or topics file of the corpus gets the diagnostics `dossier check` would give it,
 * computed on the editor's unsaved text; cite keys, wiki-link ids and topics are completed; a
 * citation shows its reference on hover; go to definition opens an entry or a record; and every
 * "did you mean …?" is a quick fix.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorCorpus } from './workspace.js';
import { completionsAt, definitionAt, editorDiagnostics, hoverAt, quickFixes } from './features.js';

/** Where the server finds the corpus: the root given on the command line, else the editor's workspace. */
function rootOf(params: InitializeParams, givenRoot: string | null): string {
  if (givenRoot !== null) return path.resolve(givenRoot);
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
  if (folder !== null && folder.startsWith('file:')) return fileURLToPath(folder);
  return process.cwd();
}

/**
 * Serves the protocol on a connection (stdio by default) until the editor shuts it down; resolves
 * when the connection is closed. `root` overrides the workspace folder the editor names.
 */
export function runLanguageServer(root: string | null, connection: Connection = createConnection(process.stdin, process.stdout)): Promise<void> {
  const documents = new TextDocuments(TextDocument);
  let workspace: EditorCorpus | null = null;
  const ready = (): EditorCorpus => {
    if (workspace === null) throw new TypeError('the language server is used before "initialize"');
    return workspace;
  };

  /** Sends every open document of the corpus its diagnostics: one edit can change another file's. */
  const publishAll = (): void => {
    const current = ready();
    const corpus = current.corpus();
    for (const document of documents.all()) {
      const relative = current.relativePath(document.uri);
      if (relative === null) continue;
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: editorDiagnostics(corpus, relative, document.getText()) });
    }
  };

  connection.onInitialize(async (params) => {
    workspace = new EditorCorpus(rootOf(params, root));
    await workspace.reload();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['@', '[', ':'] },
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'dossier' },
    };
  });

  documents.onDidChangeContent((change) => {
    const current = ready();
    const relative = current.relativePath(change.document.uri);
    if (relative === null) return;
    current.setText(relative, change.document.getText());
    publishAll();
  });
  documents.onDidClose((event) => {
    const current = ready();
    const relative = current.relativePath(event.document.uri);
    if (relative === null) return;
    current.forget(relative);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    publishAll();
  });
  documents.onDidSave(async () => {
    // Saving may have changed files the editor does not hold open (a rename, a new entry).
    await ready().reload();
    publishAll();
  });

  const withDocument = <T>(uri: string, answer: (relative: string, text: string) => T, none: T): T => {
    const document = documents.get(uri);
    const relative = workspace?.relativePath(uri) ?? null;
    return document === undefined || relative === null ? none : answer(relative, document.getText());
  };
  connection.onCompletion((params) => withDocument(params.textDocument.uri, (_relative, text) => completionsAt(ready().corpus(), text, params.position), []));
  connection.onHover((params) => withDocument(params.textDocument.uri, (_relative, text) => hoverAt(ready().corpus(), text, params.position), null));
  connection.onDefinition((params) =>
    withDocument(params.textDocument.uri, (_relative, text) => definitionAt(ready().corpus(), text, params.position, (file) => ready().uriOf(file)), null),
  );
  connection.onCodeAction((params) => quickFixes(params.textDocument.uri, params.context.diagnostics));

  documents.listen(connection);
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    connection.listen();
  });
}
