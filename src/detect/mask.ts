/**
 * What of a memo is prose: Pandoc citations (`[see @key, p. 3]`, `@key [p. 3]`), wiki-links,
 * code and HTML comments are blanked out with spaces, so that offsets, lines and columns of what
 * is left still point into the file, and a reference already cited is not found again. Every
 * pattern here is bounded, and fenced code is found line by line, so masking stays linear.
 */

const blank = (match: string): string => match.replace(/[^\n]/g, ' ');

/** Fenced code blocks, found line by line (an unclosed fence runs to the end, as in CommonMark). */
function maskFencedCode(text: string): string {
  const lines = text.split('\n');
  let fence: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && opening !== null) {
      fence = opening[1]!;
      lines[index] = blank(line);
    } else if (fence !== null) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
      lines[index] = blank(line);
    }
  }
  return lines.join('\n');
}

/** The text with citation syntax, wiki-links, code and comments replaced by spaces. */
export function maskCitationSyntax(text: string): string {
  return (
    maskFencedCode(text)
      .replace(/`[^`\n]{1,2000}`/g, blank)
      .replace(/<!--[\s\S]{0,20000}?-->/g, blank)
      // Wiki-links and embeds.
      .replace(/!?\[\[[^[\]\n]{1,500}\]\]/g, blank)
      // Bracketed clusters that hold a cite key: the whole cluster is the citation.
      .replace(/\[[^[\]\n]{0,4000}\]/g, (match) => (match.includes('@') ? blank(match) : match))
      // Author-in-text citations and their locator: `@key [p. 3]`.
      .replace(/(^|[^\w@])(-?@\w[\w:.#$%&+?<>~/-]{0,255}(?:\s?\[[^[\]\n]{0,500}\])?)/g, (_match, lead: string, citation: string) => lead + blank(citation))
  );
}
