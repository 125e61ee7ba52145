/**
 * One row per diagnostic code: a corpus that has exactly that problem, and the file, line and
 * column where dossier must report it.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../src/model/diagnostic.js';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { corpusOf } from '../helpers/memory-corpus.js';

/** A small corpus with no problem at all; each row changes or adds files. */
const BASE: Record<string, string> = {
  'corpus/topics.yaml': '- id: t\n  label: A topic\n',
  'corpus/memos/base.md': '---\ntitle: Base\ntopics: [t]\n---\nIt holds [@src, p. 1].\n\n![[statement:st]]\n',
  'corpus/statements/st.md': '---\nspeaker: sp\nkind: paraphrase\nsource: src\n---\nSomething was said.\n',
  'corpus/speakers/sp.md': '---\nname: A Speaker\n---\nBiography.\n',
  'citations/lib.yaml': '- id: src\n  type: report\n  title: A report\n',
};

interface Row {
  code: DiagnosticCode;
  files: Record<string, string>;
  at: [file: string, line: number, column: number];
  message?: RegExp;
}

const rows: Row[] = [
  {
    code: 'yaml-syntax',
    files: { 'corpus/memos/m.md': '---\ntitle: [unclosed\nstatus: draft\n---\nBody [@src].\n' },
    // Where the list was opened, not the line where the parser noticed it was never closed.
    at: ['corpus/memos/m.md', 2, 8],
    message: /never closed: add \]/,
  },
  {
    code: 'yaml-syntax',
    files: { 'corpus/topics.yaml': '- id: t\n  label: A topic\n  label: Twice\n' },
    at: ['corpus/topics.yaml', 3, 3],
    message: /unique/i,
  },
  {
    code: 'missing-field',
    files: { 'corpus/memos/m.md': '---\nstatus: draft\n---\nBody [@src].\n' },
    at: ['corpus/memos/m.md', 2, 1],
    message: /missing required field "title"/,
  },
  {
    code: 'missing-field',
    files: { 'corpus/memos/m.md': 'No frontmatter at all [@src].\n' },
    at: ['corpus/memos/m.md', 1, 1],
    message: /no frontmatter/,
  },
  {
    code: 'missing-field',
    files: { 'corpus/statements/s2.md': '---\nspeaker: sp\nsource: src\n---\nText.\n', 'corpus/memos/m.md': '---\ntitle: M\n---\n[[statement:s2]] [@src]\n' },
    at: ['corpus/statements/s2.md', 2, 1],
    message: /"kind"/,
  },
  {
    code: 'invalid-field',
    files: { 'corpus/memos/m.md': '---\ntitle: M\nstatus: done\n---\nBody [@src].\n' },
    at: ['corpus/memos/m.md', 3, 9],
    message: /field "status" must be one of "draft", "final"/,
  },
  {
    code: 'missing-field',
    files: { 'corpus/speakers/sp.md': '---\nname: A Speaker\nroles:\n  - organisation: UN\n---\nBio.\n' },
    at: ['corpus/speakers/sp.md', 4, 5],
    message: /missing required field "roles\[0\]\.title"/,
  },
  {
    code: 'invalid-field',
    files: { 'corpus/events/e.md': '---\ntitle: E\ndate: 2021-08-27\nonline: yes please\n---\nText.\n' },
    at: ['corpus/events/e.md', 4, 9],
    message: /field "online" has the wrong type/,
  },
  {
    code: 'unknown-field',
    files: { 'corpus/memos/m.md': '---\ntitle: M\ntopic: t\n---\nBody [@src].\n' },
    at: ['corpus/memos/m.md', 3, 1],
    message: /unknown field "topic"/,
  },
  {
    code: 'invalid-date',
    files: { 'corpus/memos/m.md': '---\ntitle: M\nupdated: 2021-02-30\n---\nBody [@src].\n' },
    at: ['corpus/memos/m.md', 3, 10],
  },
  {
    code: 'invalid-date',
    files: { 'corpus/speakers/sp.md': '---\nname: A Speaker\nroles:\n  - title: Minister\n    from: last year\n---\nBio.\n' },
    at: ['corpus/speakers/sp.md', 5, 11],
  },
  {
    code: 'invalid-id',
    files: { 'corpus/memos/m.md': '---\ntitle: M\nid: not valid\n---\nBody [@src].\n' },
    at: ['corpus/memos/m.md', 3, 5],
  },
  {
    code: 'duplicate-id',
    files: { 'corpus/memos/z.md': '---\nid: base\ntitle: Again\n---\nBody [@src].\n' },
    at: ['corpus/memos/z.md', 2, 5],
    message: /defined twice: here and at corpus\/memos\/base\.md:1:1/,
  },
  {
    code: 'duplicate-cite-key',
    files: { 'citations/more.json': '[\n  {"id": "src", "type": "book", "title": "Another"}\n]\n' },
    at: ['citations/more.json', 2, 3],
    message: /defined twice: here and at citations\/lib\.yaml:1:3/,
  },
  {
    code: 'unknown-cite-key',
    files: { 'corpus/memos/m.md': '---\ntitle: M\n---\nFirst line.\nIt holds [see @src; @nope, p. 2].\n' },
    at: ['corpus/memos/m.md', 5, 10],
    message: /@nope does not exist/,
  },
  {
    code: 'unknown-memo',
    files: { 'corpus/memos/m.md': '---\ntitle: M\n---\nSee [[nope]] [@src].\n' },
    at: ['corpus/memos/m.md', 4, 5],
  },
  {
    code: 'unknown-statement',
    files: { 'corpus/memos/m.md': '---\ntitle: M\n---\n[@src]\n\n![[statement:nope]]\n' },
    at: ['corpus/memos/m.md', 6, 1],
  },
  {
    code: 'unknown-speaker',
    files: { 'corpus/statements/st.md': '---\nspeaker: nobody\nkind: paraphrase\nsource: src\n---\nText.\n' },
    at: ['corpus/statements/st.md', 2, 10],
    message: /speaker "nobody" in "speaker" does not exist/,
  },
  {
    code: 'unknown-event',
    files: { 'corpus/statements/st.md': '---\nspeaker: sp\nevent: nowhere\nkind: paraphrase\nsource: src\n---\nText.\n' },
    at: ['corpus/statements/st.md', 3, 8],
  },
  {
    code: 'unknown-topic',
    files: { 'corpus/memos/m.md': '---\ntitle: M\ntopics:\n  - t\n  - nope\n---\nBody [@src].\n' },
    at: ['corpus/memos/m.md', 5, 5],
  },
  {
    code: 'unknown-topic',
    files: { 'corpus/topics.yaml': '- id: t\n  label: A topic\n- id: u\n  label: Under\n  broader: nope\n' },
    at: ['corpus/topics.yaml', 3, 3],
  },
  {
    code: 'invalid-wiki-link',
    files: { 'corpus/memos/m.md': '---\ntitle: M\n---\nSee [[case:x]] [@src].\n' },
    at: ['corpus/memos/m.md', 4, 5],
  },
  {
    code: 'citation-too-deep',
    files: { 'corpus/memos/m.md': `---\ntitle: M\n---\n${'[see @src '.repeat(9)}${']'.repeat(9)}\n` },
    at: ['corpus/memos/m.md', 4, 81],
  },
  {
    code: 'too-deeply-nested',
    files: { 'corpus/memos/m.md': `---\ntitle: M\n---\nIntro [@src].\n\n${'> '.repeat(40)}quoted\n` },
    at: ['corpus/memos/m.md', 6, 67],
  },
  {
    code: 'too-deeply-nested',
    files: { 'corpus/topics.yaml': `- id: t\n  label: ${'['.repeat(70)}\n` },
    at: ['corpus/topics.yaml', 2, 74],
  },
  {
    code: 'too-deeply-nested',
    files: { 'corpus/memos/m.md': `---\ntitle: M\n---\nIntro [@src].\n\n${'*a '.repeat(40)}x${' b*'.repeat(40)}\n` },
    at: ['corpus/memos/m.md', 6, 97],
  },
  {
    code: 'paragraph-too-large',
    files: { 'corpus/memos/m.md': `---\ntitle: M\n---\nIntro [@src].\n\n${'witness '.repeat(7000)}\n` },
    at: ['corpus/memos/m.md', 6, 1],
    message: /is 56,000 characters long; paragraphs over 50,000 characters cannot be read: split it/,
  },
  {
    code: 'file-too-large',
    files: { 'corpus/memos/m.md': `---\ntitle: M\n---\n${'[@src]\n\n'.repeat(10_001)}` },
    at: ['corpus/memos/m.md', 4 + 2 * 10_000, 1],
  },
  {
    code: 'invalid-embed',
    files: { 'corpus/memos/m.md': '---\ntitle: M\n---\n[@src]\n\n  ![[memo:base]]\n' },
    at: ['corpus/memos/m.md', 6, 3],
  },
  {
    code: 'unreadable-entry',
    files: { 'citations/bad.bib': '@book{ok, title={Fine}, year=2000}\n\n@book{broken, title={Unclosed, year=2001}\n' },
    // The entry's own brace is the one left open (the title's is closed by the entry's).
    at: ['citations/bad.bib', 3, 6],
    message: /the \{ that opens the entry is never closed/,
  },
  {
    code: 'invalid-field',
    files: { 'citations/bad.yaml': '- id: x\n  type: judgment\n  title: Not a CSL type\n' },
    at: ['citations/bad.yaml', 2, 9],
    message: /type "judgment", which is not a CSL type/,
  },
  {
    code: 'unreadable-entry',
    files: { 'citations/bad.ris': 'TY  - BOOK\nTI  - No key\nER  - \n' },
    at: ['citations/bad.ris', 1, 1],
    message: /no id/,
  },
  {
    code: 'unreadable-file',
    files: { 'citations/bad.json': '[\n  {"id": "x", "type": "book",}\n]\n' },
    at: ['citations/bad.json', 2, 30],
  },
  {
    code: 'verbatim-mismatch',
    files: {
      'corpus/statements/st.md': '---\nspeaker: sp\nkind: verbatim\nsource: src\n---\nWe must protect the graves.\n',
      'citations/texts/src.txt': 'She said: “We must protect these sites.”\n',
    },
    at: ['corpus/statements/st.md', 3, 7],
    message: /matches up to "We must protect the" and then differs/,
  },
  {
    code: 'missing-archived-text',
    files: { 'corpus/statements/st.md': '---\nspeaker: sp\nkind: verbatim\nsource: src\n---\nWords.\n' },
    at: ['corpus/statements/st.md', 3, 7],
    message: /citations\/texts\/src\.txt/,
  },
  {
    code: 'orphan-archived-text',
    files: { 'citations/texts/nobody.txt': 'Text.\n' },
    at: ['citations/texts/nobody.txt', 1, 1],
  },
  {
    code: 'uncited-source',
    files: { 'citations/lib.yaml': '- id: src\n  type: report\n  title: A report\n- id: lonely\n  type: book\n  title: Nobody cites me\n' },
    at: ['citations/lib.yaml', 4, 3],
  },
  {
    code: 'unused-statement',
    files: { 'corpus/statements/other.md': '---\nspeaker: sp\nkind: paraphrase\nsource: src\n---\nUnused.\n' },
    at: ['corpus/statements/other.md', 1, 1],
  },
  {
    code: 'uncited-mention',
    files: { 'citations/lib.yaml': '- id: src\n  type: report\n  title: A report\n- id: akayesu\n  type: legal_case\n  title: Akayesu\n  number: ICTR-96-4-T\n', 'corpus/memos/m.md': '---\ntitle: M\n---\nSee [@src].\n\nThe Chamber in ICTR-96-4-T held so.\n' },
    at: ['corpus/memos/m.md', 6, 16],
    message: /ICTR-96-4-T is mentioned at line 6 but not cited: cite it as \[@akayesu\]/,
  },
  {
    code: 'missing-source',
    files: { 'corpus/memos/m.md': '---\ntitle: M\n---\nThe report A/HRC/47/22 [@src] says so.\n' },
    at: ['corpus/memos/m.md', 4, 12],
    message: /A\/HRC\/47\/22 .* the library has no entry for it/,
  },
  {
    code: 'memo-without-citation',
    files: { 'corpus/memos/m.md': '---\ntitle: M\n---\nNo sources here.\n' },
    at: ['corpus/memos/m.md', 1, 1],
  },
  {
    code: 'public-links-internal',
    files: { 'corpus/memos/secret.md': '---\ntitle: Secret\nvisibility: internal\n---\n[@src]\n', 'corpus/memos/m.md': '---\ntitle: M\n---\nSee [[secret]] [@src].\n' },
    at: ['corpus/memos/m.md', 4, 5],
  },
  {
    code: 'unknown-element',
    files: {
      'corpus/elements/test.yaml': 'title: A test\nelements:\n  - id: one\n    label: One\n',
      'corpus/memos/m.md': '---\ntitle: M\n---\n[@src]\n\n::: {.evidence element="test:two" stance="supports"}\nWords [@src].\n:::\n',
    },
    at: ['corpus/memos/m.md', 6, 1],
    message: /"two" is not an element of "test"; its elements are one/,
  },
  {
    code: 'unknown-element',
    files: { 'corpus/memos/m.md': '---\ntitle: M\n---\n[@src]\n\n::: {.evidence element="nothing:x"}\nWords [@src].\n:::\n' },
    at: ['corpus/memos/m.md', 6, 1],
    message: /no element set "nothing"/,
  },
  {
    code: 'invalid-evidence',
    files: { 'corpus/memos/m.md': '---\ntitle: M\n---\n[@src]\n\n::: {.evidence element="test:one" stance="maybe"}\nWords.\n:::\n' },
    at: ['corpus/memos/m.md', 6, 1],
    message: /stance must be supports, opposes or context/,
  },
  {
    code: 'element-without-evidence',
    files: {
      'corpus/elements/test.yaml': 'title: A test\nelements:\n  - id: one\n    label: One\n  - id: two\n    label: Two\n',
      'corpus/memos/m.md': '---\ntitle: M\n---\n[@src]\n\n::: {.evidence element="test:one"}\nWords [@src, p. 2].\n:::\n',
    },
    at: ['corpus/memos/m.md', 6, 1],
    message: /"Two" \(test:two\) has no evidence in this memo/,
  },
];

