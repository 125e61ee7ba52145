/**
 * dossier's own CSL styles, kept as real `.csl` files in src/corpus/citations/styles/ (so jing, pandoc and
 * any citation manager can read them as they are) and read once when first needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// From src/corpus/citations/ (tests) the files sit beside this module; from dist/corpus/citations/ (the built
// package) they are read from the source tree that ships with it (package.json "files").
const STYLE_DIRECTORIES = [path.join(here, 'styles'), path.resolve(here, '..', '..', '..', 'src', 'corpus', 'citations', 'styles')];

/** The names of dossier's own style files. */
export type StyleFileName = 'oscola-international.csl' | 'chicago-notes.csl';

/** The path of one of dossier's own style files. */
export function styleFilePath(name: StyleFileName): string {
  for (const directory of STYLE_DIRECTORIES) {
    const candidate = path.join(directory, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new TypeError(`dossier's style file ${name} is missing from ${STYLE_DIRECTORIES.join(' and ')}; reinstall dossier`);
}

const cache = new Map<StyleFileName, string>();

/** The XML of one of dossier's own style files. */
export function readStyleFile(name: StyleFileName): string {
  let xml = cache.get(name);
  if (xml === undefined) {
    xml = readFileSync(styleFilePath(name), 'utf8');
    cache.set(name, xml);
  }
  return xml;
}
