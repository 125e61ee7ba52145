/** Authority detection: find references to international and national authorities in any text. */
export { AuthorityDetector } from './detector.js';
export { ReferenceScanner, type ScannedReference, type ScanCounter } from './scanner.js';
export { BUILT_IN_INSTRUMENTS, type Instrument } from './instruments.js';
export { parseAliasFile, mergeInstruments, ALIASES_FILE, type AliasFile } from './aliases.js';
export { DETECTION_KINDS, type Detection, type DetectionKind, type Resolution, type TextSpan } from './types.js';
export { maskCitationSyntax } from './mask.js';
export { suggestCitations } from './suggest.js';
