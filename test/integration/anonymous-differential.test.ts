/**
 * The side-by-side test of issue 15: a corpus with hidden records, and the same corpus with those
 * records' files deleted, are crawled anonymously — every page in every style, search with facets
 * and pages, every export scope and format, the graph, the problems, the API — and every answer
 * must be the same. A hidden record must answer exactly as one that does not exist.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import type { Corpus } from '../../src/model/records.js';
import { fixture } from '../helpers/server.js';
import { crawlAnonymously, differences } from '../helpers/anonymous-crawl.js';
import { appOver, internalRefs, withoutDeletionProblems } from '../helpers/deleted-corpus.js';
import { runCli } from '../helpers/run-cli.js';

/** The files that hold the fixture's internal records (and nothing else). */
const HIDDEN_FILES = [
  'citations/internal.yaml',
  'citations/texts/aardvark-transcript.txt',
  'corpus/memos/immunity.md',
  'corpus/memos/confidential',
  'corpus/speakers/witness-a.md',
  'corpus/events/closed-hearing.md',
  'corpus/statements/witness-a.md',
];

const PLAN = {
  words: ['immunity', 'witness', 'robertson', 'commander', 'hearing'],
  queryScopes: ['immunity', 'witness', 'robertson'],
  scopes: ['memo:state-immunity', 'memo:immunity', 'memo:witness-plan', 'topic:immunity-law', 'topic:witnesses', 'keys:robertson-2010-crimes,robertson-2010-memo,aardvark-transcript'],
};

let root: string;
let withHidden: Corpus;
let withoutHidden: Corpus;
let first: Map<string, string>;
let second: Map<string, string>;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dossier-differential-'));
  await cp(fixture('corpus-differential'), root, { recursive: true });
  for (const file of HIDDEN_FILES) await rm(path.join(root, file), { recursive: true });
  withHidden = await buildCorpus(fixture('corpus-differential'));
  withoutHidden = withoutDeletionProblems(await buildCorpus(root), internalRefs(withHidden));
  first = await crawlAnonymously(await appOver(withHidden), PLAN);
  second = await crawlAnonymously(await appOver(withoutHidden), PLAN);
  // Two crawls of over 500 answers each: about 80 s alone, and it ran past 120 s beside the other
  // suites on a loaded two-core machine. A limit on a hook, never an assertion about time.
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('an anonymous reader of a corpus with hidden records', () => {
  test('the fixture hides records of every kind, by marker, by folder default and by a misspelt marker', () => {
    expect(internalRefs(withHidden).map((ref) => `${ref.type}:${ref.id}`).sort()).toEqual([
      'event:closed-hearing',
      'memo:immunity',
      'memo:witness-plan',
      'source:aardvark-transcript',
      'source:misspelt-marker',
      'source:robertson-2010-memo',
      'speaker:witness-a',
      'statement:witness-a',
    ]);
    expect(internalRefs(withoutHidden)).toEqual([]);
  });

  test('reaches every page, style, search, export, graph and problem', () => {
    expect(first.size).toBeGreaterThan(500);
    expect(first.get('/memos/state-immunity')).toMatch(/^200 /);
  });

  test('gets exactly the answers of the same corpus with those records deleted', () => {
    expect(differences(first, second)).toEqual([]);
  });

  test('reads public sentences whole: an internal memo named "immunity" takes no word out of them', () => {
    const source = first.get('/sources/arrest-warrant')!;
    expect(source).toContain('State immunity does not apply to genocide');
    expect(source).not.toContain('[withheld]');
  });

  test('sees no year suffix or number that a hidden source by the same author would cause', () => {
    const apa = first.get('/memos/state-immunity?style=apa')!;
    expect(apa).toMatch(/Robertson, 2010[,)]/);
    expect(apa).not.toMatch(/2010[ab]/);
  });

  test('sees no trace of a citation of a hidden source: no empty element, no gap in entry ids, no description of nothing', () => {
    const memo = first.get('/memos/state-immunity?style=apa')!;
    const ids = [...memo.matchAll(/id="user-content-bib-(\d+)"/g)].map((match) => Number(match[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(ids.map((_, index) => index + 1));
    // Every citation's preview names entries printed on the page, none left for a hidden source.
    const described = [...memo.matchAll(/aria-describedby="([^"]*)"/g)].flatMap((match) => match[1]!.split(' '));
    expect(described.length).toBeGreaterThan(0);
    for (const id of described) expect(memo).toContain(`id="${id}"`);
    expect(memo).not.toMatch(/<span><\/span>/);
  });

  test('is not told the result of checking a public statement against a hidden source', () => {
    // The public statement itself ("The witness said the commander hesitated.") may be named; what
    // it was checked against, and how that check came out, may not.
    for (const url of ['/problems', '/api/diagnostics']) expect(first.get(url)).not.toMatch(/aardvark|verbatim-mismatch|matches up to|differs|internal\.yaml|confidential/);
  });
});

describe('a static site built in APA', () => {
  test('writes the same labels as a site of the corpus with its hidden records deleted', async () => {
    const outs = [path.join(root, '..', `${path.basename(root)}-site-a`), path.join(root, '..', `${path.basename(root)}-site-b`)];
    try {
      expect((await runCli('build', '--root', fixture('corpus-differential'), '--out', outs[0]!, '--style', 'apa', '--no-cache')).code).toBe(0);
      expect((await runCli('build', '--root', root, '--out', outs[1]!, '--style', 'apa', '--no-cache')).code).toBe(0);
      for (const file of ['memos/state-immunity/index.html', 'sources/robertson-2010-crimes/index.html', 'exports/library.html.html']) {
        // The deleted corpus's memo lists its own unknown references among its problems (the
        // counterpart of the problems set aside in the crawl above); the rest must be the same.
        const [a, b] = (await Promise.all(outs.map((out) => readFile(path.join(out, file), 'utf8')))).map((page) =>
          page.replace(/\s*<section class="memo-problems"[\s\S]*?<\/section>/, ''),
        );
        expect(a).not.toMatch(/2010b|Private advice|aardvark|commander/i);
        expect(a).toBe(b);
      }
      // The deleted corpus's problems page lists its own unknown references; the hidden one must name nothing hidden.
      expect(await readFile(path.join(outs[0]!, 'problems/index.html'), 'utf8')).not.toMatch(/aardvark|matches up to|witness-a|internal\.yaml|confidential/i);
    } finally {
      for (const out of outs) await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
