/**
 * Running pandoc for the user: a memo's Markdown, its CSL-JSON and the style, to a Word file.
 * The only place that starts pandoc; missing pandoc is a message naming the package, not a crash.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PandocFiles } from './pandoc.js';

/** What to tell a user whose machine has no pandoc. */
export const PANDOC_MISSING = 'pandoc is not installed; install it (Debian and Ubuntu: sudo apt-get install pandoc) and run the command again';

/** Whether pandoc can be run here now (asked each time: one short process per Word file). */
export function pandocAvailable(): Promise<boolean> {
  return new Promise((resolve) => execFile('pandoc', ['--version'], { env: process.env }, (error) => resolve(error === null)));
}

let installed: boolean | null = null;
/** Whether pandoc is installed, asked once, synchronously: pages offer Word files only if it is. */
export function pandocInstalled(): boolean {
  if (installed === null) {
    try {
      execFileSync('pandoc', ['--version'], { stdio: 'ignore', timeout: 10_000 });
      installed = true;
    } catch {
      installed = false;
    }
  }
  return installed;
}

/** Seconds since 1970 of a YYYY-MM-DD date at midnight UTC, or 0 without one: pandoc dates the file by it. */
function sourceDateEpoch(date: string | null): string {
  const time = date === null ? Number.NaN : Date.parse(`${date}T00:00:00Z`);
  return String(Number.isNaN(time) ? 0 : Math.floor(time / 1000));
}

/** Writes a memo as a Word file with pandoc --citeproc; a message instead when that fails. */
export async function runPandocToDocx(input: {
  readonly markdown: string;
  readonly bibliography: string;
  readonly files: PandocFiles;
  readonly out: string;
  /** The memo's `updated` date (YYYY-MM-DD), or null: the Word file's own dates, so that the same memo always gives the same file. */
  readonly date: string | null;
}): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!(await pandocAvailable())) return { ok: false, message: PANDOC_MISSING };
  const folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-docx-'));
  try {
    await writeFile(path.join(folder, 'memo.md'), input.markdown);
    await writeFile(path.join(folder, input.files.bibliography), input.bibliography);
    if (input.files.csl !== null) await writeFile(path.join(folder, input.files.csl), input.files.cslXml ?? '');
    const message = await new Promise<string | null>((resolve) =>
      execFile('pandoc', ['memo.md', '--citeproc', '-o', input.out], { cwd: folder, timeout: 120_000, env: { ...process.env, SOURCE_DATE_EPOCH: sourceDateEpoch(input.date) } }, (error, _stdout, stderr) =>
        resolve(error === null ? null : `pandoc could not write ${input.out}: ${String(stderr).trim() || error.message}`),
      ),
    );
    return message === null ? { ok: true } : { ok: false, message };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
