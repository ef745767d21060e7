import { describe, expect, it } from 'vitest';
import { readMappingRows } from './mapping-file.js';
import type { MappingRowsResult, MappingTableSpec } from './mapping-file.js';

const SPEC = { required: ['partner_sku', 'fcp_sku'], optional: ['quantity'] };

/** The table's result, with the rows it visited as [line, ...values of `columns`]. */
function visit(input: string | Uint8Array, file: string, spec: MappingTableSpec, ...columns: string[]): MappingRowsResult & { rows: [number, ...string[]][] } {
  const rows: [number, ...string[]][] = [];
  const result = readMappingRows(input, file, spec, (row) => { rows.push([row.line, ...columns.map((c) => row.value(c))]); });
  return { ...result, rows };
}

function rowsOf(input: string | Uint8Array, spec: MappingTableSpec, ...columns: string[]): [number, ...string[]][] {
  const { rows, ...result } = visit(input, 'skus.csv', spec, ...columns);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return rows;
}

describe('readMappingRows', () => {
  it('skips comments and blank lines, trims values, and keeps editor line numbers', () => {
    const text = '\uFEFF# bundles for ACME\r\nPartner SKU , FCP_SKU,quantity\r\n\r\n  # gift sets\r\nGIFTSET , 101BC ,1\r\n   \r\n"#7",102NR/B\r\n';
    expect(rowsOf(text, SPEC, 'partner_sku', 'fcp_sku', 'quantity')).toEqual([
      [5, 'GIFTSET', '101BC', '1'],
      [7, '#7', '102NR/B', ''],
    ]);
  });

  it('gives blanks for columns the file leaves out, and accepts blank extra cells', () => {
    expect(rowsOf('partner_sku,fcp_sku\nA,B,,\n', SPEC, 'partner_sku', 'quantity')).toEqual([[2, 'A', '']]);
  });

  it('reports header problems at the header line, all at once', () => {
    const text = '# comment\npartner_sku,PARTNER-SKU,colour\nA,B,C\n';
    expect(readMappingRows(text, 'm/skus.csv', SPEC, () => {})).toEqual({
      ok: false,
      problems: [
        { file: 'm/skus.csv', line: 2, message: 'Column partner_sku appears twice in the header (columns 1 and 2)' },
        { file: 'm/skus.csv', line: 2, message: "Unknown column(s) 'colour'; expected partner_sku,fcp_sku,quantity" },
        { file: 'm/skus.csv', line: 2, message: 'Missing required column(s) fcp_sku' },
      ],
    });
  });

  it('can take unknown columns as a warning', () => {
    const result = readMappingRows('sku,price\nA,1\n', 'catalog.csv', { required: ['sku'], unknownColumns: 'warning' }, () => {});
    expect(result).toMatchObject({ ok: true, warnings: [{ file: 'catalog.csv', line: 1, message: "Unknown column(s) 'price'; expected sku" }] });
  });

  it('rejects a row with extra values at its line', () => {
    expect(readMappingRows('partner_sku,fcp_sku\nA,B\nC,D,E\n', 'skus.csv', SPEC, () => {})).toEqual({
      ok: false, problems: [{ file: 'skus.csv', line: 3, message: 'Row has 3 fields, but the header has 2' }],
    });
  });

  it('requires a header row', () => {
    expect(readMappingRows('# only a comment\n\n', 'skus.csv', SPEC, () => {})).toEqual({
      ok: false, problems: [{ file: 'skus.csv', line: 1, message: 'No header row; expected columns partner_sku,fcp_sku,quantity' }],
    });
  });

  it('reports broken quoting and control characters with their line', () => {
    expect(readMappingRows('partner_sku,fcp_sku\nA,B\n"C,D\n', 'skus.csv', SPEC, () => {})).toMatchObject({ ok: false, problems: [{ line: 3 }] });
    expect(readMappingRows('partner_sku,fcp_sku\nA,B\u0000\n', 'skus.csv', SPEC, () => {})).toMatchObject({ ok: false, problems: [{ line: 2, message: 'Control character U+0000 at line 2, column 4' }] });
  });

  it('decodes bytes strictly, reporting the line of a bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('\uFEFFpartner_sku,fcp_sku\r\nA,B\r\nCaf'), Buffer.from([0xe9]), Buffer.from(',X\r\n')]);
    expect(readMappingRows(bytes, 'skus.csv', SPEC, () => {})).toMatchObject({ ok: false, problems: [{ file: 'skus.csv', line: 3 }] });
    expect(rowsOf(Buffer.from('\uFEFFpartner_sku,fcp_sku\nA,B\n'), SPEC, 'fcp_sku')).toEqual([[2, 'B']]);
  });

  it('treats a __proto__ header as an unknown column', () => {
    expect(readMappingRows('__proto__,partner_sku,fcp_sku\nx,A,B\n', 'skus.csv', SPEC, () => {})).toMatchObject({
      ok: false, problems: [{ message: "Unknown column(s) '__proto__'; expected partner_sku,fcp_sku,quantity" }],
    });
  });

  it('hands rows on in file order, then fails the table on a later ragged row, reporting every one', () => {
    const { rows, ...result } = visit('partner_sku,fcp_sku\nA,B\nC,D,E\nF,G\nH,I,J\n', 'skus.csv', SPEC, 'partner_sku');
    expect(rows).toEqual([[2, 'A']]);
    expect(result).toEqual({
      ok: false,
      problems: [
        { file: 'skus.csv', line: 3, message: 'Row has 3 fields, but the header has 2' },
        { file: 'skus.csv', line: 5, message: 'Row has 3 fields, but the header has 2' },
      ],
    });
  });

  it('visits no rows under a bad header, and still reports the ragged rows after it', () => {
    const { rows, ...result } = visit('partner_sku\nA\nB,C\n', 'skus.csv', SPEC, 'partner_sku');
    expect(rows).toEqual([]);
    expect(result).toEqual({
      ok: false,
      problems: [
        { file: 'skus.csv', line: 1, message: 'Missing required column(s) fcp_sku' },
        { file: 'skus.csv', line: 3, message: 'Row has 2 fields, but the header has 1' },
      ],
    });
  });

  it('fails on a CSV syntax problem after rows were visited, with only that problem', () => {
    const { rows, ...result } = visit('partner_sku,fcp_sku\nA,B\nC,D,E\n"F,G\n', 'skus.csv', SPEC, 'partner_sku');
    expect(rows).toEqual([[2, 'A']]);
    expect(result).toEqual({ ok: false, problems: [{ file: 'skus.csv', line: 4, message: 'Unclosed quote in the row starting at line 4' }] });
  });
});
