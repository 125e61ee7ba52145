/** A memo's page: its rendered body, what refers to it, its exports, evidence matrices and problems. */
import type { Memo } from '../model/records.js';
import { refOf } from '../access/index.js';
import { evidenceMatrices } from './evidence-matrix.js';
import { pandocInstalled } from './pandoc-run.js';
import type { PageBasics } from './page-basics.js';

/** The data of a memo's page. */
export function memoPage(builder: PageBasics, memo: Memo) {
  const ref = refOf(memo);
  return {
    memo,
    topics: builder.topicLinks(memo.topics),
    body: builder.renderBody(`memo:${memo.id}`, memo),
    referencedBy: builder.backlinkItems(ref),
    statements: builder.links(memo.links.filter((l) => l.target.type === 'statement').map((l) => l.target)),
    exports: [...builder.exportLinks(`memo:${memo.id}`), ...wordLink(builder, memo)],
    // A static site holds one bibliography per memo; the one with its linked memos is the server's.
    exportsWithLinked: builder.linkMode === 'static' ? [] : builder.exportLinks(`memo:${memo.id}`, { linked: '1' }),
    matrices: evidenceMatrices(builder.view, [memo]),
    problems: builder.problemsIn(memo.file),
    matrixCsv: builder.linkMode === 'static' ? null : `/api/elements?scope=memo:${encodeURIComponent(memo.id)}`,
  };
}

/** "Word (.docx)", when the server has pandoc to write it (never on a static site). */
function wordLink(builder: PageBasics, memo: Memo): Array<{ id: string; label: string; href: string }> {
  if (builder.linkMode === 'static' || !pandocInstalled()) return [];
  return [{ id: 'docx', label: 'Word (.docx)', href: `/api/word?memo=${encodeURIComponent(memo.id)}` }];
}