describe('each diagnostic is reported at its exact place', () => {
  test('the base corpus has no problem', () => {
    expect(corpusOf(BASE).diagnostics).toEqual([]);
  });

  test.each(rows)('$code at $at', ({ code, files, at, message }) => {
    const corpus = corpusOf({ ...BASE, ...files });
    const found = corpus.diagnostics.filter((d) => d.code === code);
    expect(found.map((d) => [d.file, d.line, d.column])).toEqual([at]);
    expect(found[0]!.severity).toBe(DIAGNOSTIC_CODES[code]);
    if (message !== undefined) expect(found[0]!.message).toMatch(message);
    // The rest of the corpus still loads: the base memo is there whatever else is broken.
    expect(corpus.memos.has('base' as never)).toBe(true);
  });
});

describe('problems the loader finds on disk', () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  async function diskCorpus(files: Record<string, string | Buffer>): Promise<string> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-load-'));
    folders.push(root);
    for (const [relative, content] of Object.entries({ ...BASE, ...files })) {
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await writeFile(path.join(root, relative), content);
    }
    return root;
  }

  test('unknown-file-type: a file the folder does not hold', async () => {
    const root = await diskCorpus({ 'corpus/memos/notes.txt': 'stray' });
    const corpus = await buildCorpus(root);
    expect(corpus.diagnostics.filter((d) => d.code === 'unknown-file-type').map((d) => [d.file, d.line, d.column])).toEqual([
      ['corpus/memos/notes.txt', 1, 1],
    ]);
    expect(corpus.memos.size).toBe(1);
  });

  test('unknown-file-type: a symbolic link is not followed', async () => {
    const root = await diskCorpus({});
    await symlink('/etc/passwd', path.join(root, 'corpus/memos/passwd.md'));
    const corpus = await buildCorpus(root);
    expect(corpus.diagnostics.filter((d) => d.code === 'unknown-file-type').map((d) => d.message)).toEqual([
      'not read: symbolic links are not followed',
    ]);
  });

  test('unreadable-file: a file that is not UTF-8', async () => {
    const root = await diskCorpus({ 'corpus/memos/latin1.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]) });
    const corpus = await buildCorpus(root);
    expect(corpus.diagnostics.filter((d) => d.code === 'unreadable-file').map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      ['corpus/memos/latin1.md', 1, 1, 'cannot read the file: it is not valid UTF-8 text'],
    ]);
    expect(corpus.memos.size).toBe(1);
  });

  test('unreadable-file: a root with no corpus in it', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-empty-'));
    folders.push(root);
    const corpus = await buildCorpus(root);
    expect(corpus.diagnostics.map((d) => [d.code, d.message])).toEqual([['unreadable-file', `no corpus/ or citations/ folder under ${root}`]]);
  });

  test('every diagnostic code has a case here', () => {
    // unsafe-output-path is found by dossier build, and tested in test/cli/build.test.ts.
    const covered = new Set<string>([...rows.map((row) => row.code), 'unknown-file-type', 'unreadable-file', 'unsafe-output-path']);
    expect(Object.keys(DIAGNOSTIC_CODES).filter((code) => !covered.has(code))).toEqual([]);
  });
});
