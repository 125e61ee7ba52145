/**
 * The corrections of issue 20 to the bundled corpus, pinned: the identifiers a reviewer found
 * wrong, every pinpoint into the conference report checked against its archived text, the
 * neutrality points, and the authorities that were missing. This test reads the bundled corpus on
 * purpose: it is about that corpus, not about dossier's code.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { CitationFormatter } from '../../src/corpus/citations/format.js';
import { htmlToText } from '../../src/export/formats.js';
import { locateQuotation } from '../../src/syntax/quotation.js';
import type { CiteKey, EventId, MemoId, SpeakerId, StatementId } from '../../src/model/ids.js';
import type { CitationCluster, Corpus, Memo, Source } from '../../src/model/records.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const REPORT = 'pmoi-2021-conference-report';
let corpus: Corpus;
beforeAll(async () => {
  corpus = await buildCorpus(root);
});

const source = (key: string): Source => {
  const found = corpus.sources.get(key as CiteKey);
  if (found === undefined) throw new Error(`the bundled library has no entry ${key}`);
  return found;
};
const memo = (id: string): Memo => corpus.memos.get(id as MemoId)!;
const field = (key: string, name: string): unknown => source(key).csl[name];
const issuedParts = (key: string): unknown => (field(key, 'issued') as { 'date-parts'?: unknown } | undefined)?.['date-parts'];
/** Every citation cluster of every record with a Markdown body (memos, speakers, events). */
const allClusters = (): Array<{ record: string; cluster: CitationCluster }> => [
  ...[...corpus.memos.values()].flatMap((r) => r.citations.map((cluster) => ({ record: `memo:${r.id}`, cluster }))),
  ...[...corpus.speakers.values()].flatMap((r) => r.citations.map((cluster) => ({ record: `speaker:${r.id}`, cluster }))),
  ...[...corpus.events.values()].flatMap((r) => r.citations.map((cluster) => ({ record: `event:${r.id}`, cluster }))),
];
/** The items citing one key, with the sentence each stands in. */
const citationsOf = (key: string) =>
  allClusters().flatMap(({ record, cluster }) =>
    cluster.items.filter((item) => item.key === key).map((item) => ({ record, sentence: cluster.sentence, locator: item.locator, label: item.label, suffix: item.suffix })),
  );
/** The frontmatter of a Markdown record as written, for fields the typed record does not keep. */
const frontmatter = (fileText: string): Record<string, unknown> => parseYaml(/^---\n([\s\S]*?)\n---/.exec(fileText)![1]!) as Record<string, unknown>;

/**
 * The report's paragraphs as the library numbers them: the body's paragraphs, the dateline
 * paragraph ("Iran, August 28, 2021—…") being para. 1; the banner, headlines and byline are not
 * counted.
 */
const reportParagraphs = (): string[] => {
  const blocks = source(REPORT).archivedText!.text.split(/\n\s*\n/u).map((block) => block.trim()).filter((block) => block !== '');
  const dateline = blocks.findIndex((block) => block.startsWith('Iran, August 28, 2021'));
  expect(dateline).toBeGreaterThan(0);
  return blocks.slice(dateline);
};
/** `1`, `1-2`, `1, 4` → [1], [1, 2], [1, 4]. */
const paragraphNumbers = (locator: string): number[] =>
  locator.split(/\s*[,&]\s*/u).flatMap((part) => {
    const [from, to] = part.split(/\s*[-–]\s*/u).map(Number);
    return Array.from({ length: (to ?? from!) - from! + 1 }, (_, index) => from! + index);
  });
/** Whether a phrase stands in one of the numbered paragraphs; `[…]` in it is an editor's change, matched as an omission. */
const inParagraphs = (phrase: string, numbers: readonly number[]): boolean => {
  const paragraphs = reportParagraphs();
  const pattern = phrase.replace(/\[[^\]]*\]/gu, '[...]');
  return numbers.some((number) => paragraphs[number - 1] !== undefined && locateQuotation(pattern, paragraphs[number - 1]!) !== null);
};
/**
 * Each paragraph pinpoint into the report in the Markdown bodies, with the words written since the
 * previous citation or link: the words that pinpoint is cited for.
 */
