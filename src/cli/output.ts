import { performance } from 'node:perf_hooks';
import { corpusRoot } from '../corpus/load.js';

/** Where a dossier command writes; tests pass collectors, `bin/dossier` passes the process streams. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard error is a terminal: long commands draw a progress bar instead of plain lines. */
  readonly isTerminal?: boolean;
}

/** Hears that `done` of `total` things of a stage are finished. */
export type ProgressListener = (stage: string, done: number, total: number) => void;

/**
 * Progress on standard error: a bar on a terminal, otherwise a plain line at most every two
 * seconds and at the end of each stage (logs stay readable, a watcher still sees it move).
 */
export function progressReporter(output: CliOutput, command: string): ProgressListener {
  let lastLine = 0;
  return (stage, done, total) => {
    if (output.isTerminal === true) {
      const width = 30;
      const filled = Math.round((Math.min(done, total) / Math.max(total, 1)) * width);
      output.stderr(`\r${stage.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
      return;
    }
    const now = performance.now();
    if (done === total || now - lastLine > 2000) {
      lastLine = now;
      output.stderr(`${command}: ${stage} ${done}/${total}\n`);
    }
  };
}

/** A duration for a summary line: "0.42 s", "12.3 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/** A count with its noun: "1 error", "2 warnings". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A path as a POSIX shell reads it back: as it is when it holds only safe characters, else in single quotes. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/u.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Whether --root can be a corpus; when it cannot (it does not exist, or holds neither corpus/ nor
 * citations/: a mistyped path), says so for `command` ("dossier build: not building: …"), so that
 * the command stops before it writes or makes anything there.
 */
export async function corpusRootUsable(root: string, output: CliOutput, refusal: string): Promise<boolean> {
  const { problem } = await corpusRoot(root);
  if (problem === null) return true;
  output.stderr(`${refusal}: ${problem}; --root names the folder that holds corpus/ and citations/.\n`);
  return false;
}
