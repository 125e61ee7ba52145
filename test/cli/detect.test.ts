/** `dossier detect` over the detection fixture corpus: the listing, --json and --suggest. */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve('test/fixtures/detect');
const folder = mkdtempSync(path.join(tmpdir(), 'dossier-detect-'));
const draft = path.join(folder, 'draft.txt');
writeFileSync(draft, 'Akayesu, ICTR-96-4-T, para. 516, and Article 6 of the Rome Statute.\nSee A/HRC/37/68 and A/74/10.\n');

describe('dossier detect', () => {
  test('lists every reference with its place, identifier, pinpoint and resolution', async () => {
    const run = await runCli('detect', draft, '--root', ROOT);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `${draft}:1:10 case-number ICTR-96-4-T (para. 516) → @akayesu-1998 [identifier, 1]  “ICTR-96-4-T, para. 516”`,
      `${draft}:1:38 instrument-article Rome Statute (art. 6) → @rome-statute [title, 0.9]  “Article 6 of the Rome Statute”`,
      `${draft}:2:5 un-document A/HRC/37/68 → unresolved: not in the library  “A/HRC/37/68”`,
      `${draft}:2:21 un-document A/74/10 → unresolved: fits @ilc-report-2019, @ilc-report-2019-chapter  “A/74/10”`,
      '4 references, 2 resolved',
      '',
    ]);
  });

  test('--json prints the detections with spans and resolutions', async () => {
    const run = await runCli('detect', draft, '--root', ROOT, '--json');
    const { detections } = JSON.parse(run.stdout) as { detections: Array<{ kind: string; span: unknown; resolution: { key: string | null } }> };
    expect(detections[0]).toMatchObject({ kind: 'case-number', span: { start: 9, end: 31, line: 1, column: 10 }, resolution: { key: 'akayesu-1998', confidence: 1 } });
    expect(detections.map((d) => d.resolution.key)).toEqual(['akayesu-1998', 'rome-statute', null, null]);
  });

  test('--suggest rewrites each resolved mention as a Pandoc citation and leaves the rest alone', async () => {
    const run = await runCli('detect', draft, '--root', ROOT, '--suggest');
    expect(run.stdout).toBe('Akayesu, [@akayesu-1998, para. 516], and Article 6 of the Rome Statute [@rome-statute, art. 6].\nSee A/HRC/37/68 and A/74/10.\n');
  });

  test('a file that cannot be read is reported, and two files are a usage error', async () => {
    expect((await runCli('detect', path.join(folder, 'missing.txt'), '--root', ROOT)).code).toBe(1);
    expect((await runCli('detect', draft, draft, '--root', ROOT)).code).toBe(2);
  });
});
