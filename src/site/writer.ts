/**
 * Writes the files of a static site into one folder: every path is resolved and confined to the
 * folder, at most a fixed number of writes are in flight, and what was written is counted.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { confinedPath } from './paths.js';

/** Writes run this many at a time: enough to keep the disk busy, few enough not to hold every page in memory. */
const DEFAULT_CONCURRENCY = 32;

/** A folder being filled with the files of a site. */
export class SiteWriter {
  files = 0;
  bytes = 0;
  private readonly folders = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    readonly folder: string,
    private readonly concurrency: number = DEFAULT_CONCURRENCY,
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

  /** Queues a file (a path relative to the folder, `/`-separated); waits while too many writes are in flight. */
  async write(relative: string, content: string | Buffer): Promise<void> {
    if (this.failure !== null) throw this.failure;
    const file = confinedPath(this.folder, relative);
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    const task = this.writeNow(file, content).then(
      () => {
        this.inFlight.delete(task);
      },
      (error: unknown) => {
        this.inFlight.delete(task);
        this.failure ??= error;
      },
    );
    this.inFlight.add(task);
  }

  /** Waits for every queued write; throws the first write that failed. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    if (this.failure !== null) throw this.failure;
  }

  private async writeNow(file: string, content: string | Buffer): Promise<void> {
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    if (this.replaceInPlace) {
      const temporary = `${file}.dossier-${process.pid}.tmp`;
      await writeFile(temporary, content);
      await rename(temporary, file);
    } else {
      await writeFile(file, content);
    }
    this.files++;
    this.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
}
