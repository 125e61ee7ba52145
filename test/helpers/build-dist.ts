/**
 * Jest's global setup: some tests run the built command (bin/dossier, worker threads, a second
 * process reading dist/), so dist/ is compiled first whenever a source is newer than it. `npm test`
 * has just built it, so there this costs one walk of src/; a single test file run by hand after
 * an edit no longer tests yesterday's build.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../', import.meta.url));

/** The newest modification time of the TypeScript files under a folder. */
function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ or the build configuration. */
export default function buildDistWhenStale(): void {
  let built: number;
  try {
    // tsc writes every file on each build, so one always-present output dates the whole build.
    built = statSync(path.join(repository, 'dist', 'corpus', 'pipeline.js')).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(newestSource(path.join(repository, 'src')), ...['tsconfig.json', 'tsconfig.build.json'].map((name) => statSync(path.join(repository, name)).mtimeMs));
  if (built >= sources) return;
  process.stderr.write('dist/ is older than src/: building it first (npm run build)\n');
  execFileSync(process.execPath, [path.join(repository, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(repository, 'tsconfig.build.json')], { cwd: repository, stdio: 'inherit' });
}
