/**
 * A record's page is drawn from the body tree its parse kept, not from its file parsed a second
 * time; the page must be the one parsing again would draw, byte for byte, for every record with a
 * body in every fixture corpus, for a signed-in reader in a note style and an anonymous one in an author-date style.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { drawnWithoutKeptTrees, ParseCache, renderBodyTree } from '../../src/corpus/parse.js';
import { CorpusView } from '../../src/access/index.js';
import { PageBuilder } from '../../src/render/pages.js';
import { CITATION_STYLES } from '../../src/corpus/citations/format.js';
import type { Corpus, MarkdownBody } from '../../src/model/records.js';
import { fixture } from '../helpers/server.js';

// A note style moves punctuation around note markers and an author-date style does not: one of each.
const STYLES = [CITATION_STYLES.find((style) => style.kind === 'note')!.id, CITATION_STYLES.find((style) => style.kind !== 'note')!.id];
const corpora = readdirSync(fixture('.')).filter((name) => name.startsWith('corpus-'));

/** Every record whose body is rendered as Markdown, with the document id its page gives it. */
function bodies(corpus: Corpus): Array<[string, MarkdownBody]> {
  return [
    ...[...corpus.memos.values()].map((memo) => [`memo:${memo.id}`, memo] as [string, MarkdownBody]),
    ...[...corpus.speakers.values()].map((speaker) => [`speaker:${speaker.id}`, speaker] as [string, MarkdownBody]),
    ...[...corpus.events.values()].map((event) => [`event:${event.id}`, event] as [string, MarkdownBody]),
  ];
}

/** Every body of the corpus as each reader sees it in each style, drawn afresh. */
function drawAll(corpus: Corpus): string[] {
  const drawn: string[] = [];
  // A signed-in reader in the note style, an anonymous one in the author-date style.
  STYLES.forEach((style, index) => {
    const view = new CorpusView(corpus, index === 0);
    const builder = new PageBuilder(view, view.formatter(), style);
    for (const [documentId, body] of bodies(corpus)) drawn.push(JSON.stringify(builder.renderBody(documentId, body)));
  });
  return drawn;
}

describe.each(corpora)('%s', (name) => {
  test('every body drawn from its kept tree is the body drawn from its file parsed again', async () => {
    const corpus = await buildCorpus(fixture(name), { cache: new ParseCache() });
    const records = bodies(corpus);
    // The trees were kept: a kept tree has no position of its own (rendering reads none), a parsed one has.
    expect(records.length).toBeGreaterThan(0);
    for (const [, body] of records) {
      expect(renderBodyTree(body).position).toBeUndefined();
      expect(drawnWithoutKeptTrees(() => renderBodyTree(body)).position).toBeDefined();
    }
    const kept = drawAll(corpus);
    const parsedAgain = drawnWithoutKeptTrees(() => drawAll(corpus));
    expect(kept).toHaveLength(parsedAgain.length);
    kept.forEach((page, index) => expect(page).toBe(parsedAgain[index]));
  });
});
