/**
 * Evidence blocks: Pandoc fenced divs that tie what a memo relies on to an element of a legal
 * test. They stay valid Markdown (remark shows their text as paragraphs) and pandoc reads them as
 * divs, so an export degrades to the reasoning with its citations:
 *
 *   ::: {.evidence element="genocide:specific-intent" stance="opposes"}
 *   Recantation spared prisoners [@pmoi-2021-conference-report, para. 2].
 *   :::
 */
import type { CitationCluster, EvidenceEntry, EvidenceStance, RecordRef, WikiLink } from '../model/records.js';
import type { DiagnosticCode } from '../model/diagnostic.js';
import type { LineIndex } from '../syntax/line-index.js';
import type { SentenceSpan } from '../model/sentence.js';
import { isCiteKey } from '../model/ids.js';

const OPENER = /^:{3,}[ \t]*\{([^}\n]*)\}[ \t]*$/;
const CLOSER = /^:{3,}[ \t]*$/;
const STANCES: readonly EvidenceStance[] = ['supports', 'opposes', 'context'];

export interface EvidenceProblem {
  readonly line: number;
  readonly column: number;
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** Reads `{.evidence element="a:b" stance=supports}`. */
function attributes(text: string): { classes: string[]; values: Record<string, string> } {
  const classes: string[] = [];
  const values: Record<string, string> = {};
  for (const match of text.matchAll(/\.([\w-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
    if (match[1] !== undefined) classes.push(match[1]);
    else values[match[2]!] = match[3] ?? match[4] ?? match[5] ?? '';
  }
  return { classes, values };
}

/** The plain words of a block: its citations and link syntax taken out. */
function reasoningOf(lines: readonly string[]): string {
  return lines
    .join(' ')
    .replace(/!\[\[[^\]]*\]\]/g, '')
    .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2')
    .replace(/\[\[(?:[a-z]+:)?([^\]]*)\]\]/g, '$1')
    .replace(/\[[^\]]*@[^\]]*\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
}

/** Pandoc's cite key: a letter, digit or `_`, then those and internal punctuation. */
const AUTHOR_KEY = /@([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*)/gu;
const REFERENCE_SYNTAX = /!\[\[[^\]]*\]\]|\[\[([^\]|]*)\|([^\]]*)\]\]|\[\[(?:([a-z]+):)?([^\]]*)\]\]|\[[^\]]*@[^\]]*\]/g;
const WIKI_TYPES: ReadonlySet<string> = new Set(['memo', 'statement', 'speaker', 'event', 'topic']);

/**
 * The reasoning as spans, each naming the records it shows (an `@key` written in the text, an
 * unlabelled `[[id]]`), so that a reader who may not see a record does not see its name.
 */
function reasoningSpansOf(lines: readonly string[]): SentenceSpan[] {
  const text = lines.join(' ');
  const spans: SentenceSpan[] = [];
  const plain = (part: string): void => {
    let at = 0;
    for (const match of part.matchAll(AUTHOR_KEY)) {
      spans.push({ text: part.slice(at, match.index) });
      const key = match[1]!;
      // The pattern admits no space or brace, so only an over-long key stays plain text.
      spans.push(isCiteKey(key) ? { text: match[0], refs: [{ type: 'source', id: key }] } : { text: match[0] });
      at = match.index + match[0].length;
    }
    spans.push({ text: part.slice(at) });
  };
  let at = 0;
  for (const match of text.matchAll(REFERENCE_SYNTAX)) {
    plain(text.slice(at, match.index));
    at = match.index + match[0].length;
    if (match[2] !== undefined) plain(match[2]);
    else if (match[4] !== undefined) {
      const type = match[3] ?? 'memo';
      const ref = WIKI_TYPES.has(type) ? ({ type, id: match[4] } as RecordRef) : null;
      spans.push(ref === null ? { text: match[4] } : { text: match[4], refs: [ref] });
    }
  }
  plain(text.slice(at));
  return spans.filter((span) => span.text !== '');
}

/** The evidence blocks of a file, with the references inside each. */
export function extractEvidence(
  text: string,
  bodyOffset: number,
  citations: readonly CitationCluster[],
  links: readonly WikiLink[],
  lines: LineIndex,
): { entries: EvidenceEntry[]; problems: EvidenceProblem[] } {
  const entries: EvidenceEntry[] = [];
  const problems: EvidenceProblem[] = [];
  const all = text.split('\n');
  const firstBodyLine = lines.position(bodyOffset).line;
  for (let index = firstBodyLine - 1; index < all.length; index++) {
    const opener = OPENER.exec(all[index]!.replace(/\r$/, ''));
    if (opener === null) continue;
    const { classes, values } = attributes(opener[1]!);
    if (!classes.includes('evidence')) continue;
    const line = index + 1;
    let close = index + 1;
    while (close < all.length && !CLOSER.test(all[close]!.replace(/\r$/, ''))) close++;
    if (close >= all.length) {
      problems.push({ line, column: 1, code: 'invalid-evidence', message: 'this evidence block is not closed: end it with a line of ":::"' });
      continue;
    }
    const element = values.element ?? '';
    const stance = (values.stance ?? 'supports') as EvidenceStance;
    const [set, name] = element.split(':');
    if (set === undefined || name === undefined || set === '' || name === '') {
      problems.push({ line, column: 1, code: 'invalid-evidence', message: `give the element as element="SET:ELEMENT" (got "${element}")` });
    } else if (!STANCES.includes(stance)) {
      problems.push({ line, column: 1, code: 'invalid-evidence', message: `stance must be supports, opposes or context (got "${stance}")` });
    } else {
      const inside = (position: { line: number }) => position.line > line && position.line < close + 1;
      const items: Array<EvidenceEntry['items'][number]> = [];
      for (const cluster of citations) {
        if (!inside(cluster.position)) continue;
        for (const item of cluster.items) items.push({ ref: { type: 'source', id: item.key }, locator: item.locator, label: item.label });
      }
      for (const link of links) if (inside(link.position)) items.push({ ref: link.target as RecordRef, locator: null, label: null });
      entries.push({ element: { set, element: name }, stance, reasoning: reasoningOf(all.slice(index + 1, close)), reasoningSpans: reasoningSpansOf(all.slice(index + 1, close)), items, position: { line, column: 1 } });
    }
    index = close;
  }
  return { entries, problems };
}

/**
 * The text with the fence lines of evidence blocks turned into spaces of the same length: remark
 * then reads the block's words as a paragraph of their own, and every offset stays true.
 */
export function blankEvidenceFences(text: string): string {
  const lines = text.split('\n');
  let open = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, '');
    const opener = OPENER.exec(line);
    if (!open && opener !== null && attributes(opener[1]!).classes.includes('evidence')) {
      lines[index] = ' '.repeat(lines[index]!.length);
      open = true;
    } else if (open && CLOSER.test(line)) {
      lines[index] = ' '.repeat(lines[index]!.length);
      open = false;
    }
  }
  return lines.join('\n');
}
