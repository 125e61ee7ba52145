/**
 * `dossier build` into a site it wrote before: after each kind of edit, the site it leaves is
 * byte for byte the site a whole build of the edited corpus writes, while it rewrites only the
 * files the edit changed. A memo turned internal is gone from every page, search file, export and
 * graph file, and such an edit is built whole into a new folder (so a build that dies half-way
 * never leaves the memo named on a page it did not reach).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/run-cli.js';
import { buildStaticSite, ResidentBuild } from '../../src/cli/build.js';
import { DEFAULT_STYLE_ID } from '../../src/corpus/citations/format.js';

const basic = fileURLToPath(new URL('../fixtures/corpus-basic/', import.meta.url));
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A copy of the basic fixture in a new folder (removed after the tests), with where its site and cache go. */
async function workCopy(prefix: string): Promise<{ work: string; root: string; out: string; cache: string }> {
  const work = await mkdtemp(path.join(os.tmpdir(), prefix));
  folders.push(work);
  const root = path.join(work, 'corpus');
  await cp(basic, root, { recursive: true });
  return { work, root, out: path.join(work, 'site'), cache: path.join(work, 'cache') };
}

/** Every file of a site but its marker (which carries the build's id and time), with its content. */
async function siteFiles(folder: string): Promise<Map<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile() || entry.name === '.dossier-site') continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(folder, file), await readFile(file, 'latin1'));
  }
  return files;
}

/** That the site in `out` is, file for file and byte for byte, what a whole build of `root` writes into `whole` (`label` names the step in a failure). */
async function expectWholeBuildsSite(root: string, out: string, whole: string, label: string): Promise<void> {
  expect((await runCli('build', '--root', root, '--out', whole, '--no-cache')).code).toBe(0);
  const incremental = await siteFiles(out);
  const expected = await siteFiles(whole);
  expect([label, [...incremental.keys()].sort()]).toEqual([label, [...expected.keys()].sort()]);
  for (const [file, content] of expected) expect([label, file, incremental.get(file) === content]).toEqual([label, file, true]);
}

async function replaceIn(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new TypeError(`${file} does not hold ${JSON.stringify(from)}`);
  await writeFile(file, text.replace(from, to));
}

interface EditCase {
  readonly name: string;
  readonly edit: (root: string) => Promise<void>;
  /** Whether the edit is written into the site in place (false: built whole, into a new folder). */
  readonly inPlace: boolean;
  /** At most this many files rewritten (of the site's hundred or so). */
  readonly mostRewritten: number;
  /** Pages the edit cannot change, which are left as they were (not written again). */
  readonly untouched?: readonly string[];
}

const memo = (root: string, id: string) => path.join(root, 'corpus/memos', `${id}.md`);

