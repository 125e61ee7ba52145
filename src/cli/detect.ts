/**
 * `dossier detect`: the authorities in a file (or standard input), resolved against the library of
 * the corpus under --root; `--suggest` prints the text with each resolved mention as a Pandoc
 * citation. Reading the input is the caller's: this module gets the text and the corpus.
 */
import type { Corpus } from '../model/records.js';
import { AuthorityDetector, mergeInstruments, suggestCitations, type Detection } from '../detect/index.js';
import type { CliOutput } from './output.js';

/** How `detect` prints. */
export interface DetectOptions {
  readonly json: boolean;
  readonly suggest: boolean;
  /** The name of the input, for the lines printed: the file name, or `-` for standard input. */
  readonly inputName: string;
}

function describe(detection: Detection): string {
  const pinpoint = detection.pinpoint === null ? '' : ` (${detection.pinpoint})`;
  const resolution = detection.resolution;
  const target =
    resolution.key !== null
      ? `@${resolution.key} [${resolution.method}, ${resolution.confidence}]`
      : resolution.method === 'ambiguous'
        ? `unresolved: fits ${resolution.candidates.map((key) => `@${key}`).join(', ')}`
        : resolution.method === 'no-antecedent'
          ? 'unresolved: nothing before it to point at'
          : 'unresolved: not in the library';
  return `${detection.kind} ${detection.identifier}${pinpoint} → ${target}  “${detection.text.replace(/\s+/g, ' ')}”`;
}

/** Prints the detections of a text, or the text with suggested citations; returns the exit code. */
export function runDetect(text: string, corpus: Corpus, options: DetectOptions, output: CliOutput): number {
  // The command line is the author's own tool: it resolves against the whole library.
  const detector = new AuthorityDetector(corpus.sources.values(), corpus.instruments ?? mergeInstruments([]));
  const detections = detector.detect(text);
  if (options.suggest) {
    output.stdout(suggestCitations(text, detections));
    return 0;
  }
  if (options.json) {
    output.stdout(`${JSON.stringify({ detections }, null, 2)}\n`);
    return 0;
  }
  for (const detection of detections) output.stdout(`${options.inputName}:${detection.span.line}:${detection.span.column} ${describe(detection)}\n`);
  const resolved = detections.filter((detection) => detection.resolution.key !== null).length;
  output.stdout(`${detections.length} reference${detections.length === 1 ? '' : 's'}, ${resolved} resolved\n`);
  return 0;
}
