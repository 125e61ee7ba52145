/**
 * Writing cache files that hold internal text: owner-only folders and files, written to a
 * temporary file and renamed, and temporary files left by a process that died removed.
 */
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Creates a folder (and its parents) readable by the owner only, and makes an existing one so. */
export async function makePrivateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
}

/** Writes a file readable by the owner only, atomically; the temporary file never outlives a failure. */
export async function writePrivateFile(target: string, data: string | Uint8Array): Promise<void> {
  await makePrivateFolder(path.dirname(target));
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, data, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Whether a process with this id is alive (one we may not signal is alive too). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `NAME.PID.tmp` files in a folder whose writing process is gone (killed half-way). */
export async function removeAbandonedTemporaryFiles(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /\.(\d+)\.tmp$/.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    await rm(path.join(folder, name), { force: true });
  }
}
