/** The `citation` and `wikiLink` nodes dossier writes into a remark tree, and their records while they are filled in. */
import type { Parent, PhrasingContent } from 'mdast';
import type { CiteKey } from '../model/ids.js';
import type { CitationCluster, CitationMode, RecordRef, WikiLink } from '../model/records.js';
import type { SentenceSpan } from '../model/sentence.js';

/** One source in a `citation` node, with prefix and suffix kept as inline nodes for rendering. */
export interface CitationItemNode {
  readonly key: CiteKey;
  readonly mode: CitationMode;
  readonly prefix: PhrasingContent[];
  readonly locator: string | null;
  readonly label: string | null;
  readonly suffix: PhrasingContent[];
}

/** A citation cluster in the tree; `index` points into the record's `citations`. */
export interface CitationNode {
  type: 'citation';
  items: CitationItemNode[];
  raw: string;
  /** Position in the record's `citations`, in document order. */
  index: number;
  /** What the record's `citations` holds for this cluster. */
  record: MutableCluster;
  position?: Parent['position'];
}

/** A wiki-link or embed in the tree; `index` points into the record's `links`. */
export interface WikiLinkNode {
  type: 'wikiLink';
  target: RecordRef;
  label: string | null;
  embed: boolean;
  raw: string;
  /** Position in the record's `links`, in document order. */
  index: number;
  record: MutableWikiLink;
  position?: Parent['position'];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: CitationNode;
    wikiLink: WikiLinkNode;
  }
  interface RootContentMap {
    citation: CitationNode;
    wikiLink: WikiLinkNode;
  }
}

/** A cluster as the reference reader fills it in: its sentence is written after the tree is read. */
export type MutableCluster = Omit<CitationCluster, 'sentence' | 'sentenceSpans'> & { sentence: string; sentenceSpans: SentenceSpan[] };
/** A wiki-link as the reference reader fills it in. */
export type MutableWikiLink = Omit<WikiLink, 'sentence' | 'sentenceSpans'> & { sentence: string; sentenceSpans: SentenceSpan[] };