const reportPinpointsWithTheirWords = (): Array<{ record: string; paragraphs: number[]; words: string }> => {
  const bodies = [
    ...[...corpus.memos.values()].map((r) => ({ record: `memo:${r.id}`, body: r.body })),
    ...[...corpus.speakers.values()].map((r) => ({ record: `speaker:${r.id}`, body: r.body })),
    ...[...corpus.events.values()].map((r) => ({ record: `event:${r.id}`, body: r.body })),
  ];
  return bodies.flatMap(({ record, body }) => {
    // Evidence fences carry quoted attributes (`element="…"`), not quotations.
    const text = body.replace(/^:::.*$/gmu, '').replace(/\s+/gu, ' ');
    const found: Array<{ record: string; paragraphs: number[]; words: string }> = [];
    let previousEnd = 0;
    for (const reference of text.matchAll(/\[\[[^\]]+\]\]|\[[^[\]]*@[^[\]]*\]/gu)) {
      const words = text.slice(previousEnd, reference.index);
      previousEnd = reference.index + reference[0].length;
      const pinpoint = new RegExp(`@${REPORT}, paras?\\. ([\\d ,&–-]*\\d)`, 'u').exec(reference[0]);
      if (pinpoint !== null) found.push({ record, paragraphs: paragraphNumbers(pinpoint[1]!), words });
    }
    return found;
  });
};

describe('corrected identifiers in the bibliography', () => {
  test.each([
    ['rome-statute', 'volume', '2187'],
    ['rome-statute', 'page', '3'],
    ['nuremberg-charter', 'volume', '82'],
    ['nuremberg-charter', 'page', '279'],
    ['pinochet-no3-2000', 'volume', '1'],
    ['pinochet-no3-2000', 'page', '147'],
    ['pinochet-no3-2000', 'container-title-short', 'AC'],
    ['eu-decision-2011-235', 'number', '2011/235/CFSP'],
    ['eu-regulation-359-2011', 'number', '(EU) No 359/2011'],
    ['ilc-cah-articles-2019', 'number', 'A/74/10'],
    ['ilc-immunity-articles-2022', 'number', 'A/77/10'],
    ['impunity-principles-2005', 'number', 'E/CN.4/2005/102/Add.1'],
    ['vasiliauskas-2015', 'number', '35343/05'],
    ['kadi-2013', 'number', 'C-584/10 P'],
    ['bgh-3-str-564-19', 'number', '3 StR 564/19'],
    ['nouri-2022', 'title', 'Prosecutor v. Hamid Noury'],
    ['nouri-2023', 'title', 'Prosecutor v. Hamid Noury'],
  ])('%s has %s %s', (key, name, expected) => {
    expect(field(key, name)).toBe(expected);
  });

  test.each([
    // The date holds the report volume's year, which OSCOLA prints in brackets; the decision day is the original date.
    ['pinochet-no3-2000', [[2000]]],
    ['bosnia-v-serbia-2007', [[2007, 2, 26]]],
    ['reservations-genocide-1951', [[1951, 5, 28]]],
    ['arrest-warrant-2002', [[2002, 2, 14]]],
    ['eu-decision-2011-235', [[2011, 4, 12]]],
    ['vasiliauskas-2015', [[2015, 10, 20]]],
    ['kadi-2013', [[2013, 7, 18]]],
    ['gambia-v-myanmar-2022', [[2022, 7, 22]]],
    ['croatia-v-serbia-2015', [[2015, 2, 3]]],
    ['tadic-jurisdiction-1995', [[1995, 10, 2]]],
    ['rehman-2024-atrocity-crimes', [[2024]]],
  ])('%s is dated %j', (key, parts) => {
    expect(issuedParts(key)).toEqual(parts);
  });

  test.each([
    ['rome-statute', /English text begins\s+at p\. 90/u],
    ['nuremberg-charter', /London Agreement[\s\S]*82 UNTS 279[\s\S]*Charter[\s\S]*p\. 284/u],
    ['pinochet-no3-2000', /Decided 24 March 1999; reported at \[2000\] 1 AC 147/u],
    ['impunity-principles-2005', /independent expert Diane Orentlicher[\s\S]*took note \(resolution 2005\/81\); not a text adopted by the Commission/u],
    ['impunity-principles-2005', /Principle 14 concerns\s+the preservation of archives/u],
    ['ilc-cah-articles-2019', /definition of crimes against humanity is draft art\. 2[\s\S]*art\. 3 sets out the general obligations/u],
    ['nouri-2022', /folkrättsbrott, grovt brott, under the former Penal Code ch\. 22 § 6\) and for murder/u],
    ['nouri-2023', /affirmed the District Court's\s+judgment in substantial part/u],
    ['vclt', /signed the Convention but has not ratified it/u],
  ])('%s says what the review found', (key, pattern) => {
    expect(String(field(key, 'note'))).toMatch(pattern);
  });

  test('the impunity principles are the independent expert’s report, not a text of the Commission', () => {
    expect(field('impunity-principles-2005', 'author')).toEqual([{ family: 'Orentlicher', given: 'Diane' }]);
  });

  test('Noury is charged with what the courts found, never "grave breaches", and the 2023 judgment is not cited for the prisoner exchange', () => {
    for (const key of ['nouri-2022', 'nouri-2023']) {
      expect(JSON.stringify(source(key).csl)).not.toMatch(/grave breach|upheld|prisoner exchange/iu);
    }
    expect(citationsOf('nouri-2023').filter((citation) => /exchange/iu.test(citation.sentence))).toEqual([]);
    // "Grave breaches" may appear only where a sentence says the offence was not that.
    const sentences = [...corpus.memos.values()].flatMap((r) => r.prose.split(/(?<=\.)\s+/u)).filter((s) => /grave breach/iu.test(s));
    for (const sentence of sentences) expect(sentence).toMatch(/\bnot\b/u);
  });

  test("Rehman's 2024 report is in the library without a document symbol", () => {
    expect(field('rehman-2024-atrocity-crimes', 'number')).toBeUndefined();
    expect(source('rehman-2024-atrocity-crimes').verification.verified).toBe(false);
  });
});

