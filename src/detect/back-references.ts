/**
 * Back-references: `ibid.` points at the reference just before it, `supra n. 12` (`above n 12`,
 * `(n 12)`) at the one in note 12, `Akayesu, supra` at the earlier reference whose words name
 * Akayesu. Where that is more than one thing — the note before `ibid.` cites two authorities — the
 * back-reference stays unresolved, as eyecite leaves it: it is never guessed.
 */
import type { ScannedReference } from './scanner.js';
import type { Resolution } from './types.js';

/** What a back-reference points at: the index of the reference, or why there is none. */
export interface BackReferenceTarget {
  readonly refersTo: number | null;
  readonly method: Resolution['method'];
  readonly candidates: readonly string[];
}

interface Block {
  readonly start: number;
  readonly end: number;
  /** The note number or label when the block is a footnote, else null. */
  readonly note: string | null;
}

/** The target of every reference that is not a back-reference: one shared object, not one each. */
const NOT_A_BACK_REFERENCE: BackReferenceTarget = Object.freeze({ refersTo: null, method: 'identifier', candidates: Object.freeze([]) });

/** How many authorities back a bare `Name, supra` looks for its name. */
const SUPRA_LOOKBACK = 200;

const NOTE_START = /^[ \t]{0,3}(?:\[\^(\w{1,12})\]:|(\d{1,4})[.)]?[ \t])/;

/** Paragraphs and notes: a blank line ends a block, and so does the start of the next note. */
export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  let note: string | null = null;
  let offset = 0;
  let open = false;
  const close = (end: number): void => {
    if (open) blocks.push({ start, end, note });
    open = false;
  };
  for (const line of text.split('\n')) {
    const lineEnd = offset + line.length;
    if (line.trim() === '') close(offset);
    else {
      const noteMatch = NOTE_START.exec(line);
      if (noteMatch !== null) {
        close(offset);
        note = noteMatch[1] ?? noteMatch[2]!;
      } else if (!open) note = null;
      if (!open) {
        start = offset;
        open = true;
      }
    }
    offset = lineEnd + 1;
  }
  close(text.length);
  return blocks;
}

function blockAt(blocks: readonly Block[], offset: number): Block | undefined {
  let low = 0;
  let high = blocks.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const block = blocks[middle]!;
    if (offset < block.start) high = middle - 1;
    else if (offset >= block.end) low = middle + 1;
    else return block;
  }
  return undefined;
}

/** The few words before a back-reference that name what it points at: `Akayesu` in `Akayesu, supra`. */
function nameBefore(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - 80), start);
  const cut = Math.max(before.lastIndexOf(';'), before.lastIndexOf('.'), before.lastIndexOf('\n'), before.lastIndexOf('('), before.lastIndexOf(':'));
  return before
    .slice(cut + 1)
    .replace(/[,\s]+$/, '')
    .replace(/^\s*(?:see(?:\salso)?|cf\.?|e\.g\.,?|in)\s+/i, '')
    .replace(/^(?:the\s)/i, '')
    .trim();
}

/**
 * Points every back-reference at what it refers to. `identity(i)` says which authority reference i
 * is (its normal identifier), so that two mentions of one authority count as one.
 */
export function resolveBackReferences(text: string, references: readonly ScannedReference[], identity: (index: number) => string): BackReferenceTarget[] {
  const blocks = textBlocks(text);
  const targets: BackReferenceTarget[] = [];
  const pointsAt: Array<number | null> = [];
  // The text before each authority reference, back to the one before it in its block: the words that name it.
  // Kept once made: a bare `supra` compares its name with up to SUPRA_LOOKBACK of them.
  const leadTexts: Array<string | undefined> = [];
  const leadText = (index: number): string => (leadTexts[index] ??= readLeadText(index));
  const readLeadText = (index: number): string => {
    const reference = references[index]!;
    const block = blockAt(blocks, reference.span.start);
    let from = block?.start ?? 0;
    for (let other = index - 1; other >= 0; other--) {
      const previous = references[other]!;
      if (previous.span.end <= from) break;
      if (previous.kind !== 'back-reference') {
        from = previous.span.end;
        break;
      }
    }
    return text.slice(from, reference.span.end).toLowerCase();
  };
  const decide = (candidates: number[]): BackReferenceTarget => {
    const identities = [...new Set(candidates.map(identity))];
    if (identities.length === 1) return { refersTo: candidates[candidates.length - 1]!, method: 'back-reference', candidates: [] };
    if (identities.length > 1) return { refersTo: null, method: 'ambiguous', candidates: identities };
    return { refersTo: null, method: 'no-antecedent', candidates: [] };
  };
  // Authorities by the note they are in, and all of them in order, kept as the walk goes on.
  const authoritiesByNote = new Map<string, number[]>();
  const authorities: number[] = [];
  references.forEach((reference, index) => {
    if (reference.kind !== 'back-reference') {
      const note = blockAt(blocks, reference.span.start)?.note;
      if (note !== null && note !== undefined) {
        const list = authoritiesByNote.get(note) ?? [];
        list.push(index);
        authoritiesByNote.set(note, list);
      }
      authorities.push(index);
      pointsAt.push(index);
      targets.push(NOT_A_BACK_REFERENCE);
      return;
    }
    let target: BackReferenceTarget;
    if (reference.identifier === 'ibid.') {
      // The reference just before, and every other authority of its block before the ibid.
      let last = -1;
      for (let other = index - 1; other >= 0; other--) {
        if (pointsAt[other] !== null && pointsAt[other] !== undefined) {
          last = other;
          break;
        }
      }
      if (last === -1) target = { refersTo: null, method: 'no-antecedent', candidates: [] };
      else if (blockAt(blocks, references[last]!.span.start) === blockAt(blocks, reference.span.start) || blockAt(blocks, references[last]!.span.start)?.note === null) {
        // In the same note or paragraph, or in running text, ibid. is the reference just before.
        target = decide([pointsAt[last]!]);
      } else {
        // In the next note, it is the previous note's authority — if that note cites only one.
        const block = blockAt(blocks, references[last]!.span.start);
        const inBlock: number[] = [];
        for (let other = last; other >= 0 && block !== undefined && references[other]!.span.start >= block.start; other--) {
          const at = pointsAt[other];
          if (at !== null && at !== undefined) inBlock.unshift(at);
        }
        target = decide(inBlock.length === 0 ? [pointsAt[last]!] : inBlock);
      }
    } else {
      const note = reference.details.note;
      const name = nameBefore(text, reference.span.start).toLowerCase();
      // `supra n. 12` looks in note 12; a bare `supra` among the last authorities (a bound that keeps
      // the walk linear: a name last used more than that many references back is not guessed at).
      let candidates = note !== undefined ? [...(authoritiesByNote.get(note) ?? [])] : authorities.slice(-SUPRA_LOOKBACK);
      if (name.length >= 3 && (candidates.length > 1 || note === undefined)) {
        const named = candidates.filter((other) => leadText(other).includes(name));
        candidates = note === undefined ? named : named.length > 0 ? named : candidates;
      }
      target = decide(candidates);
    }
    pointsAt.push(target.refersTo);
    targets.push(target);
  });
  return targets;
}
