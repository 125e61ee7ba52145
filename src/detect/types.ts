/** The typed results of authority detection: what was found where, and what it resolves to. */
import type { CiteKey } from '../model/ids.js';

/** The kinds of reference the detector knows, each with its own table of patterns. */
export const DETECTION_KINDS = [
  'un-document',
  'case-number',
  'ecli',
  'law-report',
  'treaty-series',
  'official-journal',
  'eu-act',
  'instrument-article',
  'back-reference',
] as const;

export type DetectionKind = (typeof DETECTION_KINDS)[number];

/** Where a detection lies: offsets into the text (end exclusive) and its 1-based line and column. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/** What the library says about a detection; `key` is null when nothing, or more than one thing, fits. */
export interface Resolution {
  readonly key: CiteKey | null;
  /** 1 for an identifier the library holds exactly; lower for a match by title or by case family. */
  readonly confidence: number;
  /** How it was resolved, or why not: `identifier`, `title`, `family`, `alias`, `ambiguous`, `not-in-library`, `no-antecedent` (a back-reference with nothing before it to point at). */
  readonly method: 'identifier' | 'title' | 'family' | 'alias' | 'back-reference' | 'ambiguous' | 'not-in-library' | 'no-antecedent';
  /** The keys that fit equally well when the reference is ambiguous. */
  readonly candidates: readonly CiteKey[];
}

/** One reference found in a text. */
export interface Detection {
  readonly kind: DetectionKind;
  readonly span: TextSpan;
  /** The text as written. */
  readonly text: string;
  /** The identifier in one spelling: `A/RES/96(I)`, `ICTR-96-4-T`, `78 UNTS 277`, `Rome Statute art. 7(1)(i)`. */
  readonly identifier: string;
  /** The pinpoint as a reader writes it (`para. 516`, `art. 25(3)(e)`), or null. */
  readonly pinpoint: string | null;
  /** What the identifier itself says: body, session, kind of document, court, year, instrument. */
  readonly details: Readonly<Record<string, string>>;
  /** For a back-reference, the index of the detection it points at (in the same result), or null. */
  readonly refersTo: number | null;
  readonly resolution: Resolution;
}

/** A problem in an alias table: where it is and what is wrong. */
export interface AliasProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** What a row makes of its match: the identifier, what it says, and how much of the match to keep. */
export interface RowResult {
  readonly identifier: string;
  readonly details?: Readonly<Record<string, string>>;
  /** Keep only this many characters of the match (a full stop that ends the sentence, say). */
  readonly length?: number;
  /** A pinpoint that is part of the matched text (an OJ page is not; an article is). */
  readonly pinpoint?: string | null;
}
