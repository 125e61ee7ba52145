/**
 * Writes the files of a static site into one folder: every path is resolved and confined to the
 * folder, and what was written is counted.
 *
 * Each file is written synchronously, one at a time. A site is thousands of small files, each in
 * its own folder; through the promise API every file costs an open, a write and a close handed to
 * libuv's threads and back, and on a build of 10,000 files that bookkeeping cost the build's thread
 * and the machine's two cores more than the writing itself (measured: about three times the CPU
 * of writing the same files synchronously). The build's thread has nothing else to do meanwhile
 * but hand pages to its render worker, which a write of a few kilobytes does not hold up.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { confinedPath } from './paths.js';

/** A folder being filled with the files of a site. */
export class SiteWriter {
  files = 0;
  bytes = 0;
  private readonly folders = new Set<string>();
  private failure: unknown = null;

  constructor(
    readonly folder: string,
    /** Into a site being served (an incremental build): each file is written beside itself and renamed over, so no reader gets half of it. */
    private readonly replaceInPlace: boolean = false,
  ) {}

  /** Counts a file another thread wrote into the same folder (a render worker's page). */
  countWrittenElsewhere(bytes: number): void {
    this.files++;
    this.bytes += bytes;
  }

  /** Whether files are written beside themselves and renamed over (see the constructor). */
  get replacesInPlace(): boolean {
    return this.replaceInPlace;
  }

  /** Removes a file the previous build wrote and this one does not (a path relative to the folder). */
  async remove(relative: string): Promise<void> {
    await rm(confinedPath(this.folder, relative), { force: true });
  }

  /** Writes a file (a path relative to the folder, `/`-separated); rejects, as does every later write and flush, when a write failed. */
  async write(relative: string, content: string | Buffer): Promise<void> {
    if (this.failure !== null) throw this.failure;
    const file = confinedPath(this.folder, relative);
    try {
      this.writeNow(file, content);
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  /** Resolves once every file is written; throws the first write that failed. */
  async flush(): Promise<void> {
    if (this.failure !== null) throw this.failure;
  }

  private writeNow(file: string, content: string | Buffer): void {
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    if (this.replaceInPlace) {
      const temporary = `${file}.dossier-${process.pid}.tmp`;
      writeFileSync(temporary, content);
      renameSync(temporary, file);
    } else {
      writeFileSync(file, content);
    }
    this.files++;
    this.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
}
