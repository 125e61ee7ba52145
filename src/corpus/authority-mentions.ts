/**
 * The mentions stage, run after linking: authorities named in a memo's prose but not cited there
 * become `uncited-mention` warnings, and those the library lacks `missing-source` notes; references
 * found in archived source texts become `mention` backlinks, so that the library is a citation
 * network of its own ("cited in Amnesty 2018, p. 14").
 */
import { createHash } from 'node:crypto';
import { compareDiagnostics, diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { recordContentDigest } from './record-digest.js';
import { refKey, type Backlink, type Corpus, type Memo, type Source } from '../model/records.js';
import type { RawFile } from './load.js';
import { parseAliasFile, mergeInstruments } from '../detect/aliases.js';
import { AuthorityDetector } from '../detect/detector.js';
import { maskCitationSyntax } from '../detect/mask.js';
import { LineIndex } from '../syntax/line-index.js';
import type { Detection } from '../detect/types.js';

const KIND_NAMES: Readonly<Record<string, string>> = {
  'un-document': 'UN document',
  'case-number': 'case',
  ecli: 'ECLI',
  'law-report': 'law report',
  'treaty-series': 'treaty series citation',
  'official-journal': 'Official Journal reference',
  'eu-act': 'EU act',
  'instrument-article': 'instrument',
};

const PINPOINT_LABELS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^paras?\./, 'paragraph'],
  [/^pp?\./, 'page'],
  [/^arts?\./, 'article'],
  [/^§/, 'section'],
  [/^nn?\./, 'note'],
];

/** A pinpoint as a CSL label and locator: `paras. 510-516` → paragraph, `510-516`. */
function splitPinpoint(pinpoint: string | null): { label: string | null; locator: string | null } {
  if (pinpoint === null) return { label: null, locator: null };
  const found = PINPOINT_LABELS.find(([pattern]) => pattern.test(pinpoint));
  return { label: found?.[1] ?? null, locator: pinpoint.replace(/^\S+\s/, '') };
}

/** The sentence around a span, on one line, at most 300 characters. */
function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 300);
  const before = text.slice(from, start);
  // The last end of a sentence, paragraph or page before the span.
  let stop = -1;
  for (const match of before.matchAll(/[.!?]\s|\n\s*\n|\f/g)) stop = match.index + match[0].length;
  const after = text.slice(end, end + 300);
  const next = after.search(/[.!?]\s|[.!?]$|\n\s*\n|\f/);
  const sentence = text.slice(stop === -1 ? from : from + stop, next === -1 ? end + after.length : end + next + 1);
  return sentence.replace(/\s+/g, ' ').trim();
}

/** The first and last line of the paragraph (run of non-blank lines) around a line of the file. */
function paragraphLines(lines: readonly string[], line: number): [number, number] {
  let first = line;
  let last = line;
  while (first > 1 && lines[first - 2]!.trim() !== '') first--;
  while (last < lines.length && lines[last]!.trim() !== '') last++;
  return [first, last];
}

function memoMentions(memo: Memo, detector: AuthorityDetector, diagnostics: Diagnostic[]): void {
  const fileLines = memo.fileText.split('\n');
  const positions = new LineIndex(memo.fileText);
  for (const detection of detector.detect(maskCitationSyntax(memo.body))) {
    const place = { file: memo.file, ...positions.position(memo.bodyOffset + detection.span.start) };
    const written = detection.text.replace(/\s+/g, ' ');
    const key = detection.resolution.key;
    if (key !== null) {
      const [first, last] = paragraphLines(fileLines, place.line);
      const cited = memo.citations.some((cluster) => cluster.position.line >= first && cluster.position.line <= last && cluster.items.some((item) => item.key === key));
      if (!cited) {
        const pinpoint = detection.pinpoint === null ? '' : `, ${detection.pinpoint}`;
        diagnostics.push(diagnostic(place, 'uncited-mention', `${written} is mentioned at line ${place.line} but not cited: cite it as [@${key}${pinpoint}]`));
      }
    } else if (detection.resolution.method === 'ambiguous') {
      diagnostics.push(diagnostic(place, 'uncited-mention', `${written} is mentioned at line ${place.line} and fits more than one source (${detection.resolution.candidates.map((candidate) => `@${candidate}`).join(', ')}): cite the one you mean`));
    } else if (detection.resolution.method === 'not-in-library' && detection.kind !== 'back-reference') {
      diagnostics.push(diagnostic(place, 'missing-source', `${written} (${KIND_NAMES[detection.kind] ?? detection.kind} ${detection.identifier}) is mentioned but the library has no entry for it: look it up and add it to citations/`));
    }
  }
}

/** A digest of what a detector is made of: the sources it may resolve to and the instruments it knows. */
function detectorDigest(sources: Iterable<Source>, instruments: readonly unknown[]): string {
  const hash = createHash('sha1').update(JSON.stringify(instruments));
  for (const source of sources) hash.update('\u0000').update(JSON.stringify(source));
  return hash.digest('base64url');
}

/**
 * The problems mentions gave in each memo, by a digest of the memo and of the detector that read
 * it, kept from build to build (pipeline.ts keeps it beside the parse cache) so that a build reads
 * again only the memos that changed. It holds internal memos' problems: it belongs in the cache
 * folder only.
 */
export class MentionCache {
  private used = new Map<string, readonly Diagnostic[]>();

  constructor(private before: ReadonlyMap<string, readonly Diagnostic[]> = new Map()) {}

  /**
   * Begins another build with the same cache, in the same process (a server or a build that
   * watches the corpus): what the last build used is what this one finds. Not called before the
   * first build, so that what was read from disk is found.
   */
  nextBuild(): void {
    this.before = this.used;
    this.used = new Map();
  }

