/** Watching a corpus for changes: corpus/ and citations/, debounced into one call per burst. */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Calls `onChange` once after each burst of changes; returns a function that stops watching. */
export function watchCorpus(root: string, onChange: () => void, debounceMs = 120): () => void {
  let timer: NodeJS.Timeout | null = null;
  const fire = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  for (const folder of ['corpus', 'citations']) {
    try {
      const watcher = watch(path.join(root, folder), { recursive: true }, fire);
      watcher.on('error', () => undefined);
      watchers.push(watcher);
    } catch {
      // A folder that does not exist is not watched; the loader reports it.
    }
  }
  return () => {
    if (timer !== null) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
