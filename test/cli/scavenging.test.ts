/**
 * A build on two cores makes V8 scavenge on the thread that asked (src/cli/scavenging.ts): when it
 * does, and that the setting takes effect in a running process of this Node.
 */
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serialScavengeWanted } from '../../src/cli/scavenging.js';

const run = promisify(execFile);
const built = fileURLToPath(new URL('../../dist/cli/scavenging.js', import.meta.url));

describe('serialScavengeWanted', () => {
  test.each([
    ['one core', 1, [], '', true],
    ['two cores', 2, [], '', true],
    ['three cores: left as V8 has it', 3, [], '', false],
    ['sixteen cores', 16, [], '', false],
    ['the user asked for parallel scavenging on the command line', 2, ['--parallel-scavenge'], '', false],
    ['the user turned it off already', 2, ['--no-parallel-scavenge'], '', false],
    ['the flag with an underscore, in NODE_OPTIONS', 2, [], '--max-old-space-size=4096 --parallel_scavenge', false],
    ['another flag that names it is not the user choosing', 2, ['--trace-parallel-scavenge'], '--no-parallel-scavenge-x', true],
  ] as const)('%s', (_name, cores, execArgv, nodeOptions, wanted) => {
    expect(serialScavengeWanted(cores, execArgv, nodeOptions)).toBe(wanted);
  });
});

/** Allocates short-lived objects in a child process, before and after a mark, and counts V8's scavenges and the tasks each used. */
const CHILD = `
const { scavengeSeriallyOnFewCores } = await import(${JSON.stringify(built)});
const churn = () => { let kept = []; for (let i = 0; i < 4e6; i++) { kept.push({ i, text: 'x' + i }); if (kept.length > 2e5) kept = []; } };
churn();
process.stdout.write('MARK ' + scavengeSeriallyOnFewCores(2) + '\\n');
churn();
`;

test('once set, every scavenge in the process runs as one task', async () => {
  const { stdout } = await run(process.execPath, ['--trace-gc', '--trace-parallel-scavenge', '--input-type=module', '-e', CHILD], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
  const [before, after] = stdout.split(/MARK (?:true|false)\n/u);
  expect(stdout).toContain('MARK true');
  const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;
  const scavengesAfter = count(after!, /: Scavenge /gu);
  expect(scavengesAfter).toBeGreaterThan(5);
  // One task's line for each scavenge; before the mark, V8 shared some of them out (on more than one core).
  expect(count(after!, /scavenge\[/gu)).toBe(scavengesAfter);
  if (availableParallelism() > 1) expect(count(before!, /scavenge\[/gu)).toBeGreaterThan(count(before!, /: Scavenge /gu));
});