  /** The problems a memo gave before, by its key. */
  get(key: string): readonly Diagnostic[] | undefined {
    return this.used.get(key) ?? this.before.get(key);
  }

  /** Notes the problems a memo gave in this build (the next build keeps only those). */
  use(key: string, found: readonly Diagnostic[]): void {
    this.used.set(key, found);
  }

  /** What to keep for the next build: the entries this build used. */
  entries(): Array<[string, readonly Diagnostic[]]> {
    return [...this.used];
  }

  /** Whether the entries to keep differ from those read. */
  get unsaved(): boolean {
    return this.used.size !== this.before.size || [...this.used.keys()].some((key) => !this.before.has(key));
  }
}

/** Where in an archived text a mention is: its page when the text marks pages with form feeds, else its line. */
function positionInText(text: string, detection: Detection): string {
  if (!text.includes('\f')) return `line ${detection.span.line}`;
  let page = 1;
  for (let index = text.indexOf('\f'); index !== -1 && index < detection.span.start; index = text.indexOf('\f', index + 1)) page++;
  return `p. ${page}`;
}

function sourceMentions(source: Source, detector: () => AuthorityDetector, add: (target: string, backlink: Backlink) => void): void {
  if (source.archivedText === null) return;
  const { text, file } = source.archivedText;
  const seen = new Set<string>();
  for (const detection of detector().detect(text)) {
    const key = detection.resolution.key;
    if (key === null || key === source.key) continue;
    const at = positionInText(text, detection);
    const once = `${key}|${at}|${detection.pinpoint ?? ''}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const target = refKey({ type: 'source', id: key });
    const sentence = sentenceAround(text, detection.span.start, detection.span.end);
    add(target, Object.freeze({
      from: Object.freeze({ type: 'source' as const, id: source.key }),
      via: 'mention',
      field: null,
      place: { file, line: detection.span.line, column: detection.span.column },
      sentence,
      // A source's own words: they name no record by reference, so nothing in them is withheld.
      sentenceSpans: [{ text: sentence }],
      ...splitPinpoint(detection.pinpoint),
      at,
    }));
  }
}

/**
 * Finds the authorities mentioned in memos and archived texts. A memo is checked against what its
 * readers may see: a public memo only against public sources, so no message names an internal one.
 */
export function linkAuthorityMentions(corpus: Corpus, files: readonly RawFile[], mentions?: MentionCache): Corpus {
  const diagnostics: Diagnostic[] = [...corpus.diagnostics];
  const aliasFile = files.find((file) => file.kind === 'aliases');
  const aliases = aliasFile === undefined ? { instruments: [], diagnostics: [] } : parseAliasFile(aliasFile.text, aliasFile.path);
  diagnostics.push(...aliases.diagnostics);
  for (const instrument of aliases.instruments) {
    if (instrument.key !== undefined && !corpus.sources.has(instrument.key as Source['key'])) {
      diagnostics.push(diagnostic({ file: aliasFile!.path, line: 1, column: 1 }, 'unknown-cite-key', `the alias entry for ${instrument.names[0] ?? instrument.id} names @${instrument.key}, which the library does not hold`));
    }
  }
  const instruments = mergeInstruments(aliases.instruments);
  // Made when first needed: a build whose memos were all read before, and whose sources hold no archived text, needs neither.
  let everythingDetector: AuthorityDetector | null = null;
  let publicOnlyDetector: AuthorityDetector | null = null;
  const everything = (): AuthorityDetector => (everythingDetector ??= new AuthorityDetector(corpus.sources.values(), instruments));
  const publicOnly = (): AuthorityDetector => (publicOnlyDetector ??= new AuthorityDetector([...corpus.sources.values()].filter((source) => source.visibility === 'public'), instruments));
  // A memo read before by the same detector (the same sources and instruments) gave the same problems.
  const detectorDigests = mentions === undefined ? null : { everything: detectorDigest(corpus.sources.values(), instruments), publicOnly: detectorDigest([...corpus.sources.values()].filter((source) => source.visibility === 'public'), instruments) };
  for (const memo of corpus.memos.values()) {
    const detector = memo.visibility === 'internal' ? everything : publicOnly;
    if (mentions === undefined || detectorDigests === null) {
      memoMentions(memo, detector(), diagnostics);
      continue;
    }
    const key = `${memo.visibility === 'internal' ? detectorDigests.everything : detectorDigests.publicOnly}:${recordContentDigest(memo)}`;
    let found = mentions.get(key);
    if (found === undefined) {
      const own: Diagnostic[] = [];
      memoMentions(memo, detector(), own);
      found = own;
    }
    mentions.use(key, found);
    diagnostics.push(...found);
  }

  // The linked lists as they are (frozen), but those a mention is added to, which are copied first.
  const backlinks = new Map<string, readonly Backlink[]>(corpus.backlinks);
  const copied = new Map<string, Backlink[]>();
  const add = (target: string, backlink: Backlink): void => {
    let list = copied.get(target);
    if (list === undefined) {
      list = [...(backlinks.get(target) ?? [])];
      copied.set(target, list);
      backlinks.set(target, list);
    }
    list.push(backlink);
  };
  for (const source of corpus.sources.values()) sourceMentions(source, everything, add);
  for (const list of copied.values()) Object.freeze(list);
  diagnostics.sort(compareDiagnostics);
  return Object.freeze({ ...corpus, backlinks, diagnostics: Object.freeze(diagnostics), instruments: Object.freeze(instruments) });
}