const cases: EditCase[] = [
  { name: 'nothing edited', edit: async () => undefined, inPlace: true, mostRewritten: 0 },
  {
    name: 'a sentence added to a memo',
    edit: (root) => replaceIn(memo(root, 'genocide'), 'Political groups were left out.', 'Political groups were left out. Zyzzyvaedit appears here.'),
    inPlace: true,
    mostRewritten: 40,
  },
  {
    name: 'a citation added to a memo (the graph gains an edge; the source shows a new backlink)',
    edit: (root) => replaceIn(memo(root, 'genocide'), 'Political groups were left out.', 'Political groups were left out [@eichmann].'),
    inPlace: true,
    mostRewritten: 60,
  },
  {
    name: 'a memo retitled (the memo that links to it shows its title)',
    edit: (root) => replaceIn(memo(root, 'jurisdiction'), 'title: Who may try the perpetrators?', 'title: Which courts may try them?'),
    inPlace: true,
    mostRewritten: 40,
  },
  {
    name: 'a speaker renamed (pages that show a statement show its speaker)',
    edit: (root) => replaceIn(path.join(root, 'corpus/speakers/robertson.md'), 'name: Geoffrey Robertson', 'name: G. Robertson QC'),
    inPlace: true,
    mostRewritten: 60,
  },
  {
    name: 'a statement reworded (the memo that embeds it shows its words)',
    edit: (root) => replaceIn(path.join(root, 'corpus/statements/robertson-fatwa.md'), 'their different view on Islam', 'their different reading of Islam'),
    inPlace: true,
    mostRewritten: 60,
    // Another speaker's page lists only that speaker's statements.
    untouched: ['speakers/david/index.html'],
  },
  {
    name: 'a source retitled (every citation may be formatted anew)',
    edit: (root) => replaceIn(path.join(root, 'citations/library.yaml'), 'title: Convention on the Prevention and Punishment of the Crime of Genocide', 'title: Genocide Convention'),
    inPlace: true,
    mostRewritten: Infinity,
  },
  {
    name: 'a memo retitled to sort first (the list of memos changes its order)',
    edit: (root) => replaceIn(memo(root, 'jurisdiction'), 'title: Who may try the perpetrators?', 'title: A question of who may try them'),
    inPlace: true,
    mostRewritten: 40,
  },
  {
    name: 'a citing sentence reworded (the source shows the sentence that cites it)',
    edit: (root) => replaceIn(memo(root, 'jurisdiction'), 'Israel tried Eichmann for crimes committed abroad [@eichmann].', 'Israel judged Eichmann for crimes done abroad [@eichmann].'),
    inPlace: true,
    mostRewritten: 40,
  },
  {
    name: "a statement given to another speaker (both speakers' lists of statements change)",
    edit: (root) => replaceIn(path.join(root, 'corpus/statements/robertson-fatwa.md'), 'speaker: robertson', 'speaker: david'),
    inPlace: true,
    mostRewritten: 60,
  },
  {
    name: "a statement's date changed (its speaker's and event's lists may change their order)",
    edit: (root) => replaceIn(path.join(root, 'corpus/statements/robertson-fatwa.md'), 'date: 2021-08-27', 'date: 2019-01-05'),
    inPlace: true,
    mostRewritten: 60,
  },
  {
    name: 'a source in another library file retitled (shown on every memo citing it)',
    edit: async (root) => {
      const file = path.join(root, 'citations/cases.bib');
      const text = await readFile(file, 'utf8');
      const retitled = text.replace(/title\s*=\s*\{/i, 'title = {Retitled: ');
      if (retitled === text) throw new TypeError(`${file} holds no title`);
      await writeFile(file, retitled);
    },
    inPlace: true,
    mostRewritten: Infinity,
  },
  {
    name: "a memo filed under another topic (both topics' pages list it differently)",
    edit: (root) => replaceIn(memo(root, 'jurisdiction'), 'topics: jurisdiction', 'topics: [jurisdiction, genocide]'),
    inPlace: true,
    mostRewritten: 60,
  },
  {
    name: 'a citation of a key the library lacks (the memo gains a problem; the problems page lists it)',
    edit: (root) => replaceIn(memo(root, 'genocide'), 'Political groups were left out.', 'Political groups were left out [@no-such-key].'),
    inPlace: true,
    mostRewritten: 60,
  },
  {
    name: "a folder's defaults file that says public, as its records already were (their visibility comes from it now; no page changes)",
    edit: (root) => writeFile(path.join(root, 'corpus/statements/_defaults.yaml'), 'visibility: public\n'),
    inPlace: true,
    mostRewritten: 0,
  },
  {
    name: 'a memo deleted',
    edit: (root) => rm(memo(root, 'jurisdiction')),
    inPlace: false,
    mostRewritten: Infinity,
  },
  {
    name: 'a speaker file renamed (its id changes with it)',
    edit: (root) => rename(path.join(root, 'corpus/speakers/david.md'), path.join(root, 'corpus/speakers/david-2.md')),
    inPlace: false,
    mostRewritten: Infinity,
  },
  {
    name: 'a statement turned internal',
    edit: (root) => replaceIn(path.join(root, 'corpus/statements/robertson-fatwa.md'), 'speaker: robertson', 'speaker: robertson\nvisibility: internal'),
    inPlace: false,
    mostRewritten: Infinity,
  },
  {
    name: 'a folder of statements made internal by its defaults file',
    edit: (root) => writeFile(path.join(root, 'corpus/statements/_defaults.yaml'), 'visibility: internal\n'),
    inPlace: false,
    mostRewritten: Infinity,
  },
  {
    name: 'a memo turned internal',
    edit: (root) => replaceIn(memo(root, 'jurisdiction'), 'title: Who may try the perpetrators?', 'title: Who may try the perpetrators?\nvisibility: internal'),
    inPlace: false,
    mostRewritten: Infinity,
  },
];

describe('a build into a site it wrote before', () => {
  test.each(cases)('$name: the site is what a whole build writes', async ({ edit, inPlace, mostRewritten, untouched = [] }) => {
    const { work, root, out, cache } = await workCopy('dossier-incremental-');
    const first = await runCli('build', '--root', root, '--out', out, '--cache', cache);
    expect(first.code).toBe(0);
    const total = (await siteFiles(out)).size;
    // A file written again is a new file renamed over the old one.
    const identity = async (file: string) => {
      const status = await stat(path.join(out, file), { bigint: true });
      return `${status.ino}:${status.mtimeNs}`;
    };
    const before = await Promise.all(untouched.map(identity));

    await edit(root);
    const again = await runCli('build', '--root', root, '--out', out, '--cache', cache);
    expect(again.code).toBe(0);
    const whole = path.join(work, 'whole');
    expect((await runCli('build', '--root', root, '--out', whole, '--no-cache')).code).toBe(0);

    const incremental = await siteFiles(out);
    const expected = await siteFiles(whole);
    expect([...incremental.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) expect([file, incremental.get(file) === content]).toEqual([file, true]);

    const rewritten = /rewrote (\d+) of (\d+) files/.exec(again.stdout);
    expect(rewritten !== null).toBe(inPlace);
    if (rewritten !== null) {
      expect(Number(rewritten[1])).toBeLessThanOrEqual(Math.min(mostRewritten, total));
      if (mostRewritten > 0) expect(Number(rewritten[1])).toBeGreaterThan(0);
    }
    expect(await Promise.all(untouched.map(identity))).toEqual(before);
    // Nothing the build keeps for the next one is in the site.
    expect([...incremental.keys()].filter((file) => /manifest|parsed/.test(file) && !file.startsWith('search/'))).toEqual([]);
  });

  test('edit after edit into the same site (each build reading the parse cache and manifest the one before wrote): each time the site is what a whole build writes', async () => {
    const { work, root, out, cache } = await workCopy('dossier-incremental-sequence-');
    expect((await runCli('build', '--root', root, '--out', out, '--cache', cache)).code).toBe(0);
    const steps = ['a sentence added to a memo', 'a statement reworded', 'a memo filed under another topic', 'a citation of a key the library lacks', 'a memo retitled (', "a statement's date changed", 'a speaker renamed'];
    for (const [number, start] of steps.entries()) {
      const step = cases.find((item) => item.name.startsWith(start))!;
      await step.edit(root);
      const again = await runCli('build', '--root', root, '--out', out, '--cache', cache);
      expect([start, again.code, /rewrote \d+ of/.test(again.stdout)]).toEqual([start, 0, true]);
      await expectWholeBuildsSite(root, out, path.join(work, `whole-${number}`), start);
    }
  });

  test('a build that watches (one process, each build starting from what the last kept in memory): edit after edit, in place or whole, the site is what a whole build writes', async () => {
    const { work, root, out, cache } = await workCopy('dossier-incremental-resident-');
    const resident = new ResidentBuild();
    const build = async (): Promise<{ code: number; stdout: string }> => {
      // As its watcher would run it, but naming nothing: what changed is found by each file's status alone.
      resident.noteChanged([]);
      let stdout = '';
      const code = await buildStaticSite({ root, out, style: DEFAULT_STYLE_ID, cacheDir: cache }, { stdout: (text) => (stdout += text), stderr: () => undefined }, resident);
      return { code, stdout };
    };
    expect((await build()).code).toBe(0);
    // Each kind of edit in turn; a memo turned internal and a speaker file renamed are built whole, and the builds after them are in place again.
    const steps = ['a sentence added to a memo', 'a speaker renamed', 'a source retitled (', 'a statement given to another speaker', 'a citation added to a memo (', 'a memo turned internal', "a statement's date changed", 'nothing edited', 'a speaker file renamed', 'a statement reworded'];
    for (const [number, start] of steps.entries()) {
      const step = cases.find((item) => item.name.startsWith(start))!;
      await step.edit(root);
      const again = await build();
      expect([start, again.code, /rewrote \d+ of/.test(again.stdout)]).toEqual([start, 0, step.inPlace]);
      await expectWholeBuildsSite(root, out, path.join(work, `whole-${number}`), start);
    }
    // What it kept is what it wrote to the cache folder (once written, after the build returned): a build in a new process goes on in place from it.
    await resident.settled();
    const genocide = memo(root, 'genocide');
    const before = await readFile(genocide, 'utf8');
    await replaceIn(genocide, 'Zyzzyvaedit appears here.', 'Zyzzyvaedit appears elsewhere.');
    const fresh = await runCli('build', '--root', root, '--out', out, '--cache', cache);
    expect([fresh.code, /rewrote \d+ of/.test(fresh.stdout)]).toEqual([0, true]);
    // And what it kept in memory is not trusted once another build has written the folder: with the
    // edit undone, the pages that build rewrote answer as they did when this process last built, yet
    // hold that build's text.
    await writeFile(genocide, before);
    expect((await build()).code).toBe(0);
    const whole = path.join(work, 'whole-last');
    expect((await runCli('build', '--root', root, '--out', whole, '--no-cache')).code).toBe(0);
    const incremental = await siteFiles(out);
    for (const [file, content] of await siteFiles(whole)) expect([file, incremental.get(file) === content]).toEqual([file, true]);
    // As a watching process stops: what it still writes into the cache folder is written, and its search index's thread let go.
    await resident.close();
  });

  test('a search file changed since the previous build is not trusted: the search index is written whole again', async () => {
    const { work, root, out, cache } = await workCopy('dossier-incremental-search-');
    expect((await runCli('build', '--root', root, '--out', out, '--cache', cache)).code).toBe(0);
    const shards = (await readdir(path.join(out, 'search'))).filter((name) => /^terms-.+\.json$/.test(name));
    // Rows that still read well, with every term's first count one more than it is.
    for (const name of shards) {
      const rows = JSON.parse(await readFile(path.join(out, 'search', name), 'utf8')) as Array<[string, number, number[]]>;
      await writeFile(path.join(out, 'search', name), JSON.stringify(rows.map(([term, field, list]) => [term, field, [list[0], list[1]! + 1, ...list.slice(2)]])));
    }
    await cases[1]!.edit(root);
    expect((await runCli('build', '--root', root, '--out', out, '--cache', cache)).code).toBe(0);
    const whole = path.join(work, 'whole');
    expect((await runCli('build', '--root', root, '--out', whole, '--no-cache')).code).toBe(0);
    const incremental = await siteFiles(out);
    for (const [file, content] of await siteFiles(whole)) if (file.startsWith('search/')) expect([file, incremental.get(file) === content]).toEqual([file, true]);
  });

  test('a memo turned internal leaves no page, search file, export or graph file that names it', async () => {
    const { root, out, cache } = await workCopy('dossier-incremental-hidden-');
    expect((await runCli('build', '--root', root, '--out', out, '--cache', cache)).code).toBe(0);
    const before = await siteFiles(out);
    // Its files, its title, a link to its page, its reference in the graph's data and the search index.
    const names = (file: string, content: string) =>
      /^(memos\/jurisdiction\/|exports\/jurisdiction\.)/.test(file) || ['Who may try the perpetrators', '/memos/jurisdiction', 'memo:jurisdiction'].some((text) => content.includes(text));
    const naming = (files: Map<string, string>) => [...new Set([...files].filter(([file, content]) => names(file, content)).map(([file]) => file.split('/')[0]))].sort();
    // Before it is hidden, pages, the search index, the graph's data and its exports name it.
    expect(naming(before)).toEqual(expect.arrayContaining(['exports', 'graph-data', 'memos', 'search']));

    await cases.at(-1)!.edit(root);
    expect((await runCli('build', '--root', root, '--out', out, '--cache', cache)).code).toBe(0);
    expect(naming(await siteFiles(out))).toEqual([]);
  });
});
