// The fault test: 50 connections for LOAD_SECONDS (60 by default) against search and pages of
// `dossier serve --watch`, while this script edits, breaks and repairs a memo in a loop. It fails
// on any 5xx response and on any page that mixes two versions of the corpus. Loopback only.
// `npm run test:load`.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-load-'));
await cp(path.join(repository, 'corpus'), path.join(root, 'corpus'), { recursive: true });
await cp(path.join(repository, 'citations'), path.join(root, 'citations'), { recursive: true });
const memoFile = path.join(root, 'corpus/memos/eu-sanctions-human-rights.md');
const original = await readFile(memoFile, 'utf8');
const versioned = (n) => original.replace(/^title: .*$/m, `title: Load check v${n}`).replace('## Question', `## Question\n\nMarker v${n} of this memo.`);

const server = spawn(process.execPath, ['bin/dossier', 'serve', '--root', root, '--port', '0', '--watch', '--no-cache'], { cwd: repository, env: { ...process.env, NODE_OPTIONS: '' } });
let log = '';
const url = await new Promise((resolve, reject) => {
  const onData = (chunk) => {
    log += chunk;
    const found = /serving .* at (http:\/\/[^\s]+)/.exec(log)?.[1];
    if (found && log.includes('search index ready')) resolve(found.replace(/\/$/, ''));
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.once('exit', (code) => reject(new Error(`the server exited (${code}): ${log}`)));
});

let edits = 0;
let stopEditing = false;
const editor = (async () => {
  while (!stopEditing) {
    edits++;
    // Every third edit is broken (the last good version must go on being served), then mended.
    await writeFile(memoFile, edits % 3 === 0 ? '---\ntitle: [broken\n---\n' : versioned(edits));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await writeFile(memoFile, versioned(edits + 1));
})();

const failures = [];
let fiveHundreds = 0;
let checkedPages = 0;
const checkPage = (status, body) => {
  if (status >= 500) fiveHundreds++;
  if (status !== 200) return;
  const title = /<h1>Load check v(\d+)<\/h1>/.exec(body)?.[1];
  const marker = /Marker v(\d+) of this memo/.exec(body)?.[1];
  if (title === undefined && marker === undefined) return;
  checkedPages++;
  if (title !== marker) failures.push(`a page mixes versions: title v${title}, body v${marker}`);
};
const countFiveHundreds = (status) => {
  if (status >= 500) fiveHundreds++;
};

const result = await autocannon({
  url,
  connections: 50,
  duration: seconds,
  requests: [
    { method: 'GET', path: '/memos/eu-sanctions-human-rights', onResponse: checkPage },
    { method: 'GET', path: '/search?q=marker+sanctions', onResponse: countFiveHundreds },
    { method: 'GET', path: '/api/search?q=%22load+check%22', onResponse: countFiveHundreds },
    { method: 'GET', path: '/memos/genocide-religious-group', onResponse: countFiveHundreds },
    { method: 'GET', path: '/sources/pmoi-2021-conference-report', onResponse: countFiveHundreds },
    { method: 'GET', path: '/api/memos/eu-sanctions-human-rights', onResponse: countFiveHundreds },
  ],
});
stopEditing = true;
await editor;

// SIGTERM with requests in flight: they finish, then the server exits cleanly.
const inFlight = Array.from({ length: 20 }, (_, i) => fetch(`${url}/memos/${['genocide-religious-group', 'immunity-foreign-officials', 'mass-graves-evidence', 'un-accountability-routes'][i % 4]}?style=${['chicago-notes', 'harvard', 'vancouver', 'apa', 'oscola'][i % 5]}`).then((r) => r.status, (e) => `${e.message} (${e.cause?.code ?? e.cause?.message})`));
const exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
// Long enough for the twenty requests to reach the server, not for it to answer them all.
await new Promise((resolve) => setTimeout(resolve, 150));
server.kill('SIGTERM');
const inFlightStatuses = await Promise.all(inFlight);
const exitCode = await exited;
await rm(root, { recursive: true, force: true });

const summary = {
  seconds,
  requests: result.requests.total,
  throughputPerSecond: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
  edits,
  reloads: (log.match(/reloaded in/g) ?? []).length,
  pagesCheckedForVersions: checkedPages,
  fiveHundreds,
  errors: result.errors,
  timeouts: result.timeouts,
  sigterm: { exitCode, inFlight: inFlightStatuses.filter((s) => s === 200).length + '/20 answered 200' },
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
if (fiveHundreds > 0) failures.push(`${fiveHundreds} responses were 5xx`);
if (result.errors > 0) failures.push(`${result.errors} requests failed`);
if (checkedPages === 0) failures.push('no page of the edited memo was checked');
if (exitCode !== 0) failures.push(`the server exited with ${exitCode} on SIGTERM`);
if (inFlightStatuses.some((s) => s !== 200)) failures.push(`requests in flight at SIGTERM: ${inFlightStatuses.join(', ')}`);
if (failures.length > 0) {
  process.stderr.write(`load test failed:\n- ${[...new Set(failures)].slice(0, 20).join('\n- ')}\n`);
  process.exit(1);
}
process.stdout.write('load test passed\n');
