/**
 * `dossier build` and its output folder, as a user meets them: it never writes outside --out, never
 * replaces the corpus or a folder it did not write, leaves the previous site whole when a build
 * dies, and every page it writes carries the server's Content Security Policy.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import request from 'supertest';
import { runCli } from '../helpers/run-cli.js';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { readParseCache } from '../../src/corpus/parse-cache-file.js';
import { createApp } from '../../src/server/app.js';
import { generateCorpus } from '../../src/bench/generate.js';

const basic = fileURLToPath(new URL('../fixtures/corpus-basic/', import.meta.url));
const repository = fileURLToPath(new URL('../../', import.meta.url));
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function temporary(prefix: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** A copy of the basic corpus to change. */
async function corpusCopy(): Promise<string> {
  const root = await temporary('dossier-build-corpus-');
  await cp(basic, root, { recursive: true });
  return root;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe('ids and cite keys in output paths', () => {
  test('a cite key with ../ is an error diagnostic, its page is not written, and nothing lands outside --out', async () => {
    const root = await corpusCopy();
    const traversal = 'x/../../../../escaped/p';
    await appendFile(path.join(root, 'citations/library.yaml'), `- id: ${traversal}\n  type: book\n  title: Escaping\n  issued: { date-parts: [[2020]] }\n`);
    const sandbox = await temporary('dossier-build-sandbox-');
    const out = path.join(sandbox, 'a', 'b', 'c', 'site');
    const run = await runCli('build', '--root', root, '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^citations\/library\.yaml:\d+:\d+ error unsafe-output-path the cite key "x\/\.\.\/\.\.\/\.\.\/\.\.\/escaped\/p" cannot name a file/m);
    // Every file the build wrote is inside --out, and the other pages are there.
    const outside = (await filesUnder(sandbox)).filter((file) => !file.startsWith(`${out}${path.sep}`));
    expect(outside).toEqual([]);
    expect(await exists(path.resolve(out, 'sources/x/../../../../escaped/p/index.html'))).toBe(false);
    expect(await exists(path.join(out, 'sources/genocide-convention/index.html'))).toBe(true);
  });

  test('a cite key with / is written as nested folders, as a static file server finds it', async () => {
    const root = await corpusCopy();
    await appendFile(path.join(root, 'citations/library.yaml'), '- id: un:A/HRC/47/22\n  type: report\n  title: A report\n  issued: { date-parts: [[2021]] }\n');
    const out = path.join(await temporary('dossier-build-out-'), 'site');
    expect((await runCli('build', '--root', root, '--out', out)).code).toBe(0);
    const page = await readFile(path.join(out, 'sources/un:A/HRC/47/22/index.html'), 'utf8');
    expect(page).toContain('A report');
    // Its neighbourhood widget's data names it by its key.
    const graphData = JSON.parse(await readFile(path.join(out, /data-graph-src="\/([^"]+)"/u.exec(page)![1]!), 'utf8'));
    expect(graphData.nodes[graphData.near['source:un:A/HRC/47/22'].nodes[0]].slice(1, 3)).toEqual(['un:A/HRC/47/22', 'A report']);
  });
});

describe('the corpus root', () => {
  test('a root that does not exist is refused before anything is written (exit status 2), and says which', async () => {
    const parent = await temporary('dossier-build-no-root-');
    const out = path.join(parent, 'site');
    const missing = path.join(parent, 'corpsu');
    const run = await runCli('build', '--root', missing, '--out', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`dossier build: not building: the corpus root ${missing} does not exist; --root names the folder that holds corpus/ and citations/.\n`);
    expect(await readdir(parent)).toEqual([]);
  });

  test('a root without corpus/ or citations/ leaves the site already built as it was', async () => {
    const out = path.join(await temporary('dossier-build-kept-'), 'site');
    expect((await runCli('build', '--root', basic, '--out', out, '--no-cache')).code).toBe(0);
    const before = (await filesUnder(out)).sort();
    const empty = await temporary('dossier-build-empty-root-');
    const run = await runCli('build', '--root', empty, '--out', out, '--no-cache');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no corpus/ or citations/ folder under ${empty}`);
    expect((await filesUnder(out)).sort()).toEqual(before);
    expect(await exists(path.join(out, 'memos/genocide/index.html'))).toBe(true);
  });
});

describe('the output folder', () => {
  const refusals: Array<[string, (root: string) => string]> = [
    ['the corpus root itself', (root) => root],
    ['a folder that contains the corpus root', (root) => path.dirname(root)],
    ['a folder inside corpus/', (root) => path.join(root, 'corpus', 'site')],
    ['a folder inside citations/', (root) => path.join(root, 'citations', 'site')],
  ];
  test.each(refusals)('refuses %s, even with --force, and leaves the corpus as it was', async (_name, outOf) => {
    const root = await corpusCopy();
    const before = (await filesUnder(root)).sort();
    const run = await runCli('build', '--root', root, '--out', outOf(root), '--force');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^dossier build: not writing the site: .*(corpus root|which dossier reads)/);
    expect((await filesUnder(root)).sort()).toEqual(before);
  });

  test('refuses a non-empty folder it did not write and says why; --force replaces it', async () => {
    const out = await temporary('dossier-build-foreign-');
    await writeFile(path.join(out, 'submission-final.docx'), 'the only copy');
    const refused = await runCli('build', '--root', basic, '--out', out, '--no-cache');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty and was not written by dossier build');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(path.join(out, 'submission-final.docx'), 'utf8')).toBe('the only copy');

    const forced = await runCli('build', '--root', basic, '--out', out, '--force', '--no-cache');
    expect(forced.code).toBe(0);
    expect(await exists(path.join(out, 'submission-final.docx'))).toBe(false);
    expect(await exists(path.join(out, 'memos/genocide/index.html'))).toBe(true);
  });

  test('rebuilds into a folder it wrote before, without --force, and leaves nothing beside it', async () => {
    const parent = await temporary('dossier-build-again-');
    const out = path.join(parent, 'site');
    const cache = await temporary('dossier-build-again-cache-');
    expect((await runCli('build', '--root', basic, '--out', out, '--cache', cache)).code).toBe(0);
    expect(await exists(path.join(out, '.dossier-site'))).toBe(true);
    const again = await runCli('build', '--root', basic, '--out', out, '--cache', cache);
    expect(again.code).toBe(0);
    // The second build finds its own site: it says how many files it rewrote, and how long each stage took.
    expect(again.stdout).toMatch(/^dossier: rewrote \d+ of \d+ files \(the rest were unchanged\) for \d+ pages, \d+ exports, \d+ graph files and a search index .* in [\d.]+ s: corpus [\d.]+ s, what changed [\d.]+ s, lists [\d.]+ s, pages [\d.]+ s/);
    expect(await readdir(parent)).toEqual(['site']);
  });

  test('a build killed half-way leaves the previous site whole; the next build removes what it left', async () => {
    const root = await temporary('dossier-build-large-');
    await generateCorpus(root, { memos: 40 });
    const parent = await temporary('dossier-build-killed-');
    const out = path.join(parent, 'site');
    await mkdir(out);
    await writeFile(path.join(out, '.dossier-site'), '{"kind":"dossier-static-site"}\n');
    await writeFile(path.join(out, 'index.html'), 'the previous site');

    const child = spawn(process.execPath, [path.join(repository, 'bin/dossier'), 'build', '--root', root, '--out', out], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Wait until the build is writing pages into its staging folder, then kill it.
    let staging: string | undefined;
    while (staging === undefined) {
      const found = (await readdir(parent)).find((name) => name.startsWith('.site.dossier-build-'));
      if (found !== undefined && (await exists(path.join(parent, found, 'memos')))) staging = found;
      else await new Promise((resolve) => setImmediate(resolve));
    }
    child.kill('SIGKILL');
    await exited;
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('the previous site');
    expect(await exists(path.join(parent, staging))).toBe(true);

    expect((await runCli('build', '--root', basic, '--out', out, '--no-cache')).code).toBe(0);
    expect(await readdir(parent)).toEqual(['site']);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('<h1>dossier</h1>');
  });
});

describe('--watch', () => {
  test.each([
    ['with the cache folder', true],
    ['with --no-cache (what it keeps stays in memory)', false],
  ])('%s: builds, writes an edit saved during the first build and each edit after it into the site, and stops when told to', async (_name, withCache) => {
    const root = await corpusCopy();
    const out = path.join(await temporary('dossier-build-watch-'), 'site');
    const cache = withCache ? await temporary('dossier-build-watch-cache-') : null;
    let stdout = '';
    let stderr = '';
    const waiting: Array<() => void> = [];
    /** Resolves when standard output has printed `pattern` this many times; rejects when a build fails meanwhile. */
    const printed = (pattern: RegExp, times: number): Promise<void> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (/failed/.test(stderr)) reject(new Error(stderr));
          else if ((stdout.match(new RegExp(pattern.source, `${pattern.flags}g`)) ?? []).length >= times) resolve();
        };
        check();
        waiting.push(check);
      });
    const output = {
      stdout: (text: string) => {
        stdout += text;
        for (const waiter of waiting) waiter();
      },
      stderr: (text: string) => {
        stderr += text;
        for (const waiter of waiting) waiter();
      },
    };
    const stop = new AbortController();
    const { watchStaticSite } = await import('../../src/cli/build.js');
    const running = watchStaticSite({ root, out, style: 'oscola', cacheDir: cache }, output, stop.signal);
    // Watching begins before the first build: an edit saved while it runs is built after it.
    await printed(/watching corpus\/ and citations\//, 1);
    const memo = path.join(root, 'corpus/memos/genocide.md');
    await writeFile(memo, (await readFile(memo, 'utf8')).replace('Political groups were left out.', 'Political groups were left out. Zyzzyvawatch appears here.'));
    await printed(/^dossier: wrote \d+ pages/m, 1);
    await printed(/^dossier: rewrote \d+ of \d+ files/m, 1);
    expect(await readFile(path.join(out, 'memos/genocide/index.html'), 'utf8')).toContain('Zyzzyvawatch appears here.');

    // A second edit is written in place too, and only what it changed.
    await writeFile(memo, (await readFile(memo, 'utf8')).replace('Zyzzyvawatch appears here.', 'Zyzzyvawatch appears twice.'));
    await printed(/^dossier: rewrote \d+ of \d+ files/m, 2);
    expect(await readFile(path.join(out, 'memos/genocide/index.html'), 'utf8')).toContain('Zyzzyvawatch appears twice.');
    const [, rewritten, total] = [...stdout.matchAll(/rewrote (\d+) of (\d+) files/g)].at(-1)!;
    expect(Number(rewritten)).toBeGreaterThan(0);
    expect(Number(rewritten)).toBeLessThan(Number(total) / 2);

    stop.abort();
    expect(await running).toBe(0);
    expect(stderr).not.toMatch(/failed/);
    // Stopped, it has written the last build's manifest and search state into the cache folder (after the build returned), beside each other.
    if (cache !== null) expect((await readdir(path.join(cache, 'site'))).map((name) => path.extname(name)).sort()).toEqual(['.json', '.search']);
  }, 60_000);
});

describe('a watching build\'s cache folder (ResidentBuild)', () => {
  test('is written after the build returns, the parse cache with it; a failure to write it is reported, and the builds go on in place from memory', async () => {
    const { buildStaticSite, ResidentBuild } = await import('../../src/cli/build.js');
    const root = await corpusCopy();
    const out = path.join(await temporary('dossier-build-resident-'), 'site');
    const cache = await temporary('dossier-build-resident-cache-');
    const resident = new ResidentBuild();
    let stdout = '';
    let stderr = '';
    const output = { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text) };
    const build = async (): Promise<number> => {
      stdout = '';
      resident.noteChanged([]);
      return buildStaticSite({ root, out, style: 'oscola', cacheDir: cache }, output, resident);
    };
    const memo = path.join(root, 'corpus/memos/genocide.md');
    const edit = async (text: string): Promise<void> => writeFile(memo, (await readFile(memo, 'utf8')).replace(/Political groups were left out\.[^\n]*/, `Political groups were left out. ${text}`));

    const parsedFiles = async (): Promise<string[]> => (await readdir(path.join(cache, 'parsed')).catch(() => [] as string[])).filter((name) => name.startsWith('parsed-'));
    expect(await build()).toBe(0);
    // The site is written before the parse cache: the process keeps the parses in memory for its next build.
    expect(await parsedFiles()).toEqual([]);
    await resident.settled();
    expect((await readdir(path.join(cache, 'site'))).map((name) => path.extname(name)).sort()).toEqual(['.json', '.search']);
    // Then written whole, for a build in a new process.
    expect((await parsedFiles()).length).toBeGreaterThan(0);
    expect((await readParseCache(path.join(cache, 'parsed'))).size).toBe(resident.cache.size);

    // A folder where the search state goes: it cannot be written, nor the manifest after it.
    const state = (await readdir(path.join(cache, 'site'))).find((name) => name.endsWith('.search'))!;
    await rm(path.join(cache, 'site', state));
    await mkdir(path.join(cache, 'site', state, 'in the way'), { recursive: true });
    await edit('Zyzzyvaresident one.');
    expect(await build()).toBe(0);
    await resident.settled();
    expect(stderr).toMatch(/the cache folder could not be brought up to date \(.*(EISDIR|ENOTEMPTY|EEXIST).*\); the site is written/);
    expect(await readFile(path.join(out, 'memos/genocide/index.html'), 'utf8')).toContain('Zyzzyvaresident one.');
    // The next edit is built in place from what the process kept, and reported the same way.
    await edit('Zyzzyvaresident two.');
    expect(await build()).toBe(0);
    expect(stdout).toMatch(/^dossier: rewrote \d+ of \d+ files/m);
    expect(await readFile(path.join(out, 'memos/genocide/index.html'), 'utf8')).toContain('Zyzzyvaresident two.');
    // As a watching process stops: what it still writes into the cache folder is written first.
    await resident.close();
  }, 60_000);
});

describe('a watching build with its search index in a worker thread (the built modules, in a process of their own)', () => {
  test('edit after edit in place, its search files are a whole build\'s; a kept index and a new process read the cache folder alike; the process exits once it is closed', async () => {
    const root = await corpusCopy();
    const work = await temporary('dossier-build-search-worker-');
    const script = `
      const dist = ${JSON.stringify(new URL('dist/', `file://${repository}`).href)};
      const { readdir, readFile, writeFile } = await import('node:fs/promises');
      const path = await import('node:path');
      const { buildStaticSite, ResidentBuild } = await import(dist + 'cli/build.js');
      const root = ${JSON.stringify(root)};
      const work = ${JSON.stringify(work)};
      const out = path.join(work, 'site');
      const cache = path.join(work, 'cache');
      const memo = path.join(root, 'corpus/memos/genocide.md');
      const edit = async (text) => writeFile(memo, (await readFile(memo, 'utf8')).replace(/Political groups were left out\\.[^\\n]*/, 'Political groups were left out. ' + text));
      const searchFiles = async (folder) => {
        const names = (await readdir(path.join(folder, 'search'))).sort();
        return JSON.stringify(await Promise.all(names.map(async (name) => [name, await readFile(path.join(folder, 'search', name), 'utf8')])));
      };
      const build = async (resident, into = out, cacheDir = cache) => {
        let stdout = '';
        let stderr = '';
        resident?.noteChanged(['corpus/memos/genocide.md']);
        const code = await buildStaticSite({ root, out: into, style: 'oscola', cacheDir }, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }, resident);
        return { code, inPlace: /rewrote \\d+ of/.test(stdout), failed: /failed|could not/.test(stderr) };
      };
      const steps = [];
      const step = async (name, built) => {
        const whole = path.join(work, 'whole-' + steps.length);
        await build(undefined, whole, null);
        steps.push({ name, ...built, same: (await searchFiles(out)) === (await searchFiles(whole)) });
      };
      const resident = new ResidentBuild();
      await step('first build', await build(resident));
      await edit('Zyzzyvaworker one.');
      await step('an edit', await build(resident));
      await edit('Zyzzyvaworker two, with more words than before.');
      await step('another edit', await build(resident));
      await resident.close();
      // A build in a new process: from the cache folder the watching one wrote.
      await edit('Zyzzyvaworker three.');
      await step('an edit built from the cache folder', await build(undefined));
      console.log(JSON.stringify(steps));
    `;
    const file = path.join(work, 'watch.mjs');
    await writeFile(file, script);
    // Resolves only once the process has exited: a worker left running would hold it open until the timeout.
    const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: repository, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 50_000 });
    expect(JSON.parse(stdout)).toEqual([
      { name: 'first build', code: 0, inPlace: false, failed: false, same: true },
      { name: 'an edit', code: 0, inPlace: true, failed: false, same: true },
      { name: 'another edit', code: 0, inPlace: true, failed: false, same: true },
      { name: 'an edit built from the cache folder', code: 0, inPlace: true, failed: false, same: true },
    ]);
  }, 60_000);
});

describe('the pages', () => {
  test('every page carries the server\'s Content Security Policy as a meta element', async () => {
    const out = path.join(await temporary('dossier-build-csp-'), 'site');
    expect((await runCli('build', '--root', basic, '--out', out, '--no-cache')).code).toBe(0);
    const header = (await request(createApp({ corpus: await buildCorpus(basic) })).get('/')).headers['content-security-policy'] as string;
    // A meta element cannot carry frame-ancestors (browsers ignore it there); every other directive means the same:
    // written out, or left out where it says what default-src says (a browser then falls back to default-src).
    const directives = (policy: string): Map<string, string> => new Map(policy.split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
    const headerDirectives = directives(header);
    headerDirectives.delete('frame-ancestors');
    const fallsBackToDefault = new Set(['script-src', 'style-src', 'img-src', 'font-src', 'connect-src', 'media-src', 'object-src', 'child-src', 'manifest-src']);
    const effective = (meta: string): Map<string, string | undefined> => {
      const given = directives(meta);
      return new Map([...headerDirectives.keys()].map((name) => [name, given.get(name) ?? (fallsBackToDefault.has(name) ? given.get('default-src') : undefined)]));
    };
    const pages = (await filesUnder(out)).filter((file) => file.endsWith('.html') && !file.includes(`${path.sep}exports${path.sep}`));
    expect(pages.length).toBeGreaterThan(20);
    for (const page of pages) {
      const html = await readFile(page, 'utf8');
      const meta = /<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
      expect([path.relative(out, page), effective(meta?.[1]?.replaceAll('&#39;', "'") ?? '')]).toEqual([path.relative(out, page), headerDirectives]);
    }
  });

  test('a page is what the server renders for an anonymous reader of a static copy (one renderPage)', async () => {
    const out = path.join(await temporary('dossier-build-same-'), 'site');
    expect((await runCli('build', '--root', basic, '--out', out, '--no-cache')).code).toBe(0);
    const app = createApp({ corpus: await buildCorpus(basic), staticSite: true });
    for (const page of ['/memos/genocide', '/sources/akayesu', '/topics/genocide', '/memos', '/', '/graph', '/search', '/basket', '/problems']) {
      const served = await request(app).get(page);
      expect(await readFile(path.join(out, page, 'index.html'), 'utf8')).toBe(served.text);
    }
  });
});

describe('progress', () => {
  const buildWith = async (isTerminal: boolean) => {
    const { main } = await import('../../src/cli/main.js');
    const out = path.join(await temporary('dossier-build-progress-'), 'site');
    let stderr = '';
    let stdout = '';
    const code = await main(['build', '--root', basic, '--out', out, '--no-cache'], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), isTerminal });
    return { code, stdout, stderr };
  };

  test('without a terminal: a plain line per stage (files parsed, pages written), then a one-line summary with each stage\'s time', async () => {
    const run = await buildWith(false);
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n');
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^dossier build: parsed (\d+)\/\1$/), expect.stringMatching(/^dossier build: pages (\d+)\/\1$/)]));
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout.split('\n')[0]).toMatch(/^dossier: wrote \d+ pages, .* \(\d+ files, [\d.]+ MB written\) to .* in [\d.]+ s: corpus [\d.]+ s, lists [\d.]+ s, pages [\d.]+ s, exports [\d.]+ s, graph [\d.]+ s, search index [\d.]+ s/);
  });

  test('on a terminal: a bar, redrawn in place', async () => {
    const run = await buildWith(true);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\rpages +\[#+\] (\d+)\/\1\n/);
  });
});

describe('problems in the corpus', () => {
  /** A copy of the basic corpus whose first memo cites a key the library lacks: an error. */
  async function corpusWithUnknownKey(): Promise<string> {
    const root = await corpusCopy();
    const memos = path.join(root, 'corpus/memos');
    const memo = path.join(memos, (await readdir(memos)).filter((name) => name.endsWith('.md')).sort()[0]!);
    await appendFile(memo, '\nAs the missing judgment holds [@no-such-judgment, para 4].\n');
    return root;
  }

  test('are counted after the summary, the site is written, and the build succeeds', async () => {
    const root = await corpusWithUnknownKey();
    const out = path.join(await temporary('dossier-build-problems-'), 'site');
    const run = await runCli('build', '--root', root, '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^dossier build: the corpus has 1 error and \\d+ warnings?; dossier check --root ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} lists them$`, 'm'));
    expect(await exists(path.join(out, 'index.html'))).toBe(true);
  });

  test('with --strict, fail the build (status 1), say so, and still write the site', async () => {
    const root = await corpusWithUnknownKey();
    const out = path.join(await temporary('dossier-build-strict-'), 'site');
    const run = await runCli('build', '--root', root, '--out', out, '--strict');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^dossier build: the corpus has 1 error and .* lists them \(--strict: exit status 1, the site written all the same\)$/m);
    expect(await exists(path.join(out, 'index.html'))).toBe(true);
  });

  test('with --strict, a warning alone fails the build too; the command to list them names the root as a shell reads it', async () => {
    const parent = await temporary('dossier-build-warning-');
    const root = path.join(parent, "Ann's corpus");
    await cp(basic, root, { recursive: true });
    const memos = path.join(root, 'corpus/memos');
    const memo = path.join(memos, (await readdir(memos)).filter((name) => name.endsWith('.md')).sort()[0]!);
    // A field the memo format does not have: a warning, not an error.
    await writeFile(memo, (await readFile(memo, 'utf8')).replace(/^---\n/, '---\ncolour: blue\n'));
    const out = path.join(parent, 'site');
    const lenient = await runCli('build', '--root', root, '--out', out, '--no-cache');
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain(`dossier build: the corpus has 0 errors and 1 warning; dossier check --root '${parent}/Ann'\\''s corpus' lists them\n`);
    const strict = await runCli('build', '--root', root, '--out', out, '--no-cache', '--strict');
    expect(strict.code).toBe(1);
  });

  test('a corpus without problems builds with --strict, and no count is printed', async () => {
    const check = await runCli('check', '--root', basic, '--strict');
    expect(check.code).toBe(0);
    const out = path.join(await temporary('dossier-build-clean-'), 'site');
    const run = await runCli('build', '--root', basic, '--out', out, '--strict', '--no-cache');
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('the corpus has');
  });
});