describe('the authorities that were missing', () => {
  const added = [
    'rehman-2024-atrocity-crimes',
    'montazeri-memoirs',
    'montazeri-recording-2016',
    'icc-elements-of-crimes',
    'vasiliauskas-2015',
    'croatia-v-serbia-2015',
    'tadic-jurisdiction-1995',
    'martic-appeal',
    'control-council-law-10',
    'statutory-limitations-convention-1968',
    'hrc-general-comment-36',
    'wgeid-general-comment-continuous-crime',
    'ilc-immunity-articles-2022',
    'bgh-3-str-564-19',
    'kadi-2013',
    'eu-decision-2011-235',
    'gambia-v-myanmar-2022',
    'unga-res-71-248',
    'hrc-res-s-35-1',
    'us-treasury-raisi-2019',
  ];
  test.each(added)('%s is in the library, unverified, said why, and cited by a memo', (key) => {
    const entry = source(key);
    expect(entry.verification.verified).toBe(false);
    expect(entry.verification.note).toMatch(/not (recorded|checked)|could not be checked/u);
    expect([...corpus.memos.values()].some((r) => r.citations.some((c) => c.items.some((item) => item.key === key)))).toBe(true);
  });

  test('only a source with its text archived here is marked verified', () => {
    const verified = [...corpus.sources.values()].filter((entry) => entry.verification.verified).map((entry) => entry.key);
    expect(verified).toEqual([REPORT]);
    expect(source(REPORT).archivedText).not.toBeNull();
  });
});

