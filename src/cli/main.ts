/**
 * The `dossier` command line. `main` returns an exit code instead of exiting, so tests can run
 * it in-process; `bin/dossier` is the only place that hands the code to the process.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { buildCorpus } from '../corpus/pipeline.js';
import type { Corpus } from '../model/records.js';
import { corpusToJson, diagnosticCounts, findRecords, recordToJson } from '../corpus/serialize.js';
import { plural, type CliOutput } from './output.js';
import { readFile } from 'node:fs/promises';
import { findStyle } from '../corpus/citations/format.js';
import { DEFAULT_STYLE_ID } from '../corpus/citations/format.js';
import { EXPORT_FORMATS } from '../export/formats.js';
import type { ExportScope } from '../export/scopes.js';

export type { CliOutput };

/** Exit codes: 0 success, 1 the corpus has problems (or the record was not found), 2 usage errors. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly allowPositionals: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], output: CliOutput): Promise<number>;
}

const ROOT_OPTION = { root: { type: 'string', default: '.' } } as const;

const COMMANDS: Readonly<Record<string, Command>> = {
  check: {
    summary: 'report every problem in the corpus, with its file, line and column',
    usage: 'dossier check [--root DIR] [--json] [--strict]',
    help: [
      'Reads corpus/ and citations/ under the root and prints each diagnostic as',
      '  file:line:column severity code message',
      'sorted by file and position, then a summary line.',
      '',
      'Options:',
      '  --root DIR   the folder that holds corpus/ and citations/ (default: the current folder)',
      '  --json       print {"diagnostics": [...], "counts": {...}} instead',
      '  --strict     fail on warnings as well as on errors',
      '',
      'Exit status: 0 when there is no error (and, with --strict, no warning); 1 otherwise.',
    ].join('\n'),
    options: { ...ROOT_OPTION, json: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false } },
    allowPositionals: false,
    async run(values, _positionals, output) {
      const corpus = await buildCorpus(String(values.root));
      const counts = diagnosticCounts(corpus);
      if (values.json === true) {
        output.stdout(`${JSON.stringify({ diagnostics: corpus.diagnostics, counts }, null, 2)}\n`);
      } else {
        for (const d of corpus.diagnostics) output.stdout(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}\n`);
        output.stdout(`${summarise(corpus, counts)}\n`);
      }
      const failed = counts.errors > 0 || (values.strict === true && counts.warnings > 0);
      return failed ? EXIT_PROBLEMS : EXIT_OK;
    },
  },
  lsp: {
    summary: 'a language server for editors: diagnostics as you type, completion, hover, definitions, quick fixes',
    usage: 'dossier lsp [--root DIR]',
    help: [
      'Speaks the Language Server Protocol on standard input and output; an editor starts it.',
      'Open files get the diagnostics `dossier check` gives them, computed on their unsaved text;',
      'cite keys, wiki-link ids and topics are completed; a citation shows its reference and',
      'verification on hover; go to definition opens an entry or a record; every "did you mean"',
      'is a quick fix. docs/editors.md shows how to set it up in VS Code, Neovim and Zed.',
      '',
      'Options:',
      '  --root DIR   the folder that holds corpus/ and citations/ (default: the editor\'s workspace folder)',
    ].join('\n'),
    options: { root: { type: 'string' }, stdio: { type: 'boolean', default: true } },
    allowPositionals: false,
    async run(values) {
      const { runLanguageServer } = await import('../lsp/server.js');
      await runLanguageServer(typeof values.root === 'string' ? values.root : null);
      return EXIT_OK;
    },
  },
  serve: {
    summary: 'serve the corpus as a cross-referenced browser and JSON API',
    usage: 'dossier serve [--root DIR] [--port N] [--host H] [--cache DIR | --no-cache] [--watch] [--trust-proxy] [--no-prerender] [--render-workers N]',
    help: [
      'Reads the corpus once, then serves it over HTTP until stopped (Ctrl-C or SIGTERM, which',
      'let the requests in flight finish). The pages work without JavaScript; the JSON API is',
      'under /api/. Problems in the corpus are listed at /problems and summarised on start.',
      '',
      'Options:',
      '  --root DIR   the folder that holds corpus/ and citations/ (default: the current folder)',
      '  --port N     the port (default: $PORT, else 3000)',
      '  --host H     the address to listen on (default: 127.0.0.1)',
      '  --cache DIR  where to keep the parsed corpus and the search index between starts (default: ROOT/.dossier-cache)',
      '  --no-cache   parse the corpus and build the search index in memory only',
      '  --watch      rebuild on every change to the corpus and reload open pages; a file that no',
      '               longer parses is served as it last parsed, with its problems in a banner',
      '  --trust-proxy  behind a reverse proxy on this machine: take the reader\'s address and',
      '               HTTPS from its X-Forwarded-For and X-Forwarded-Proto headers',
      '  --no-prerender  do not render the home page, lists and memo pages in the background at',
      '               start (they are rendered on first request; either way they are cached)',
      '  --render-workers N  worker threads that render pages missing from the cache (default: one',
      '               fewer than the cores, at most 2; 0 renders them in the main thread)',
    ].join('\n'),
    options: {
      ...ROOT_OPTION,
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      'trust-proxy': { type: 'boolean', default: false },
      'no-prerender': { type: 'boolean', default: false },
      'render-workers': { type: 'string' },
    },
    allowPositionals: false,
    async run(values, _positionals, output) {
      const port = Number(values.port ?? process.env.PORT ?? 3000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        output.stderr(`dossier serve: --port must be a whole number from 0 to 65535\n`);
        return EXIT_USAGE;
      }
      const renderWorkers = values['render-workers'] === undefined ? undefined : Number(values['render-workers']);
      if (renderWorkers !== undefined && (!Number.isInteger(renderWorkers) || renderWorkers < 0 || renderWorkers > 16)) {
        output.stderr(`dossier serve: --render-workers must be a whole number from 0 to 16\n`);
        return EXIT_USAGE;
      }
      const root = String(values.root);
      const cacheDir = values['no-cache'] === true ? null : String(values.cache ?? path.join(root, '.dossier-cache'));
      const { serve } = await import('./serve.js');
      return serve({ root, port, host: String(values.host), cacheDir, watch: values.watch === true, trustProxy: values['trust-proxy'] === true, prerender: values['no-prerender'] !== true, renderWorkers }, output);
    },
  },
  export: {
    summary: 'write the bibliography of a memo, topic, search or the library, or a memo for pandoc',
    usage: 'dossier export (--memo ID [--linked] | --topic ID | --query Q | --keys K,K | --all) --format F [--style S] [--include cited|all] [--keep-notes] [--out FILE] [--root DIR]',
    help: [
      'Writes the bibliography of a scope to standard output, or to --out FILE.',
      '',
      'Scopes (one of):',
      '  --memo ID       the sources a memo cites (--linked: and those of the memos it links to)',
      '  --topic ID      the sources of a topic: cited by its memos (--include all: everything filed under it)',
      '  --query Q       the sources of a search\'s results',
      '  --keys K,K      the sources with these cite keys',
      '  --all           the library: what the memos cite (--include all: every entry)',
      '',
      'Options:',
      `  --format F      ${EXPORT_FORMATS.map((format) => format.id).join(', ')}, markdown or docx`,
      '                  (markdown: --memo ID --out DIR writes ID.md, ID.json and the CSL style for pandoc;',
      '                   docx: --memo ID --out FILE.docx runs pandoc to write the Word file)',
      '  --keep-notes    keep the team\'s notes on pinpoints ("(pinpoint unverified)") in a markdown or docx memo',
      `  --style S       the citation style of formatted output (default: ${DEFAULT_STYLE_ID})`,
      '  --include I     cited (default) or all',
      '  --include-internal  include internal records (never do this for a file you will share)',
      '  --root DIR      the folder that holds corpus/ and citations/ (default: the current folder)',
    ].join('\n'),
    options: {
      ...ROOT_OPTION,
      memo: { type: 'string' },
      linked: { type: 'boolean', default: false },
      topic: { type: 'string' },
      query: { type: 'string' },
      keys: { type: 'string' },
      all: { type: 'boolean', default: false },
      format: { type: 'string' },
      style: { type: 'string', default: DEFAULT_STYLE_ID },
      include: { type: 'string', default: 'cited' },
      'include-internal': { type: 'boolean', default: false },
      'keep-notes': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
    allowPositionals: false,
    async run(values, _positionals, output) {
      const scopes: ExportScope[] = [];
      if (values.memo !== undefined) scopes.push({ kind: 'memo', id: String(values.memo), linked: values.linked === true });
      if (values.topic !== undefined) scopes.push({ kind: 'topic', id: String(values.topic) });
      if (values.query !== undefined) scopes.push({ kind: 'query', q: String(values.query) });
      if (values.keys !== undefined) scopes.push({ kind: 'keys', keys: String(values.keys).split(',').filter(Boolean) });
      if (values.all === true) scopes.push({ kind: 'all' });
      if (scopes.length !== 1 || values.format === undefined) {
        output.stderr('dossier export: give one scope (--memo, --topic, --query, --keys or --all) and --format\n');
        return EXIT_USAGE;
      }
      if (values.include !== 'cited' && values.include !== 'all') {
        output.stderr('dossier export: --include is cited or all\n');
        return EXIT_USAGE;
      }
      const { runExport } = await import('./export.js');
      return runExport(
        {
          root: String(values.root),
          scope: scopes[0]!,
          format: String(values.format),
          style: String(values.style),
          include: values.include,
          out: values.out === undefined ? null : String(values.out),
          includeInternal: values['include-internal'] === true,
          keepNotes: values['keep-notes'] === true,
        },
        output,
      );
    },
  },
  build: {
    summary: 'write the browser as a static site: public pages, exports and a search index',
    usage: 'dossier build --out DIR [--root DIR] [--style S] [--force] [--cache DIR | --no-cache] [--strict] [--watch]',
    help: [
      'Writes every public page, the bibliography exports of every memo, topic and of the library,',
      'the graph data and a prebuilt search index to DIR, as plain files that any static file',
      'server can serve. Search runs in the browser. Internal records are never written.',
      'The site is written beside DIR and swapped in when complete, so a failed build leaves the',
      'previous one in place.',
      '',
      'Options:',
      '  --out DIR    the folder to write: new, empty, or a site dossier build wrote before (it',
      '               holds a .dossier-site file); never the corpus root or a folder inside it',
      '  --force      replace DIR even if it holds other files (they are deleted)',
      `  --style S    the citation style of the pages and exports (default: ${DEFAULT_STYLE_ID})`,
      '  --root DIR   the folder that holds corpus/ and citations/ (default: the current folder)',
      '  --cache DIR  where to keep the parsed corpus and what each file of the site was made from',
      '               (default: ROOT/.dossier-cache); a build into a site it wrote before then',
      '               writes only the files an edit changed',
      '  --no-cache   parse everything and write the whole site',
      '  --strict     exit with status 1 when the corpus has errors or warnings (the site is',
      '               still written), as dossier check --strict would',
      '  --watch      keep running: after every change to corpus/ or citations/, write the files',
      '               it changed (what the next build needs is kept in memory, so one edited',
      '               memo takes a fraction of a build); Ctrl-C stops after the build under way',
      '',
      'Exit status: 0 when the site was written; 1 when a record could not be written (or, with',
      '--strict, the corpus has an error or a warning); 2 when the command line is wrong or the',
      'output folder is refused. When the corpus has errors or warnings, their number is printed',
      'after the summary; dossier check lists them.',
    ].join('\n'),
    options: {
      ...ROOT_OPTION,
      out: { type: 'string' },
      style: { type: 'string', default: DEFAULT_STYLE_ID },
      force: { type: 'boolean', default: false },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
    },
    allowPositionals: false,
    async run(values, _positionals, output) {
      if (values.out === undefined) {
        output.stderr('dossier build: give --out DIR\n');
        return EXIT_USAGE;
      }
      if (findStyle(String(values.style)) === undefined) {
        output.stderr(`dossier build: unknown style "${String(values.style)}"\n`);
        return EXIT_USAGE;
      }
      const root = String(values.root);
      const cacheDir = values['no-cache'] === true ? null : String(values.cache ?? path.join(root, '.dossier-cache'));
      const { buildStaticSite, watchStaticSite } = await import('./build.js');
      const buildOptions = { root, out: String(values.out), style: String(values.style), force: values.force === true, cacheDir, strict: values.strict === true };
      return values.watch === true ? watchStaticSite(buildOptions, output) : buildStaticSite(buildOptions, output);
    },
  },
  user: {
    summary: 'manage who may sign in and see internal records',
    usage: 'dossier user (add NAME | remove NAME | list) [--root DIR]',
    help: [
      'Users live in ROOT/.dossier/users.json, with their passwords kept only as scrypt hashes.',
      '',
      '  add NAME      add a user, or change their password; the password is read from standard',
      '                input (at least 12 characters): echo … | dossier user add ann',
      '  remove NAME   remove a user',
      '  list          list the users',
      '',
      'Options:',
      '  --root DIR    the folder that holds corpus/ and citations/ (default: the current folder)',
      '',
      'A running server reads the file when it starts.',
    ].join('\n'),
    options: { ...ROOT_OPTION },
    allowPositionals: true,
    async run(values, positionals, output) {
      const [action, name, ...rest] = positionals;
      if (action === undefined || rest.length > 0) {
        output.stderr('dossier user: use add NAME, remove NAME or list\n');
        return EXIT_USAGE;
      }
      const { runUser } = await import('./user.js');
      return runUser(action, name, String(values.root), output);
    },
  },
  detect: {
    summary: 'find the authorities mentioned in a text and resolve them against the library',
    usage: 'dossier detect [FILE|-] [--root DIR] [--json | --suggest]',
    help: [
      'Reads FILE (or standard input, when FILE is - or absent) and prints every reference to an',
      'authority in it — UN documents, case numbers, ECLI, law reports, treaty series, the Official',
      'Journal, EU acts, instruments with their articles, ibid. and supra — as',
      '  file:line:column kind identifier (pinpoint) → @key or why it is unresolved',
      '',
      'Options:',
      '  --root DIR   the folder that holds corpus/ and citations/ (default: the current folder)',
      '  --json       print {"detections": [...]} instead',
      '  --suggest    print the text with each resolved mention rewritten as a Pandoc citation',
    ].join('\n'),
    options: { ...ROOT_OPTION, json: { type: 'boolean', default: false }, suggest: { type: 'boolean', default: false } },
    allowPositionals: true,
    async run(values, positionals, output) {
      if (positionals.length > 1) {
        output.stderr(`dossier detect: one FILE at a time (got ${positionals.length})\n`);
        return EXIT_USAGE;
      }
      const inputName = positionals[0] ?? '-';
      let text: string;
      try {
        text = inputName === '-' ? await readStandardInput() : await readFile(inputName, 'utf8');
      } catch (error) {
        output.stderr(`dossier detect: cannot read ${inputName}: ${(error as Error).message}\n`);
        return EXIT_PROBLEMS;
      }
      const corpus = await buildCorpus(String(values.root));
      const { runDetect } = await import('./detect.js');
      return runDetect(text, corpus, { json: values.json === true, suggest: values.suggest === true, inputName }, output);
    },
  },
  inspect: {
    summary: 'print the linked corpus, or one record, as JSON',
    usage: 'dossier inspect [--root DIR] [ID]',
    help: [
      'Prints the linked corpus as JSON: every record with its references and backlinks, and',
      'the diagnostics. With ID, prints one record: ID is a record id, TYPE:ID (memo, statement,',
      'speaker, event, topic, source) or @KEY for a bibliography entry.',
      '',
      'Options:',
      '  --root DIR   the folder that holds corpus/ and citations/ (default: the current folder)',
      '',
      'Exit status: 0 when printed; 1 when no record (or more than one) has that id.',
    ].join('\n'),
    options: { ...ROOT_OPTION },
    allowPositionals: true,
    async run(values, positionals, output) {
      if (positionals.length > 1) {
        output.stderr(`dossier inspect: one ID at a time (got ${positionals.length})\n`);
        return EXIT_USAGE;
      }
      const corpus = await buildCorpus(String(values.root));
      const query = positionals[0];
      if (query === undefined) {
        output.stdout(`${JSON.stringify(corpusToJson(corpus), null, 2)}\n`);
        return EXIT_OK;
      }
      const found = findRecords(corpus, query);
      if (found.length === 0) {
        output.stderr(`dossier inspect: no record has the id "${query}"\n`);
        return EXIT_PROBLEMS;
      }
      if (found.length > 1) {
        const choices = found.map((record) => `${record.type}:${record.type === 'source' ? record.key : record.id}`).join(', ');
        output.stderr(`dossier inspect: "${query}" names more than one record (${choices}); write TYPE:ID\n`);
        return EXIT_PROBLEMS;
      }
      output.stdout(`${JSON.stringify(recordToJson(corpus, found[0]!), null, 2)}\n`);
      return EXIT_OK;
    },
  },
};

/** Standard input as text, read to its end. */
async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function summarise(corpus: Corpus, counts: { errors: number; warnings: number }): string {
  const records = [
    plural(corpus.memos.size, 'memo'),
    plural(corpus.statements.size, 'statement'),
    plural(corpus.speakers.size, 'speaker'),
    plural(corpus.events.size, 'event'),
    plural(corpus.topics.size, 'topic'),
    plural(corpus.sources.size, 'source'),
  ].join(', ');
  return `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} in ${records}`;
}

function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return [
    'dossier — a legal-research knowledge base with citation linking',
    '',
    'Usage: dossier COMMAND [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "dossier COMMAND --help" for the options of a command.',
  ].join('\n');
}

/** Runs the dossier command line with the given arguments and returns the exit code. */
export async function main(argv: readonly string[], output: CliOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : COMMANDS[topic];
    output.stdout(`${command === undefined ? generalHelp() : `Usage: ${command.usage}\n\n${command.help}`}\n`);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    output.stderr(`dossier: unknown command "${name}"\n\n${generalHelp()}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    output.stdout(`Usage: ${command.usage}\n\n${command.help}\n`);
    return EXIT_OK;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: command.allowPositionals, strict: true });
  } catch (error) {
    output.stderr(`dossier ${name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
    return EXIT_USAGE;
  }
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, output);
}
