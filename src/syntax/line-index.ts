/**
 * Source offsets as the 1-based lines and columns diagnostics give, for a whole file's text.
 * Lines end where micromark ends them (`\n`, `\r\n` or a lone `\r`), so a position worked out
 * here names the same line as the positions remark gives the nodes of the same text.
 */
import { location } from 'vfile-location';
import type { Position } from '../model/records.js';

/** Converts source offsets into 1-based lines and columns. */
export class LineIndex {
  private readonly points: ReturnType<typeof location>;
  private readonly length: number;

  constructor(text: string) {
    this.points = location(text);
    this.length = text.length;
  }

  /** The line and column of an offset (an offset past the end counts as the end). */
  position(offset: number): Position {
    const point = this.points.toPoint(Math.min(Math.max(0, offset), this.length));
    return point === undefined ? { line: 1, column: 1 } : { line: point.line, column: point.column };
  }
}