describe('pinpoints', () => {
  test.each([
    // [memo, key, pinpoint as written]
    ['crimes-against-humanity-enforced-disappearance', 'ilc-cah-articles-2019', 'art. 2 '],
    ['crimes-against-humanity-enforced-disappearance', 'ilc-cah-articles-2019', 'art. 2(2)(i) '],
    ['crimes-against-humanity-enforced-disappearance', 'control-council-law-10', 'art. II(1)(c) '],
    ['crimes-against-humanity-enforced-disappearance', 'statutory-limitations-convention-1968', 'art. I(b) '],
    ['crimes-against-humanity-enforced-disappearance', 'tadic-jurisdiction-1995', 'para. 141 '],
    ['crimes-against-humanity-enforced-disappearance', 'martic-appeal', 'paras. 302-314 '],
    ['crimes-against-humanity-enforced-disappearance', 'rome-statute', 'art. 24(1)]'],
    ['crimes-against-humanity-enforced-disappearance', 'icc-elements-of-crimes', 'art. 7(1)(i) '],
    ['crimes-against-humanity-enforced-disappearance', 'icped', 'art. 8]'],
    ['genocide-religious-group', 'bosnia-v-serbia-2007', 'paras. 191-196 '],
    ['genocide-religious-group', 'croatia-v-serbia-2015', 'para. 148 '],
    ['immunity-foreign-officials', 'ilc-immunity-articles-2022', 'art. 7 '],
    ['un-accountability-routes', 'genocide-convention', 'art. IX]'],
    ['un-accountability-routes', 'icc-elements-of-crimes', 'art. 7(1)(i) '],
  ])('%s cites %s at %s', (memoId, key, written) => {
    expect(memo(memoId).body.replace(/\s+/gu, ' ')).toContain(`@${key}, ${written}`);
  });

  test.each([
    ['ilc-cah-articles-2019', '2', 'article'],
    ['ilc-cah-articles-2019', '2(2)(i)', 'article'],
    ['tadic-jurisdiction-1995', '141', 'paragraph'],
    ['croatia-v-serbia-2015', '148', 'paragraph'],
    ['bosnia-v-serbia-2007', '191-196', 'paragraph'],
    ['martic-appeal', '302-314', 'paragraph'],
  ])('the pinpoint into %s at %s is read as a structured %s locator, marked unverified', (key, locator, label) => {
    const items = citationsOf(key).filter((item) => item.locator === locator);
    expect(items.map((item) => item.label)).toContain(label);
    for (const item of items) expect(item.suffix).toMatch(/pinpoint\s+unverified/u);
  });

  test('the ILC crimes-against-humanity articles are never cited at art. 3 (the 2019 definition is art. 2)', () => {
    const atArticle3 = citationsOf('ilc-cah-articles-2019').filter((c) => c.label === 'article' && /^3\b/u.test(c.locator ?? ''));
    expect(atArticle3).toEqual([]);
  });

  test('principle 14 of the impunity principles is cited for archives, not evidence generally', () => {
    const principle14 = citationsOf('impunity-principles-2005').filter((c) => c.locator === '14');
    expect(principle14.length).toBeGreaterThan(0);
    for (const citation of principle14) expect(citation.sentence).toMatch(/archives/u);
    for (const citation of principle14) expect(citation.sentence).not.toMatch(/preserve evidence|and other evidence/u);
  });

  test('the Covenant is not cited as defining a religious group, nor the VCLT as binding Iran', () => {
    for (const citation of citationsOf('iccpr').filter((c) => c.locator === '18')) expect(citation.sentence).toMatch(/does not define a group/u);
    for (const citation of citationsOf('vclt').filter((c) => c.locator === '53')) expect(citation.sentence).toMatch(/does not bind Iran/u);
  });

  test('the report has twenty paragraphs, numbered from the dateline', () => {
    const paragraphs = reportParagraphs();
    expect(paragraphs).toHaveLength(20);
    expect(paragraphs[1]).toMatch(/^The conference of special significance/u);
    expect(paragraphs[19]).toMatch(/^“The roles of states/u);
  });

  test('every paragraph pinpoint into the report names a paragraph that exists', () => {
    const bad = citationsOf(REPORT)
      .filter((c) => c.locator !== null)
      .filter((c) => c.label !== 'paragraph' || paragraphNumbers(c.locator!).some((n) => n < 1 || n > reportParagraphs().length))
      .map((c) => `${c.record}: ${c.label} ${c.locator}`);
    expect(bad).toEqual([]);
  });

  test('every phrase quoted from the report stands in the paragraph the pinpoint names', () => {
    const quoted = reportPinpointsWithTheirWords().flatMap((pinpoint) =>
      [...pinpoint.words.matchAll(/"([^"]+)"/gu)].map((match) => ({ ...pinpoint, phrase: match[1]! })),
    );
    expect(quoted.length).toBeGreaterThan(10);
    const misplaced = quoted.filter((q) => !inParagraphs(q.phrase, q.paragraphs)).map((q) => `${q.record}: "${q.phrase}" at para. ${q.paragraphs.join(', ')}`);
    expect(misplaced).toEqual([]);
  });

  test.each([
    // The corrections: the figures are in paras. 1 and 4, never para. 2.
    ['crimes-against-humanity-enforced-disappearance', 'more than 30,000', '1'],
    ['crimes-against-humanity-enforced-disappearance', 'several thousand', '4'],
    ['genocide-religious-group', 'more than 30,000', '1'],
    ['genocide-religious-group', 'several thousand', '4'],
    ['crimes-against-humanity-enforced-disappearance', 'key member', '2'],
    ['crimes-against-humanity-enforced-disappearance', 'carried out based on a fatwa', '3'],
    ['universal-jurisdiction-nouri', 'ongoing', '5'],
    ['un-accountability-routes', '2018-2020', '13'],
  ])('%s cites the report for "%s" at para. %s', (memoId, phrase, locator) => {
    const citing = citationsOf(REPORT).filter((c) => c.record === `memo:${memoId}` && c.sentence.includes(phrase));
    expect(citing.map((c) => c.locator)).toContain(locator);
    expect(inParagraphs(phrase, paragraphNumbers(locator))).toBe(true);
  });

  test('no figure of victims is cited to a paragraph that gives none (the figures are in paras. 1 and 4)', () => {
    const figures = reportPinpointsWithTheirWords().filter((pinpoint) => /thousand|30,000/u.test(pinpoint.words));
    expect(figures.length).toBeGreaterThan(0);
    const wrong = figures.filter((pinpoint) => !pinpoint.paragraphs.some((n) => n === 1 || n === 4));
    expect(wrong.map((pinpoint) => `${pinpoint.record}: ${pinpoint.words} [para. ${pinpoint.paragraphs.join(', ')}]`)).toEqual([]);
  });

  test("every statement's words stand in the paragraph its locator names, translations included", () => {
    const misplaced = [...corpus.statements.values()]
      .filter((s) => s.source === REPORT)
      .filter((s) => !inParagraphs(s.text, paragraphNumbers(s.locator!.replace(/^paras?\.\s*/u, ''))))
      .map((s) => `${s.id} at ${s.locator}`);
    expect(misplaced).toEqual([]);
  });
});

