/**
 * A deterministic generator of synthetic corpora for the benchmark: memos of realistic length in
 * legal vocabulary, five statements per memo, speakers, events, topics and a library of sources,
 * with citations at a realistic density. The same seed gives the same files, byte for byte.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A small, fast, seeded pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'genocide crime humanity tribunal court judgment article convention treaty jurisdiction immunity state official ' +
  'prosecutor victim witness evidence grave execution prisoner detention torture persecution religious political group ' +
  'intent destroy protected national ethnical racial member killing attack civilian population widespread systematic ' +
  'disappearance enforced continuing fate whereabouts truth archive commission inquiry resolution council security ' +
  'referral sanction regulation asset freeze listing decision appeal chamber trial defence charge indictment conviction ' +
  'sentence custody extradition universal principle customary law norm peremptory obligation responsibility remedy ' +
  'reparation family survivor testimony report rapporteur special procedure mandate communication government regime ' +
  'massacre fatwa decree apostasy dissent opposition organisation member steadfast repentance commission death ' +
  'protocol investigation excavation remains forensic preservation site memorial cemetery burial record document ' +
  'the of and to in a that is for as by with on be this which it are not or from at an was were their its may'
).split(' ');
const TITLE_WORDS = WORDS.filter((word) => word.length > 4);

export interface GenerateOptions {
  readonly memos: number;
  readonly statementsPerMemo?: number;
  readonly wordsPerMemo?: number;
  readonly seed?: number;
}

export interface GeneratedCorpus {
  readonly memos: number;
  readonly statements: number;
  readonly sources: number;
  readonly speakers: number;
  readonly events: number;
  readonly topics: number;
  /** The texts, for baselines that index the same words. */
  readonly documents: Array<{ id: string; title: string; body: string }>;
}

/** Writes a synthetic corpus under root. */
export async function generateCorpus(root: string, options: GenerateOptions): Promise<GeneratedCorpus> {
  const next = random(options.seed ?? 1988);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const words = (count: number): string => Array.from({ length: count }, () => pick(WORDS)).join(' ');
  const sentence = (count: number): string => {
    const text = words(count);
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const perMemo = options.statementsPerMemo ?? 5;
  const wordsPerMemo = options.wordsPerMemo ?? 800;
  const counts = {
    memos: options.memos,
    statements: options.memos * perMemo,
    sources: Math.max(50, Math.round(options.memos / 5)),
    speakers: Math.max(10, Math.round(options.memos / 50)),
    events: Math.max(5, Math.round(options.memos / 100)),
    topics: 50,
  };
  for (const folder of ['corpus/memos', 'corpus/statements', 'corpus/speakers', 'corpus/events', 'citations']) await mkdir(path.join(root, folder), { recursive: true });
  const documents: GeneratedCorpus['documents'] = [];

  const topics = Array.from({ length: counts.topics }, (_, i) => `- id: topic-${i}\n  label: ${pick(TITLE_WORDS)} ${pick(TITLE_WORDS)} ${i}\n${i >= 10 ? `  broader: topic-${i % 10}\n` : ''}`);
  await writeFile(path.join(root, 'corpus/topics.yaml'), topics.join(''));

  const library: string[] = [];
  for (let i = 0; i < counts.sources; i++) {
    const type = pick(['legal_case', 'treaty', 'report', 'book', 'legislation', 'document']);
    library.push(`- id: src-${i}\n  type: ${type}\n  title: ${sentence(6).slice(0, -1)}\n  author: [{ family: ${pick(TITLE_WORDS)}, given: ${pick(TITLE_WORDS)} }]\n  issued: { date-parts: [[${1945 + Math.floor(next() * 80)}]] }\n  number: N-${i}\n  custom: { topics: [topic-${i % counts.topics}] }\n`);
  }
  await writeFile(path.join(root, 'citations/library.yaml'), library.join(''));

  const writes: Array<Promise<void>> = [];
  const flush = async (): Promise<void> => {
    await Promise.all(writes.splice(0));
  };
  for (let i = 0; i < counts.speakers; i++) {
    writes.push(writeFile(path.join(root, `corpus/speakers/speaker-${i}.md`), `---\nname: ${pick(TITLE_WORDS)} ${pick(TITLE_WORDS)}\nroles:\n  - title: ${pick(TITLE_WORDS)}\ntopics: [topic-${i % counts.topics}]\n---\n${sentence(30)}\n`));
  }
  for (let i = 0; i < counts.events; i++) {
    writes.push(writeFile(path.join(root, `corpus/events/event-${i}.md`), `---\ntitle: ${sentence(5)}\ndate: ${2000 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}\nonline: true\ntopics: [topic-${i % counts.topics}]\n---\n${sentence(25)}\n`));
  }
  await flush();

  for (let m = 0; m < counts.memos; m++) {
    const title = `${pick(TITLE_WORDS)} ${pick(TITLE_WORDS)} and ${pick(TITLE_WORDS)} ${m}`;
    const parts: string[] = [];
    let written = 0;
    let paragraph = 0;
    while (written < wordsPerMemo) {
      if (paragraph % 4 === 0) parts.push(`## ${pick(TITLE_WORDS)} ${pick(TITLE_WORDS)}\n`);
      const sentences: string[] = [];
      for (let s = 0; s < 4; s++) {
        const length = 12 + Math.floor(next() * 14);
        written += length;
        let text = sentence(length);
        // About one citation in every two sentences, with a pinpoint most of the time.
        if (next() < 0.5) text = `${text.slice(0, -1)} [@src-${Math.floor(next() * counts.sources)}${next() < 0.8 ? `, para. ${1 + Math.floor(next() * 300)}` : ''}].`;
        sentences.push(text);
      }
      parts.push(`${sentences.join(' ')}\n`);
      paragraph++;
    }
    for (let s = 0; s < perMemo; s++) parts.push(`${s === 0 ? '![[' : 'See [['}statement:st-${m}-${s}]]\n`);
    if (m > 0) parts.push(`Related: [[memo-${m - 1}]].\n`);
    const body = parts.join('\n');
    documents.push({ id: `memo:memo-${m}`, title, body });
    writes.push(writeFile(path.join(root, `corpus/memos/memo-${m}.md`), `---\ntitle: ${title}\ntopics: [topic-${m % counts.topics}]\nupdated: ${2015 + (m % 10)}-0${1 + (m % 9)}-01\n---\n${body}`));
    for (let s = 0; s < perMemo; s++) {
      const text = sentence(30 + Math.floor(next() * 30));
      documents.push({ id: `statement:st-${m}-${s}`, title: `statement ${m}-${s}`, body: text });
      writes.push(
        writeFile(
          path.join(root, `corpus/statements/st-${m}-${s}.md`),
          `---\nspeaker: speaker-${Math.floor(next() * counts.speakers)}\nevent: event-${Math.floor(next() * counts.events)}\ndate: ${2000 + (m % 25)}-01-01\nkind: paraphrase\nsource: src-${Math.floor(next() * counts.sources)}\ntopics: [topic-${s % counts.topics}]\n---\n${text}\n`,
        ),
      );
    }
    if (writes.length > 500) await flush();
  }
  await flush();
  return { ...counts, documents };
}
