/**
 * The detector: scan a text, resolve what it found against the library a reader may see, and
 * point back-references at their antecedents. Built once per library and reused for many texts.
 */
import type { CiteKey } from '../model/ids.js';
import { resolveBackReferences } from './back-references.js';
import { BUILT_IN_INSTRUMENTS, type Instrument } from './instruments.js';
import { comparableIdentifier } from './normalise.js';
import { indexLibrary, resolveReference, type LibraryIndex, type LibrarySource } from './resolve.js';
import { ReferenceScanner, type ScanCounter } from './scanner.js';
import type { Detection, Resolution } from './types.js';

const UNRESOLVED: Resolution = { key: null, confidence: 0, method: 'not-in-library', candidates: [] };

/** Finds the authorities in texts and resolves them against one library. */
export class AuthorityDetector {
  readonly scanner: ReferenceScanner;
  private readonly index: LibraryIndex;
  private readonly instruments: ReadonlyMap<string, Instrument>;

  /** `sources` are the entries the reader may see; pass only public ones for an anonymous reader. */
  constructor(sources: Iterable<LibrarySource> = [], instruments: readonly Instrument[] = BUILT_IN_INSTRUMENTS) {
    this.scanner = new ReferenceScanner(instruments);
    this.instruments = new Map(instruments.map((instrument) => [instrument.id, instrument]));
    this.index = indexLibrary(sources, this.scanner);
  }

  /** The title of a library entry the detector may resolve to, for labels. */
  titleOf(key: CiteKey): string | null {
    return this.index.titles.get(key) ?? null;
  }

  /** Every reference in the text, resolved where the library holds it. */
  detect(text: string, counter?: ScanCounter): Detection[] {
    const scanned = this.scanner.scan(text, counter === undefined ? {} : { counter });
    // Each reference's normal form, made once: resolution and back-references both need it.
    const normalForms = scanned.map((reference) => `${reference.kind}|${comparableIdentifier(reference.kind, reference.identifier, reference.details)}`);
    // A text dense with references names the same few authorities again and again: each is resolved
    // once per call. What a resolution depends on is the normal form, or for an article of an
    // instrument the instrument. (Kept for this call only, so that no text's mentions linger.)
    const resolved = new Map<string, Resolution>();
    const resolutions = scanned.map((reference, index) => {
      if (reference.kind === 'back-reference') return UNRESOLVED;
      const cacheKey = reference.kind === 'instrument-article' ? `instrument|${reference.details.instrument ?? ''}` : normalForms[index]!;
      let resolution = resolved.get(cacheKey);
      if (resolution === undefined) {
        resolution = resolveReference(reference, this.index, this.instruments);
        resolved.set(cacheKey, resolution);
      }
      return resolution;
    });
    // Two mentions are of one authority when they resolve to one entry, or else share a normal form.
    const identity = (index: number): string => {
      const key = resolutions[index]!.key;
      return key !== null ? `@${key}` : normalForms[index]!;
    };
    const targets = resolveBackReferences(text, scanned, identity);
    // Each detection is written out field by field, always in one order: spreading a shared base
    // into every one cost more than the scan itself on text dense with references.
    return scanned.map((reference, index): Detection => {
      const { kind, span, text: written, pinpoint } = reference;
      if (kind !== 'back-reference') return { kind, span, text: written, pinpoint, identifier: reference.identifier, details: reference.details, refersTo: null, resolution: resolutions[index]! };
      const target = targets[index]!;
      if (target.refersTo === null) {
        return { kind, span, text: written, pinpoint, identifier: reference.identifier, details: reference.details, refersTo: null, resolution: { key: null, confidence: 0, method: target.method, candidates: [] } };
      }
      const antecedent = scanned[target.refersTo]!;
      const resolved = resolutions[target.refersTo]!;
      return {
        kind,
        span,
        text: written,
        pinpoint,
        identifier: antecedent.identifier,
        details: { ...reference.details, form: reference.identifier, refersToKind: antecedent.kind },
        refersTo: target.refersTo,
        resolution: resolved.key === null ? resolved : { ...resolved, method: 'back-reference', confidence: Math.min(resolved.confidence, 0.9) },
      };
    });
  }
}
