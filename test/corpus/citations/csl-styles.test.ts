/** dossier's own CSL styles are valid CSL 1.0.2, as jing reads them against the official schema. */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CITATION_STYLES } from '../../../src/corpus/citations/format.js';
import { styleFilePath } from '../../../src/corpus/citations/style-files.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const schema = path.resolve(repoRoot, '..', 'shared', 'csl-schema', 'csl.rnc');
const styleDirectory = path.join(repoRoot, 'src', 'corpus', 'citations', 'styles');

/** jing's complaints about a file: its error lines, without the launcher's warnings about optional jars. */
function jingErrors(file: string): string[] {
  try {
    execFileSync('jing', ['-c', schema, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const lines = `${stdout}\n${stderr}`.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('[warning]'));
    return lines.length > 0 ? lines : [`jing failed on ${file}`];
  }
}

describe.each(readdirSync(styleDirectory).filter((name) => name.endsWith('.csl')).map((name) => [name]))('%s', (name) => {
  test('validates against csl.rnc with jing', () => {
    expect(jingErrors(path.join(styleDirectory, name))).toEqual([]);
  });
});

test('the style files are the ones the browser formats with', () => {
  const own = CITATION_STYLES.filter((style) => style.file !== null);
  expect(own.map((style) => style.id)).toEqual(['oscola', 'chicago-notes']);
  for (const style of own) expect(style.xml).toContain('<style xmlns="http://purl.org/net/xbiblio/csl"');
  expect(path.dirname(styleFilePath('oscola-international.csl'))).toBe(styleDirectory);
});

test('jing rejects a style that uses a term CSL does not have, so the check can fail', () => {
  const broken = path.join(repoRoot, 'test', 'fixtures', 'csl-invalid', 'unknown-term.csl');
  expect(jingErrors(broken).join('\n')).toMatch(/principle|invalid/);
});
