/** Turns offsets into 1-based line and column, so every rejection can point at its place. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Line starts are collected once so that looking up the many element positions of a large file
 * stays a binary search, not a rescan. Lines end at LF, as the fast-xml-parser validator counts them.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
  }

  positionOf(offset: number): TextPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }
}
