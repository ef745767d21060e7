/**
 * One data row of a CSV read by column name (mapping files, FCP exports): its line, and its
 * trimmed cells by the names the reader asked for. A row is handed to a visitor and dropped, so a
 * million-row file never holds a million of these at once.
 */
export class NamedRow {
  constructor(
    readonly line: number,
    private readonly fields: readonly string[],
    /** Column name → index in `fields`, from the header. */
    private readonly columns: ReadonlyMap<string, number>,
  ) {}

  /** The cell of a column the reader named; '' when the header or the row lacks it. */
  value(column: string): string {
    const index = this.columns.get(column);
    return index === undefined ? '' : (this.fields[index] ?? '');
  }
}
