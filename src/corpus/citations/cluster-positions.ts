/**
 * The positions citeproc gives the cites of a note document (first, subsequent, ibid,
 * ibid-with-locator, first-reference-note-number, near-note), worked out in one pass instead of
 * citeproc's processCitationCluster, which evaluates every earlier citation again for each new one.
 *
 * This is citeproc-js 2.4's position evaluation (processCitationCluster, "Position evaluation!")
 * restricted to what the fast path lets through: one citation per note, notes numbered 1, 2, 3…
 * in document order, no author-only citations, no parallel citations, no legislation or container
 * ids and no locator-extra. The caller checks those; anything else is formatted by citeproc itself.
 */

/** citeproc's position codes (CSL.POSITION_*). */
export const CITEPROC_POSITION = { first: 0, subsequent: 1, ibid: 2, ibidWithLocator: 3 } as const;

/** One cite as citeproc holds it while positioning: the item's id, and the fields positioning reads and writes. */
export interface PositionedCite {
  readonly id: string;
  readonly locator?: unknown;
  readonly label?: unknown;
  position?: number;
  'first-reference-note-number'?: number;
  'first-container-reference-note-number'?: number;
  'near-note'?: boolean;
}

/** A note citation: its note number and its cites in citeproc's (citation-sorted) order. */
export interface PositionedCitation {
  readonly noteIndex: number;
  readonly cites: readonly PositionedCite[];
}

/** citeproc's comparison form of a locator: the locator followed by its label, or the falsy locator itself. */
function locatorForComparison(cite: PositionedCite): unknown {
  if (!cite.locator) return cite.locator;
  return `${String(cite.locator)}${cite.label ? String(cite.label) : ''}`;
}

/**
 * Sets position, first-reference-note-number, first-container-reference-note-number and near-note
 * on every cite, exactly as citeproc does for note citations in notes 1, 2, 3… (see the file comment).
 */
export function assignNotePositions(citations: readonly PositionedCitation[], nearNoteDistance: number): void {
  const firstReference = new Map<string, number>();
  const lastReference = new Map<string, number>();
  const citesInNote = new Map<number, number>();
  citations.forEach((citation, citationIndex) => {
    const before = citationIndex > 0 ? citations[citationIndex - 1]!.noteIndex : 0;
    if (!(citation.noteIndex > before)) throw new TypeError('assignNotePositions needs one citation per note, numbered upwards from 1; let citeproc position anything else');
  });
  citations.forEach((citation, citationIndex) => {
    const note = citation.noteIndex;
    citesInNote.set(note, (citesInNote.get(note) ?? 0) + citation.cites.length);
    const previousCitation = citationIndex > 0 ? citations[citationIndex - 1]! : null;
    citation.cites.forEach((cite, citeIndex) => {
      cite['first-reference-note-number'] = 0;
      cite['first-container-reference-note-number'] = 0;
      cite['near-note'] = false;
      const id = cite.id;
      if (!lastReference.has(id)) {
        firstReference.set(id, note);
        lastReference.set(id, note);
        cite.position = CITEPROC_POSITION.first;
      } else {
        let ibid = false;
        let previousCite: PositionedCite | null = null;
        if (previousCitation !== null && citeIndex === 0 && previousCitation.noteIndex !== note) {
          // The first cite of a note is ibid when the note before held one cite only, of this item.
          const first = previousCitation.cites[0];
          if (first !== undefined && first.id === id && previousCitation.noteIndex >= note - 1 && citesInNote.get(previousCitation.noteIndex) === 1) {
            ibid = true;
            previousCite = first;
          }
        } else if (citeIndex > 0 && citation.cites[citeIndex - 1]!.id === id) {
          // Cited again straight after itself in the same citation.
          ibid = true;
          previousCite = citation.cites[citeIndex - 1]!;
        }
        if (ibid) {
          const previousLocator = locatorForComparison(previousCite!);
          const currentLocator = locatorForComparison(cite);
          if (!previousLocator && currentLocator) cite.position = CITEPROC_POSITION.ibidWithLocator;
          else if (!previousLocator && !currentLocator) cite.position = CITEPROC_POSITION.ibid;
          else if (previousLocator && currentLocator === previousLocator) cite.position = CITEPROC_POSITION.ibid;
          else if (previousLocator && currentLocator && currentLocator !== previousLocator) cite.position = CITEPROC_POSITION.ibidWithLocator;
          else ibid = false;
        }
        // Every earlier reference recorded a first reference, so citeproc's container-subsequent never arises here.
        if (!ibid) cite.position = CITEPROC_POSITION.subsequent;
        const first = firstReference.get(id)!;
        if (first !== note) {
          cite['first-container-reference-note-number'] = first;
          cite['first-reference-note-number'] = first;
        }
      }
      const distance = note - lastReference.get(id)!;
      if (cite.position !== CITEPROC_POSITION.first && distance <= nearNoteDistance) cite['near-note'] = true;
      lastReference.set(id, note);
    });
  });
}
