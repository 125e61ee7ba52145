/**
 * Evidence blocks as the writer of a memo meets them: what is read from a well-formed block, and
 * a message at the block's opening line for each way of getting one wrong.
 */
import { describe, expect, test } from '@jest/globals';
import { blankEvidenceFences } from '../../src/corpus/evidence.js';
import { corpusOf, memo } from '../helpers/memory-corpus.js';

const BASE: Record<string, string> = {
  'citations/lib.yaml': '- id: case\n  type: legal_case\n  title: Prosecutor v. Someone\n',
  'corpus/elements/genocide.yaml': 'title: Genocide\nelements:\n  - id: group\n    label: A protected group\n  - id: intent\n    label: Intent to destroy\n',
  'corpus/speakers/sp.md': '---\nname: A Speaker\n---\nBiography.\n',
  'corpus/statements/said.md': '---\nspeaker: sp\nkind: paraphrase\nsource: case\n---\nSomething was said.\n',
};

/** The memo's evidence and the diagnostics in its file, from a body written under one line of frontmatter. */
function read(body: string) {
  const corpus = corpusOf({ ...BASE, 'corpus/memos/m.md': memo(`Intro [@case].\n\n${body}`) });
  return {
    evidence: corpus.memos.get('m' as never)!.evidence,
    diagnostics: corpus.diagnostics.filter((d) => d.file === 'corpus/memos/m.md').map((d) => [d.line, d.column, d.code, d.message]),
  };
}

describe('a well-formed block', () => {
  test('is read with its element, stance, plain reasoning and the records it relies on', () => {
    const { evidence, diagnostics } = read(
      '::: {.evidence element="genocide:group" stance="opposes"}\nThe [[statement:said|witness]] named a party, not a faith [@case, para. 4].\n:::\n\n' +
        "::: {.evidence element='genocide:intent' stance=context}\nSee [[statement:said]] [@case].\n:::\n",
    );
    expect(diagnostics).toEqual([]);
    expect(evidence.map((entry) => ({ element: entry.element, stance: entry.stance, reasoning: entry.reasoning, items: entry.items, line: entry.position.line }))).toEqual([
      {
        element: { set: 'genocide', element: 'group' },
        stance: 'opposes',
        reasoning: 'The witness named a party, not a faith.',
        items: [
          { ref: { type: 'source', id: 'case' }, locator: '4', label: 'paragraph' },
          { ref: { type: 'statement', id: 'said' }, locator: null, label: null },
        ],
        line: 6,
      },
      {
        element: { set: 'genocide', element: 'intent' },
        stance: 'context',
        reasoning: "See said.",
        items: [
          { ref: { type: 'source', id: 'case' }, locator: null, label: null },
          { ref: { type: 'statement', id: 'said' }, locator: null, label: null },
        ],
        line: 10,
      },
    ]);
  });

  test('with no stance supports its element', () => {
    const { evidence } = read('::: {.evidence element="genocide:group"}\nA decree [@case].\n:::\n');
    expect(evidence.map((entry) => entry.stance)).toEqual(['supports']);
  });

  test('a div of another class is not evidence', () => {
    const { evidence, diagnostics } = read('::: {.note}\nA note [@case].\n:::\n');
    expect(evidence).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  test('the reasoning names the records it shows, so a reader who may not see one does not see its name', () => {
    const { evidence } = read('::: {.evidence element="genocide:group"}\nAs @case held, and [[said]] too.\n:::\n');
    expect(evidence[0]!.reasoningSpans.filter((span) => span.refs !== undefined)).toEqual([
      { text: '@case', refs: [{ type: 'source', id: 'case' }] },
      { text: 'said', refs: [{ type: 'memo', id: 'said' }] },
    ]);
  });
});

describe('a block written wrong is reported at its opening line, and the rest of the memo is read', () => {
  test.each([
    ['never closed', '::: {.evidence element="genocide:group"}\nA decree [@case].\n', [6, 1, 'invalid-evidence', 'this evidence block is not closed: end it with a line of ":::"']],
    ['no element', '::: {.evidence stance="supports"}\nA decree [@case].\n:::\n', [6, 1, 'invalid-evidence', 'give the element as element="SET:ELEMENT" (got "")']],
    ['an element without its set', '::: {.evidence element="group"}\nA decree [@case].\n:::\n', [6, 1, 'invalid-evidence', 'give the element as element="SET:ELEMENT" (got "group")']],
    ['an unknown stance', '::: {.evidence element="genocide:group" stance="proves"}\nA decree [@case].\n:::\n', [6, 1, 'invalid-evidence', 'stance must be supports, opposes or context (got "proves")']],
    ['an unknown set, with the nearest offered', '::: {.evidence element="genocid:group"}\nA decree [@case].\n:::\n', [6, 1, 'unknown-element', expect.stringMatching(/^there is no element set "genocid".*"genocide"/)]],
    ['an unknown element, with the nearest offered', '::: {.evidence element="genocide:groups"}\nA decree [@case].\n:::\n', [6, 1, 'unknown-element', expect.stringMatching(/^"groups" is not an element of "genocide".*"genocide:group"/)]],
  ])('%s', (_case, body, expected) => {
    const { diagnostics } = read(body);
    expect(diagnostics).toEqual([expected]);
  });

  test('an element of a test the memo uses, with no evidence, is a warning at the first block of that test', () => {
    const { diagnostics } = read('::: {.evidence element="genocide:group"}\nA decree [@case].\n:::\n');
    expect(diagnostics).toEqual([[6, 1, 'element-without-evidence', '"Intent to destroy" (genocide:intent) has no evidence in this memo']]);
  });
});

describe('blanking the fences for remark', () => {
  test('turns only the fence lines of evidence blocks into spaces, keeping every offset', () => {
    const text = 'Intro.\n::: {.evidence element="a:b"}\nWords.\n:::\n::: {.note}\nKept.\n:::\n';
    const blanked = blankEvidenceFences(text);
    expect(blanked.length).toBe(text.length);
    expect(blanked.split('\n')).toEqual(['Intro.', ' '.repeat(29), 'Words.', '   ', '::: {.note}', 'Kept.', ':::', '']);
  });
});
