/**
 * The import-direction rule of `npm run lint`: dependency-cruiser with .dependency-cruiser.cjs
 * refuses, in small fixture trees, an upward import, an import cycle and a folder that is not a
 * layer. Run as lint runs it, so a rule taken out of the config fails here; lint itself runs the
 * same command over the real src/ (a second run here would only double the suite's slowest part).
 */
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const config = path.join(repoRoot, '.dependency-cruiser.cjs');
const cruiser = path.join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}
interface CruiseResult {
  /** Violations of severity error: what makes `npm run lint` exit with a failure. */
  readonly errors: number;
  readonly violations: readonly Violation[];
}

/** Runs the checker over `src` inside `root`, as `npm run lint` does, and reads its JSON report. */
function cruise(root: string): Promise<CruiseResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cruiser, 'src', '--config', config, '--output-type', 'json'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        if (error !== null) throw error;
        const report = JSON.parse(stdout) as { summary: { error: number; violations: Violation[] } };
        resolve({ errors: report.summary.error, violations: report.summary.violations });
      } catch {
        reject(new Error(`dependency-cruiser gave no report: ${stderr}`, { cause: error }));
      }
    });
  });
}

const fixture = (name: string): string => path.join(repoRoot, 'test', 'fixtures', 'layers', name);

describe('the layer rule of npm run lint', () => {
  test('an import from model/ up into render/ fails, naming both files', async () => {
    const result = await cruise(fixture('upward'));
    expect(result.errors).toBeGreaterThan(0);
    expect(result.violations.map(({ from, to, rule }) => ({ from, to, rule: rule.name }))).toEqual([{ from: 'src/model/records.ts', to: 'src/render/page.ts', rule: 'layer-model' }]);
  });

  test('two modules that import each other fail, even within one layer', async () => {
    const result = await cruise(fixture('cycle'));
    expect(result.errors).toBeGreaterThan(0);
    expect(new Set(result.violations.map((violation) => violation.rule.name))).toEqual(new Set(['no-cycle']));
    // Reported once, as the import that closes it.
    expect(result.violations.map(({ from, to }) => [from, to].sort())).toEqual([['src/render/elements.ts', 'src/render/pages.ts']]);
  });

  test('a folder with no rank among the layers fails', async () => {
    const result = await cruise(fixture('unranked'));
    expect(result.errors).toBeGreaterThan(0);
    expect(result.violations.map(({ from, rule }) => ({ from, rule: rule.name }))).toEqual([{ from: 'src/helpers/words.ts', rule: 'no-unlayered-folder' }]);
  });
});
