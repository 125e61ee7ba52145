/**
 * `dossier build` on two cores sets V8's flags (src/cli/v8-settings.ts): which, when, never over
 * the user's own, and that they take effect in a running process of this Node.
 */
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildV8Flags } from '../../src/cli/v8-settings.js';

const run = promisify(execFile);
const built = fileURLToPath(new URL('../../dist/cli/v8-settings.js', import.meta.url));
const ALL = ['--no-parallel-scavenge', '--interrupt-budget=270336', '--max-inlined-bytecode-size-cumulative=460'];

describe('buildV8Flags', () => {
  test.each([
    ['one core', 1, [], ALL],
    ['two cores', 2, [], ALL],
    ['three cores: V8 is left as it is', 3, [], []],
    ['sixteen cores', 16, [], []],
    ['the user asked for parallel scavenging', 2, ['--parallel-scavenge'], ALL.slice(1)],
    ['the user turned it off already', 2, ['--no-parallel-scavenge'], ALL.slice(1)],
    ['the user turned it off as V8 also reads it', 2, ['--noparallel_scavenge'], ALL.slice(1)],
    ['the user set a budget, with an underscore', 2, ['--max-old-space-size=4096', '--interrupt_budget=1000'], [ALL[0], ALL[2]]],
    ['the user set all three', 2, ['--parallel-scavenge', '--interrupt-budget=5', '--max-inlined-bytecode-size-cumulative=920'], []],
    ['flags that only contain a name are not the user choosing', 2, ['--trace-parallel-scavenge', '--interrupt-budget-for-feedback-allocation=9', '--no-parallel-scavenge-x'], ALL],
  ] as const)('%s', (_name, cores, execArgv, flags) => {
    expect(buildV8Flags(cores, execArgv)).toEqual(flags);
  });
});

/** Allocates short-lived objects in a child process, before and after the settings, and counts V8's scavenges and the tasks each used. */
const CHILD = `
const { applyBuildV8Settings } = await import(${JSON.stringify(built)});
const churn = () => { let kept = []; for (let i = 0; i < 4e6; i++) { kept.push({ i, text: 'x' + i }); if (kept.length > 2e5) kept = []; } };
churn();
process.stdout.write('MARK ' + JSON.stringify(applyBuildV8Settings(2)) + '\\n');
churn();
`;

test('once set, every scavenge in the process runs as one task', async () => {
  const { stdout } = await run(process.execPath, ['--trace-gc', '--trace-parallel-scavenge', '--input-type=module', '-e', CHILD], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
  const mark = /MARK (.*)\n/u.exec(stdout);
  expect(JSON.parse(mark![1]!)).toEqual(ALL);
  const [before, after] = stdout.split(mark![0]);
  const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;
  const scavengesAfter = count(after!, /: Scavenge /gu);
  expect(scavengesAfter).toBeGreaterThan(5);
  // One task's line for each scavenge; before, V8 shared some of them out (on more than one core).
  expect(count(after!, /scavenge\[/gu)).toBe(scavengesAfter);
  if (availableParallelism() > 1) expect(count(before!, /scavenge\[/gu)).toBeGreaterThan(count(before!, /: Scavenge /gu));
});

/** Runs many small functions a few dozen times each, with or without the settings. */
const TIERING = (apply: boolean) => `
const { applyBuildV8Settings } = await import(${JSON.stringify(built)});
if (${apply}) applyBuildV8Settings(2);
const functions = Array.from({ length: 200 }, (_, n) => new Function('x', 'let s = 0; for (let i = 0; i < 40; i++) s += (x * ' + n + ' + i) % 7; return s;'));
let total = 0;
for (let round = 0; round < 60; round++) for (const f of functions) total += f(round);
process.stdout.write('TOTAL ' + total + '\\n');
`;

test('once set, V8 decides to optimise fewer functions of code that runs briefly', async () => {
  // The functions V8 marks for optimisation: decided on the running thread by each function's budget
  // (not by when a background compile finishes), so the count does not depend on the machine's load.
  const marked = async (apply: boolean): Promise<number> => {
    const { stdout } = await run(process.execPath, ['--trace-opt', '--input-type=module', '-e', TIERING(apply)], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
    expect(stdout).toMatch(/TOTAL \d+/u);
    return new Set([...stdout.matchAll(/sfi = (0x[0-9a-f]+)\)> for optimization/gu)].map((match) => match[1])).size;
  };
  const withDefaults = await marked(false);
  const withSettings = await marked(true);
  expect(withDefaults).toBeGreaterThanOrEqual(200);
  expect(withSettings).toBeLessThan(withDefaults / 2);
});
