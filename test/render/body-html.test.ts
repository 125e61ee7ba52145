/**
 * A cite key that leads nowhere is shown where it stands to signed-in readers — the key, marked as
 * an error, linked to its row on the Problems page — alone or beside valid keys in one cluster;
 * anonymous readers see no trace of it (a hidden record must look like no record at all).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { CorpusView } from '../../src/access/index.js';
import { PageBuilder, anchoredDiagnostics } from '../../src/render/pages.js';
import { CITATION_STYLES } from '../../src/corpus/citations/format.js';
import type { Corpus } from '../../src/model/records.js';
import type { MemoId } from '../../src/model/ids.js';
import { fixture } from '../helpers/server.js';

let corpus: Corpus;

beforeAll(async () => {
  corpus = await buildCorpus(fixture('corpus-unknown-keys'));
});

/** The memo's body as one reader sees it in one style. */
function bodyHtml(styleId: string, signedIn: boolean): string {
  const view = new CorpusView(corpus, signedIn);
  const builder = new PageBuilder(view, view.formatter(), styleId);
  return builder.memo(corpus.memos.get('keys' as MemoId)!).body.html;
}

/** The paragraphs of a body, in order. */
function paragraphs(html: string): string[] {
  return [...html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((match) => match[1]!);
}

const marker = (line: number) =>
  `<a href="/problems#at-corpus-memos-keys-md-${line}" class="reference-missing-link" title="Unknown reference: see Problems"><span class="reference-missing">`;

describe.each(CITATION_STYLES.map((style) => [style.id]))('in the %s style', (styleId) => {
  test('a signed-in reader sees an unknown key marked and linked to its problem, alone or in a cluster', () => {
    const [valid, alone, mixed] = paragraphs(bodyHtml(styleId, true));
    expect(valid).not.toContain('reference-missing');
    expect(alone).toContain(`${marker(8)}[@nouri-2032]</span></a>`);
    // Beside a valid key, the valid one is still formatted and the unknown one shown after it.
    expect(mixed).toContain('class="cite');
    expect(mixed).toContain(`${marker(10)}@nouri-2032</span></a>`);
  });

  test('an anonymous reader sees no trace of it', () => {
    const html = bodyHtml(styleId, false);
    expect(html).not.toContain('nouri');
    expect(html).not.toContain('reference-missing');
    const [, alone, mixed] = paragraphs(html);
    expect(alone).toMatch(/^The Swedish court later ?\.$/);
    expect(mixed).toContain('class="cite');
  });
});

test('the Problems page row for each unknown key carries the anchor the marker links to', () => {
  const rows = anchoredDiagnostics(corpus.diagnostics).filter((d) => d.code === 'unknown-cite-key');
  expect(rows.map((row) => [row.line, row.anchor])).toEqual([
    [8, 'at-corpus-memos-keys-md-8'],
    [10, 'at-corpus-memos-keys-md-10'],
  ]);
});

test("Vancouver's preview numbers the reference as the memo does, not as the whole library does", () => {
  // The library holds an uncited book before Akayesu: library-wide Akayesu would be 2, in the memo it is 1.
  const view = new CorpusView(corpus, true);
  const body = new PageBuilder(view, view.formatter(), 'vancouver').memo(corpus.memos.get('keys' as MemoId)!).body;
  const [valid] = paragraphs(body.html);
  const [, describedBy, citedHtml] = /<a [^>]*class="cite cite-text" aria-describedby="([^"]*)"[^>]*>([\s\S]*?)<\/a>/.exec(valid!)!;
  // The preview is the bibliography entry the citation names (views/partials/body.eta numbers the ids from 1).
  const entry = body.bibliography[Number(/^user-content-bib-(\d+)$/.exec(describedBy!)![1]) - 1]!;
  const previewNumber = /<div class="csl-left-margin">([\s\S]*?)<\/div>/.exec(entry.html)![1]!;
  expect(citedHtml!.replace(/<[^>]+>/g, '')).toMatch(/\b1\b/);
  expect(entry.href).toBe('/sources/akayesu-1998');
  expect(previewNumber.replace(/\D/g, '')).toBe('1');
});
