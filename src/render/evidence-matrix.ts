/**
 * The element × evidence matrix: for each element of a legal test, what supports it, what opposes
 * it and what gives context — from one memo, or from every memo under a topic — and a visible gap
 * where nothing supports it. Only what the reader may see is in it.
 */
import type { CitationCluster, CitationItem, ElementSet, EvidenceStance, Memo, RecordRef } from '../model/records.js';
import type { CiteKey } from '../model/ids.js';
import { recordPath, type CorpusView } from '../access/index.js';
import { describePinpoint, sentenceHtml, sentencePlain } from './sentences.js';

export interface MatrixItem {
  readonly type: RecordRef['type'];
  readonly href: string;
  readonly title: string;
  readonly pinpoint: string | null;
  /** For Pandoc: the citation key of a source item. */
  readonly key: CiteKey | null;
  /** For Pandoc: the pinpoint as written (locator and CSL label). */
  readonly locator: string | null;
  readonly label: string | null;
}

export interface MatrixEntry {
  readonly memo: { readonly href: string; readonly title: string; readonly id: string };
  readonly reasoning: string;
  /** The reasoning, escaped, with the records it names by id shown by their titles, linked. */
  readonly reasoningHtml: string;
  readonly items: readonly MatrixItem[];
}

export interface MatrixRow {
  readonly id: string;
  readonly label: string;
  readonly description: string | null;
  readonly authority: MatrixItem | null;
  readonly cells: Readonly<Record<EvidenceStance, readonly MatrixEntry[]>>;
  /** Nothing supports this element. */
  readonly gap: boolean;
}

export interface Matrix {
  readonly set: { readonly id: string; readonly title: string; readonly description: string | null };
  readonly rows: readonly MatrixRow[];
}

const STANCES: readonly EvidenceStance[] = ['supports', 'opposes', 'context'];

function item(view: CorpusView, ref: RecordRef, locator: string | null, label: string | null): MatrixItem | null {
  const record = view.get(ref);
  if (record === undefined) return null;
  return { type: ref.type, href: recordPath(ref), title: view.titleOf(record), pinpoint: describePinpoint(label, locator), key: ref.type === 'source' ? ref.id : null, locator, label };
}

/** The matrices of every element set the memos use, in the order the sets are first used. */
export function evidenceMatrices(view: CorpusView, memos: readonly Memo[]): Matrix[] {
  const sets: ElementSet[] = [];
  for (const memo of memos) {
    for (const entry of memo.evidence) {
      const set = view.corpus.elementSets.get(entry.element.set);
      if (set !== undefined && !sets.includes(set)) sets.push(set);
    }
  }
  return sets.map((set) => ({
    set: { id: set.id, title: set.title, description: set.description },
    rows: set.elements.map((element) => {
      const cells: Record<EvidenceStance, MatrixEntry[]> = { supports: [], opposes: [], context: [] };
      for (const memo of memos) {
        for (const entry of memo.evidence) {
          if (entry.element.set !== set.id || entry.element.element !== element.id) continue;
          const items = entry.items.map((i) => item(view, i.ref, i.locator, i.label)).filter((i): i is MatrixItem => i !== null);
          const reasoning = view.textFor(entry.reasoning, entry.reasoningSpans);
          const reasoningHtml = sentenceHtml(view, entry.reasoningSpans, reasoning);
          cells[entry.stance].push({ memo: { href: recordPath({ type: 'memo', id: memo.id }), title: memo.title, id: memo.id }, reasoning: sentencePlain(view, entry.reasoningSpans, reasoning), reasoningHtml, items });
        }
      }
      const authority = element.authority === null ? null : item(view, { type: 'source', id: element.authority.key }, element.authority.locator, null);
      const authorityLocator = element.authority?.locator ?? null;
      const withPinpoint = authority === null || authorityLocator === null ? authority : { ...authority, pinpoint: authorityLocator };
      return { id: element.id, label: element.label, description: element.description, authority: withPinpoint, cells, gap: cells.supports.every((entry) => entry.items.length === 0) };
    }),
  }));
}

/** The text of escaped HTML with links, for CSV and other plain outputs. */
function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The matrices as CSV: one line per piece of evidence (and one per element with none). */
export function matricesToCsv(matrices: readonly Matrix[]): string {
  const lines = [['element set', 'element', 'stance', 'memo', 'record type', 'record', 'pinpoint', 'reasoning'].join(',')];
  for (const matrix of matrices) {
    for (const row of matrix.rows) {
      let any = false;
      for (const stance of STANCES) {
        for (const entry of row.cells[stance]) {
          for (const evidence of entry.items.length > 0 ? entry.items : [null]) {
            any = true;
            lines.push([matrix.set.id, row.id, stance, entry.memo.id, evidence?.type ?? '', evidence?.title ?? '', evidence?.pinpoint ?? '', entry.reasoning].map(csvField).join(','));
          }
        }
      }
      if (!any) lines.push([matrix.set.id, row.id, 'gap', '', '', '', '', ''].map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The matrices as Pandoc pipe tables. The sources of a cell are one citation cluster, so that in
 * a note style each cell carries one note (never "¹;;²"); other records are named by title.
 */
export function matricesToPandoc(matrices: readonly Matrix[], citation: (cluster: CitationCluster) => string): string {
  const cell = (entries: readonly MatrixEntry[]): string => {
    const items = entries.flatMap((entry) => entry.items);
    const sources = items.filter((evidence) => evidence.key !== null);
    const named = items.filter((evidence) => evidence.key === null).map((evidence) => `${evidence.title}${evidence.pinpoint ? `, ${evidence.pinpoint}` : ''}`.replace(/([\\`*_[\]@<>#~^])/g, '\\$1'));
    const cluster: CitationCluster | null =
      sources.length === 0
        ? null
        : {
            items: sources.flatMap((evidence) => (evidence.key === null ? [] : [{ key: evidence.key, mode: 'normal', prefix: '', locator: evidence.locator, label: evidence.label, suffix: '' }])) as CitationItem[],
            position: { line: 0, column: 0 },
            sentence: '',
            sentenceSpans: [],
          };
    const text = [...named, ...(cluster === null ? [] : [citation(cluster)])].join('; ');
    return text.replace(/\|/g, '\\|') || '—';
  };
  return matrices
    .map((matrix) => {
      const header = `### ${matrix.set.title}\n\n| Element | Supports | Opposes | Context |\n|---|---|---|---|\n`;
      const rows = matrix.rows.map((row) => `| ${row.label}${row.gap ? ' (gap)' : ''} | ${cell(row.cells.supports)} | ${cell(row.cells.opposes)} | ${cell(row.cells.context)} |`).join('\n');
      return `${header}${rows}\n`;
    })
    .join('\n');
}
