/**
 * The alias table a corpus may add in `corpus/aliases.yaml`: more names for the built-in
 * instruments, or names for instruments of its own, each tied to a cite key. Problems with the
 * file are diagnostics with their places; the rest of the file still counts.
 *
 * ```yaml
 * - names: [Statute, the Statute]   # more names …
 *   instrument: rome-statute        # … for a built-in instrument
 * - names: [Minnesota Protocol]     # or names for an entry of the library
 *   key: minnesota-protocol-2016
 * ```
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { parseYamlSource } from '../syntax/yaml-source.js';
import { BUILT_IN_INSTRUMENTS, type Instrument } from './instruments.js';

/** Where a corpus keeps its alias table. */
export const ALIASES_FILE = 'corpus/aliases.yaml';

/** What an alias file adds, and what is wrong with it. */
export interface AliasFile {
  readonly instruments: readonly Instrument[];
  readonly diagnostics: readonly Diagnostic[];
}

const KNOWN_FIELDS = new Set(['names', 'instrument', 'key', 'title']);

/** Reads an alias file into instruments (built-ins extended, new ones added), with diagnostics. */
export function parseAliasFile(text: string, file: string = ALIASES_FILE): AliasFile {
  const yaml = parseYamlSource(text, file);
  const diagnostics: Diagnostic[] = [...yaml.diagnostics];
  const instruments: Instrument[] = [];
  if (yaml.value === undefined || yaml.value === null) return { instruments, diagnostics };
  if (!Array.isArray(yaml.value)) {
    diagnostics.push(diagnostic(yaml.placeOf([]), 'invalid-field', `${file} must be a list of entries, each with names and an instrument or a key`));
    return { instruments, diagnostics };
  }
  const builtIn = new Map(BUILT_IN_INSTRUMENTS.map((instrument) => [instrument.id, instrument]));
  yaml.value.forEach((entry: unknown, index: number) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      diagnostics.push(diagnostic(yaml.placeOf([index]), 'invalid-field', 'an alias entry must be a mapping with names and an instrument or a key'));
      return;
    }
    const fields = entry as Record<string, unknown>;
    for (const field of Object.keys(fields)) {
      if (!KNOWN_FIELDS.has(field)) diagnostics.push(diagnostic(yaml.keyPlaceOf([index, field]), 'unknown-field', `unknown field "${field}" in an alias entry (known: names, instrument, key, title)`));
    }
    const names = Array.isArray(fields.names) ? fields.names : fields.names === undefined ? undefined : [fields.names];
    if (names === undefined) {
      diagnostics.push(diagnostic(yaml.placeOf([index]), 'missing-field', 'an alias entry needs "names": the names writers use for the instrument'));
      return;
    }
    const goodNames: string[] = [];
    names.forEach((name: unknown, nameIndex: number) => {
      // Names of one or two letters would turn ordinary words into references.
      if (typeof name === 'string' && name.trim().length >= 3 && name.length <= 160) goodNames.push(name.trim());
      else diagnostics.push(diagnostic(yaml.placeOf([index, 'names', nameIndex]), 'invalid-field', `alias names must be text of 3 to 160 characters (got ${JSON.stringify(name)})`));
    });
    const instrumentId = fields.instrument;
    const key = fields.key;
    if (instrumentId === undefined && key === undefined) {
      diagnostics.push(diagnostic(yaml.placeOf([index]), 'missing-field', 'an alias entry needs "instrument" (a built-in instrument) or "key" (a cite key of the library)'));
      return;
    }
    if (key !== undefined && (typeof key !== 'string' || !/^[^\s{}]{1,256}$/u.test(key))) {
      diagnostics.push(diagnostic(yaml.placeOf([index, 'key']), 'invalid-field', `"key" must be a cite key (got ${JSON.stringify(key)})`));
      return;
    }
    if (instrumentId !== undefined) {
      const known = typeof instrumentId === 'string' ? builtIn.get(instrumentId) : undefined;
      if (known === undefined) {
        diagnostics.push(diagnostic(yaml.placeOf([index, 'instrument']), 'invalid-field', `unknown instrument ${JSON.stringify(instrumentId)}; the built-in ones are ${[...builtIn.keys()].join(', ')}`));
        return;
      }
      instruments.push({ ...known, names: [...known.names, ...goodNames], ...(typeof key === 'string' ? { key } : {}) });
      return;
    }
    if (goodNames.length === 0) return;
    const title = typeof fields.title === 'string' ? fields.title : null;
    instruments.push({ id: `alias:${key as string}`, title, names: goodNames, key: key as string });
  });
  return { instruments, diagnostics };
}

/** The built-in instruments with a corpus's additions: an entry for a built-in one replaces it. */
export function mergeInstruments(additions: readonly Instrument[]): Instrument[] {
  const merged = new Map(BUILT_IN_INSTRUMENTS.map((instrument) => [instrument.id, instrument]));
  for (const instrument of additions) merged.set(instrument.id, instrument);
  return [...merged.values()];
}
