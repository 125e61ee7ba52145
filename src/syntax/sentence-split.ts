/** Legal prose split into sentences: Intl.Segmenter, without breaking after `p.`, `Art.`, `No.` or an initial. */

/** Abbreviations after which a full stop does not end a sentence in legal writing. */
const ABBREVIATIONS = new Set(
  [
    'p', 'pp', 'para', 'paras', 'art', 'arts', 'no', 'nos', 'v', 'vs', 'e.g', 'i.e', 'cf', 'mr', 'ms', 'mrs', 'dr',
    'prof', 'st', 'u.n', 'u.s', 'u.k', 'inc', 'ltd', 'co', 'ch', 'chap', 'sec', 'secs', 'vol', 'vols', 'ed', 'eds',
    'op', 'cit', 'doc', 'res', 'rev', 'add', 'corr', 'supp', 'rep', 'al', 'n', 'nn', 'fn', 'fig', 'approx', 'ibid',
    'id', 'seq', 'sq', 'jr', 'sr', 'gen', 'amb', 'hon', 'judg', 'ord', 'pt', 'sess', 'sup', 'ct', 'cir', 'app',
  ].map((word) => word.toLowerCase()),
);
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function endsWithAbbreviation(segment: string): boolean {
  const match = /(?:^|[\s([])([\p{L}.-]+)\.\s*$/u.exec(segment);
  if (match === null) return false;
  const word = match[1]!.toLowerCase();
  const lastPart = word.split(/[.-]/u).pop() ?? '';
  // An initial (`G.`, `J.-M.`) or a known abbreviation.
  return ABBREVIATIONS.has(word) || /^\p{L}$/u.test(lastPart);
}

/** Splits text into sentences, without breaking after `p.`, `Art.`, `No.` or an initial. */
export function splitSentences(text: string): Array<{ text: string; start: number }> {
  const sentences: Array<{ text: string; start: number }> = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const previous = sentences[sentences.length - 1];
    if (previous !== undefined && endsWithAbbreviation(previous.text)) previous.text += segment;
    else sentences.push({ text: segment, start: index });
  }
  return sentences;
}
