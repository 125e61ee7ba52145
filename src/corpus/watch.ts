/**
 * Watching a corpus for changes: corpus/ and citations/, debounced into one call per burst.
 * chokidar does the watching (Node's own recursive watch misses events on some file systems and
 * reports renames inconsistently); links are not followed, as the loader does not follow them.
 */
import { watch } from 'chokidar';
import path from 'node:path';

/** How a watch behaves: the quiet period that ends a burst, and a call once watching has begun. */
export interface WatchOptions {
  readonly debounceMs?: number;
  /** Called when every folder is being watched: changes before it may go unseen. */
  readonly onReady?: () => void;
}

/** Calls `onChange` once after each burst of changes, with the paths that changed (relative to
 * the root, sorted); returns a function that stops watching (resolved once the watcher is closed). */
export function watchCorpus(root: string, onChange: (changed: readonly string[]) => void, options: WatchOptions = {}): () => Promise<void> {
  const debounceMs = options.debounceMs ?? 120;
  let timer: NodeJS.Timeout | null = null;
  let changed = new Set<string>();
  const record = (file: string): void => {
    // chokidar names a file as it was given the folder (relative to the working directory when the root is).
    changed.add(path.relative(path.resolve(root), path.resolve(file)).split(path.sep).join('/'));
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const batch = [...changed].sort();
      changed = new Set();
      onChange(batch);
    }, debounceMs);
  };
  const watcher = watch(
    ['corpus', 'citations'].map((folder) => path.join(root, folder)),
    { ignoreInitial: true, followSymlinks: false, persistent: true },
  );
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, record);
  // A folder that vanishes or cannot be read is reported by the loader on the next rebuild.
  watcher.on('error', () => undefined);
  if (options.onReady) watcher.once('ready', options.onReady);
  return () => {
    if (timer !== null) clearTimeout(timer);
    return watcher.close();
  };
}
