/**
 * The output folder of `dossier build`, handled so that nothing is lost: the site is written into
 * a staging folder beside it and swapped in only when complete, a folder that `build` did not
 * write (it has no marker file) is never emptied without --force, and a folder that holds the
 * corpus, or lies inside it, is never written at all.
 */
import { mkdir, mkdtemp, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isRunning } from '../corpus/private-files.js';

/** The file by which `dossier build` recognises a folder it wrote. */
export const SITE_MARKER = '.dossier-site';

const STAGING = 'dossier-build-';
const RETIRED = 'dossier-old-';

/** Why an output folder is refused, or null when `build` may write it. */
export interface OutputRefusal {
  readonly reason: string;
}

/** The real path of a path that may not exist yet: its nearest existing folder, resolved, and the rest. */
async function realPathOf(target: string): Promise<string> {
  const resolved = path.resolve(target);
  const rest: string[] = [];
  let existing = resolved;
  for (;;) {
    try {
      return path.join(await realpath(existing), ...rest.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return resolved;
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}

function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** True when the folder holds the marker file of a site `build` wrote. */
export async function isOwnSite(folder: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(path.join(folder, SITE_MARKER), 'utf8')) as { kind?: unknown };
    return marker.kind === 'dossier-static-site';
  } catch {
    return false;
  }
}

/** Checks that `build` may write the output folder; says why not otherwise. */
export async function checkOutputFolder(out: string, root: string, force: boolean): Promise<OutputRefusal | null> {
  const realOut = await realPathOf(out);
  const realRoot = await realPathOf(root);
  if (isInside(realRoot, realOut)) {
    return { reason: `${out} ${realOut === realRoot ? 'is' : 'contains'} the corpus root ${realRoot}; writing the site there would replace corpus/ and citations/. Choose a folder outside it` };
  }
  for (const kept of ['corpus', 'citations', '.dossier']) {
    if (isInside(realOut, path.join(realRoot, kept))) return { reason: `${out} is inside ${path.join(realRoot, kept)}, which dossier reads; choose a folder outside it` };
  }
  let entries: string[];
  try {
    const status = await stat(realOut);
    if (!status.isDirectory()) return { reason: `${out} is a file, not a folder` };
    entries = await readdir(realOut);
  } catch {
    return null;
  }
  if (entries.length === 0 || force || (await isOwnSite(realOut))) return null;
  return { reason: `${out} is not empty and was not written by dossier build (it has no ${SITE_MARKER} file), so its ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} would be lost. Choose an empty or new folder, or give --force to replace it` };
}

function siblingPrefix(out: string, kind: string): string {
  return path.join(path.dirname(path.resolve(out)), `.${path.basename(path.resolve(out))}.${kind}`);
}

async function writeMarker(folder: string, buildId?: string): Promise<void> {
  await writeFile(path.join(folder, SITE_MARKER), `${JSON.stringify({ kind: 'dossier-static-site', pid: process.pid, started: new Date().toISOString(), ...(buildId === undefined ? {} : { buildId }) })}\n`);
}

/** The id of the build that wrote a site (its manifest carries the same), or null. */
export async function siteBuildId(folder: string): Promise<string | null> {
  try {
    const marker = JSON.parse(await readFile(path.join(folder, SITE_MARKER), 'utf8')) as { kind?: unknown; buildId?: unknown };
    return marker.kind === 'dossier-static-site' && typeof marker.buildId === 'string' ? marker.buildId : null;
  } catch {
    return null;
  }
}

/** Makes the staging folder beside `out` that the site is written into; it carries the marker from the start. */
export async function createStagingFolder(out: string): Promise<string> {
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  const staging = await mkdtemp(siblingPrefix(out, STAGING));
  await writeMarker(staging);
  return staging;
}

/**
 * Cleans up after builds that were killed: their staging folders are removed (unless their build
 * is still running), and a site retired by a swap that did not finish is put back. Only folders
 * that carry the marker are touched. Returns how many were removed or restored.
 */
export async function removeLeftovers(out: string): Promise<number> {
  const folder = path.dirname(path.resolve(out));
  const base = path.basename(path.resolve(out));
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  let count = 0;
  let outExists = await stat(path.resolve(out)).then(() => true, () => false);
  for (const name of names.sort().reverse()) {
    const candidate = path.join(folder, name);
    const staging = name.startsWith(`.${base}.${STAGING}`);
    const retired = name.startsWith(`.${base}.${RETIRED}`);
    if ((!staging && !retired) || !(await isOwnSite(candidate))) continue;
    if (staging) {
      const marker = JSON.parse(await readFile(path.join(candidate, SITE_MARKER), 'utf8')) as { pid?: number };
      if (typeof marker.pid === 'number' && marker.pid !== process.pid && isRunning(marker.pid)) continue;
      await rm(candidate, { recursive: true, force: true });
    } else if (!outExists) {
      await rename(candidate, path.resolve(out));
      outExists = true;
    } else {
      await rm(candidate, { recursive: true, force: true });
    }
    count++;
  }
  return count;
}

/** Puts a complete staging folder in the place of `out`, and removes what was there. */
export async function swapIntoPlace(staging: string, out: string, buildId?: string): Promise<void> {
  const target = path.resolve(out);
  // The marker now says what it is, not which build was writing it.
  await writeMarker(staging, buildId);
  const exists = await stat(target).then(() => true, () => false);
  if (!exists) {
    await rename(staging, target);
    return;
  }
  const retired = `${siblingPrefix(out, RETIRED)}${process.pid}-${Date.now()}`;
  await rename(target, retired);
  await rename(staging, target);
  await rm(retired, { recursive: true, force: true });
}
