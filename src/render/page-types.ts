/** The shapes of page data the page builders share: links, backlinks, rendered bodies. */
import type { RecordRef } from '../model/records.js';
import type { RecordLink } from './body-html.js';

export interface Link extends RecordLink {
  readonly type: RecordRef['type'];
}

export interface BacklinkItem {
  readonly link: Link;
  readonly sentence: string | null;
  /** The sentences (one per distinct place), escaped, with wiki-links as their labels or titles, linked. */
  readonly sentencesHtml: readonly string[];
  readonly pinpoint: string | null;
  readonly via: string;
  /** For a reference found in an archived text, where in that text (`p. 14`). */
  readonly at?: string | null;
}

export interface NoteItem {
  readonly number: number;
  readonly html: string;
}

export interface BibliographyItem {
  readonly href: string;
  readonly html: string;
  readonly verified: boolean;
}

export interface RenderedBody {
  readonly html: string;
  readonly notes: readonly NoteItem[];
  readonly bibliography: readonly BibliographyItem[];
}