describe("the second reviewer's corrections", () => {
  test('Vasiliauskas is cited for custom as it stood in 1953, not as a finding about custom today', () => {
    expect(String(field('vasiliauskas-2015', 'note'))).toMatch(/as it stood at the material time\s+\(1953/u);
    const sentences = citationsOf('vasiliauskas-2015').map((citation) => citation.sentence.replace(/\s+/gu, ' '));
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) expect(sentence).toMatch(/1953/u);
  });

  test('Bosnia v Serbia is cited only at the pinpoint the review gave (paras. 191-196)', () => {
    const locators = citationsOf('bosnia-v-serbia-2007').map((citation) => citation.locator).filter((locator) => locator !== null);
    expect(locators.length).toBeGreaterThan(0);
    expect(new Set(locators)).toEqual(new Set(['191-196']));
  });

  test('the legality point states the Covenant as it reads: national or international law, or general principles', () => {
    const citations = citationsOf('iccpr').filter((citation) => citation.record === 'memo:crimes-against-humanity-enforced-disappearance');
    expect(citations.map((citation) => citation.locator)).toEqual(expect.arrayContaining(['15(1)', '15(2)']));
    expect(citations.map((citation) => citation.locator)).not.toContain('15');
    const legality = citations.find((citation) => citation.locator === '15(1)')!;
    expect(legality.sentence).toMatch(/national\s+or international law/u);
  });

  test('the fact-finding mission on Iran is described by the mandate its founding resolution gave it', () => {
    const sentence = citationsOf('hrc-res-s-35-1').find((citation) => citation.record === 'memo:un-accountability-routes')!.sentence;
    expect(sentence.replace(/\s+/gu, ' ')).toMatch(/the mandate that resolution gave the mission concerns the protests that began in September 2022 and does not cover 1988/u);
  });

  test('titles the editors could not check are said to be theirs, and the Treasury as designating authority is marked unchecked', () => {
    expect(source('hrc-general-comment-36').verification.note).toMatch(/description in the editors' words, not the\s+document's own title/u);
    expect(source('us-treasury-raisi-2019').verification.note).toMatch(/Department of the Treasury as the designating authority is given from the editors'\s+knowledge and was not checked/u);
    expect(source('ilc-immunity-articles-2022').verification.note).toMatch(/seventy-third[\s\S]*not checked/u);
    expect(source('montazeri-memoirs').verification.note).toMatch(/designated\s+successor[\s\S]*not\s+checked/u);
  });

  test('Pinochet (No 3) prints as [2000] 1 AC 147, decided 24 March 1999', () => {
    expect((field('pinochet-no3-2000', 'original-date') as { 'date-parts': unknown })['date-parts']).toEqual([[1999, 3, 24]]);
    const printed = htmlToText(new CitationFormatter(corpus.sources).formatReference('oscola', 'pinochet-no3-2000' as CiteKey)!);
    expect(printed).toContain('[2000] 1 AC 147');
    expect(printed).not.toContain('[1999]');
  });

  test('Tadić (jurisdiction) prints with its case number and date; the German judgment is not titled by its own number', () => {
    const formatter = new CitationFormatter(corpus.sources);
    expect(htmlToText(formatter.formatReference('oscola', 'tadic-jurisdiction-1995' as CiteKey)!)).toMatch(/IT-94-1-AR72 \([^)]*2 October 1995\)/u);
    expect(String(field('bgh-3-str-564-19', 'title'))).not.toContain('3 StR 564/19');
  });

  test('Tadić is cited for what para. 141 says (no link to an international armed conflict, by 1995), never for the law of 1988', () => {
    expect(String(field('tadic-jurisdiction-1995', 'note'))).toMatch(/no\s+connection with an international armed conflict/u);
    const sentences = citationsOf('tadic-jurisdiction-1995').map((citation) => citation.sentence.replace(/\s+/gu, ' '));
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) {
      expect(sentence).toMatch(/1995/u);
      expect(sentence).not.toMatch(/required by 1988|no longer required a connection with armed conflict/u);
    }
  });

  test('the Noury trial is not called the only one there has been, only the only one in the corpus', () => {
    expect(memo('universal-jurisdiction-nouri').prose.replace(/\s+/gu, ' ')).not.toMatch(/the one trial held so far/u);
  });

  test('the UN memo does not say no route could reach 1988 while it describes an ad hoc tribunal that could', () => {
    const text = memo('un-accountability-routes').prose.replace(/\s+/gu, ' ');
    expect(text).toMatch(/ad hoc tribunal/u);
    expect(text).not.toMatch(/no UN route reaches individuals for 1988/u);
    expect(text).toMatch(/ad hoc tribunal could in principle be given jurisdiction over 1988, but only by a Security Council decision/u);
  });

  test('Rajavi is never called the leader of the organisation that was targeted, only of the movement (the NCRI)', () => {
    const text = memo('genocide-religious-group').prose.replace(/\s+/gu, ' ');
    expect(text).not.toMatch(/leader of the (victims' )?organisation/u);
    expect(text).toMatch(/leads the NCRI, of which the PMOI\/MEK is a member/u);
  });
});

describe('neutrality', () => {
  test("Rajavi's statements are the publisher's translation, her title the NCRI's own", () => {
    const rajavi = [...corpus.statements.values()].filter((s) => s.speaker === ('maryam-rajavi' as SpeakerId));
    expect(rajavi.length).toBeGreaterThan(0);
    for (const statement of rajavi) {
      expect(statement.kind).toBe('translation');
      expect(statement.role).toMatch(/President-elect[\s\S]*the NCRI's own title/u);
      expect(String(frontmatter(statement.fileText).note)).toMatch(/does not say in what language[\s\S]*the English is the publisher's/u);
    }
    const speaker = corpus.speakers.get('maryam-rajavi' as SpeakerId)!;
    expect(speaker.roles[0]!.title).toMatch(/the NCRI's own title/u);
    expect(speaker.body).toMatch(/leads the NCRI[\s\S]*published the report/u);
  });

  test("the publisher's insertions in Robertson's words are marked as the publisher's", () => {
    const statement = corpus.statements.get('robertson-fatwa-religion' as StatementId)!;
    expect(statement.text).toContain('[regime founder Ruhollah]');
    const note = String(frontmatter(statement.fileText).note);
    expect(note).toContain('"[decree]"');
    expect(note).toContain('"[regime founder Ruhollah]"');
    expect(note).toMatch(/inserted by the\s+publisher/u);
  });

  test('every statement whose text carries square brackets says whose words they are', () => {
    const unmarked = [...corpus.statements.values()].filter((s) => /\[[^\]]+\]/u.test(s.text) && !/inserted by/u.test(String(frontmatter(s.fileText).note))).map((s) => s.id);
    expect(unmarked).toEqual([]);
  });

  test('speaker roles match their time', () => {
    const naidoo = corpus.speakers.get('kumi-naidoo' as SpeakerId)!;
    expect(naidoo.roles).toEqual([{ title: 'Secretary General', organisation: 'Amnesty International', from: '2018', to: '2019' }]);
    for (const statement of [...corpus.statements.values()].filter((s) => s.speaker === naidoo.id || s.speaker === ('gulnara-shahinian' as SpeakerId))) {
      expect(statement.role).toMatch(/^Former /u);
    }
    expect(corpus.speakers.get('geoffrey-robertson' as SpeakerId)!.body).toMatch(/treaty court, established by an agreement between the\s+United Nations and Sierra Leone/u);
  });

  test('the event does not say the PMOI/MEK organised the conference', () => {
    const event = corpus.events.get('conference-2021-08-27' as EventId)!;
    expect(event.organiser).toBeNull();
    const claims = event.body.replace(/\s+/gu, ' ').split(/(?<=\.) /u).filter((sentence) => /organi[sz]ed/u.test(sentence) && !/does not say who organi[sz]ed/u.test(sentence));
    expect(claims).toEqual([]);
  });

  test('the casualty figures are given as a range, each attributed, with the government’s account', () => {
    const text = memo('crimes-against-humanity-enforced-disappearance').prose;
    expect(text).toMatch(/according to the report, in its publisher's own words, "more than 30,000/u);
    expect(text).toMatch(/Maryam Rajavi speaks of "the execution of several thousand"/u);
    expect(text).toMatch(/no figure is given here from them,\s+because none of those texts could be checked/u);
    expect(text).toMatch(/Iran's position[\s\S]*armed incursion from Iraq[\s\S]*July 1988[\s\S]*the government's account, not as fact/u);
  });

  test('every memo states its strongest counter-argument, with an authority', () => {
    for (const record of corpus.memos.values()) {
      const section = /^## [^\n]*[Cc]ounter-arguments[^\n]*\n([\s\S]*?)(?=^## |$(?![\s\S]))/mu.exec(record.body);
      expect({ memo: record.id, hasSection: section !== null }).toEqual({ memo: record.id, hasSection: true });
      const strongest = /\*\*The strongest[^*]*\*\*[\s\S]*?(?=\n- |\n\n|$(?![\s\S]))/u.exec(section![1]!);
      expect({ memo: record.id, strongest: strongest !== null }).toEqual({ memo: record.id, strongest: true });
      expect({ memo: record.id, cited: /\[@[^\]]+\]/u.test(strongest![0]) }).toEqual({ memo: record.id, cited: true });
    }
  });
});
