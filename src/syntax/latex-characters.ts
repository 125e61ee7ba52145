/** LaTeX's commands for accented and special characters, both ways: the BibTeX writer writes them, the library reads them back. */
/** Combining marks and the LaTeX accent command that writes each. */
export const ACCENTS: Readonly<Record<string, string>> = {
  '\u0300': '`', '\u0301': "'", '\u0302': '^', '\u0303': '~', '\u0304': '=', '\u0306': 'u', '\u0307': '.',
  '\u0308': '"', '\u030A': 'r', '\u030B': 'H', '\u030C': 'v', '\u0327': 'c', '\u0328': 'k', '\u0323': 'd',
};
/** Letters and punctuation with a LaTeX command of their own. */
export const SPECIAL_CHARACTERS: Readonly<Record<string, string>> = {
  ß: '{\\ss}', æ: '{\\ae}', Æ: '{\\AE}', œ: '{\\oe}', Œ: '{\\OE}', ø: '{\\o}', Ø: '{\\O}', ł: '{\\l}', Ł: '{\\L}',
  ı: '{\\i}', đ: '{\\dj}', Đ: '{\\DJ}', þ: '{\\th}', Þ: '{\\TH}',
  '\u2018': '{\\textquoteleft}', '\u2019': '{\\textquoteright}', '\u201C': '{\\textquotedblleft}', '\u201D': '{\\textquotedblright}', '\u2013': '--', '\u2014': '---', '\u00A0': '~', '\u2026': '{\\ldots}',
  '§': '{\\S}', '¶': '{\\P}', '«': '{\\guillemotleft}', '»': '{\\guillemotright}',
};

/**
 * Text written by `encode` read back as Unicode: the accent commands, the named characters and the
 * reserved-character escapes. For fields citation-js leaves raw (dossier's own).
 */
export function decodeLatex(text: string): string {
  const named = new Map(Object.entries(SPECIAL_CHARACTERS).map(([ch, latex]) => [latex, ch]));
  const accentOf = new Map(Object.entries(ACCENTS).map(([mark, command]) => [command, mark]));
  return text
    .replace(/\{\\[a-zA-Z]+\}/g, (match) => named.get(match) ?? match)
    .replace(/\\textbackslash ?/g, '\\')
    .replace(/\\textasciitilde ?/g, '~')
    .replace(/\\textasciicircum ?/g, '^')
    .replace(/\{\\([`'^~="urHvckd.])\{?\\?([A-Za-z])\}?\}/g, (match, command: string, base: string) => {
      const mark = accentOf.get(command);
      return mark === undefined ? match : `${base}${mark}`.normalize('NFC');
    })
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    // Braces that only group go; escaped ones stay as the characters they stand for.
    .replace(/(\\?)([{}])/g, (_match, escape: string, brace: string) => (escape === '' ? '' : `\\${brace}`))
    .replace(/\\([{}&%$#_])/g, '$1')
    .normalize('NFC');
}
