import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './records.js';

const read = (text: string, comments = false, delimiter = ',') => readCsvRecords(text, { delimiter, comments });

describe('readCsvRecords', () => {
  it('gives each record the line where it starts, across quoted line breaks and blank lines', () => {
    const result = read('a,b\n\n"x\ny\nz",2\n  \n3,4\n,\n5,"6\n"\n7,8');
    expect(result).toEqual({
      ok: true,
      records: [
        { fields: ['a', 'b'], line: 1 },
        { fields: ['x\ny\nz', '2'], line: 3 },
        { fields: ['3', '4'], line: 7 },
        { fields: ['5', '6'], line: 9 },
        { fields: ['7', '8'], line: 11 },
      ],
    });
  });

  it('reads CRLF, LF and lone CR, also mixed in one file', () => {
    const result = read('a,b\r\n1,2\n3,4\r5,"x\r\ny"\r\n6,7');
    expect(result).toEqual({
      ok: true,
      records: [
        { fields: ['a', 'b'], line: 1 }, { fields: ['1', '2'], line: 2 }, { fields: ['3', '4'], line: 3 },
        { fields: ['5', 'x\ny'], line: 4 }, { fields: ['6', '7'], line: 6 },
      ],
    });
  });

  it('keeps the row count of each record for the caller to judge', () => {
    expect(read('a,b\n1\n1,2,3\n')).toMatchObject({ ok: true, records: [{ line: 1 }, { fields: ['1'], line: 2 }, { fields: ['1', '2', '3'], line: 3 }] });
  });

  it('ignores comment lines only when asked, and keeps quoted # values', () => {
    const text = '# header comment, with "quote\nsku\n  # indented comment\n"#1"\n#2\nA\n';
    expect(read(text, true)).toEqual({ ok: true, records: [{ fields: ['sku'], line: 2 }, { fields: ['#1'], line: 4 }, { fields: ['A'], line: 6 }] });
    expect(read('sku\n#1\n', false)).toMatchObject({ ok: true, records: [{}, { fields: ['#1'], line: 2 }] });
  });

  it('reports an unclosed quote at the line where its row starts', () => {
    expect(read('a,b\n1,2\n\n3,"oops\n4,5\n6,7\n')).toEqual({
      ok: false,
      problem: { code: 'CSV_UNCLOSED_QUOTE', message: 'Unclosed quote in the row starting at line 4', line: 4 },
    });
  });

  it('reports misplaced quotes at their line', () => {
    expect(read('a,b\n1,2\n3,"x"y\n')).toMatchObject({ ok: false, problem: { code: 'CSV_UNCLOSED_QUOTE', line: 3 } });
    expect(read('a,b\n1,12" tv\n')).toMatchObject({ ok: false, problem: { code: 'CSV_UNCLOSED_QUOTE', line: 2 } });
  });

  it('rejects control characters with their position, but allows TAB', () => {
    expect(read('a,b\n1,x\u0000y\n')).toEqual({
      ok: false,
      problem: { code: 'CONTROL_CHARACTER', message: 'Control character U+0000 at line 2, column 4', line: 2, column: 4 },
    });
    expect(read('a,b\r\n1,"x\r\n\u007f"\n')).toMatchObject({ ok: false, problem: { code: 'CONTROL_CHARACTER', line: 3, column: 1 } });
    expect(read('a\tb\n1\t2\n', false, '\t')).toMatchObject({ ok: true, records: [{ fields: ['a', 'b'] }, { fields: ['1', '2'] }] });
  });

  it('turns a bad delimiter option into a problem instead of an exception', () => {
    expect(read('a,b', false, '')).toMatchObject({ ok: false, problem: { code: 'READ_FAILED' } });
  });

  it('reads empty and blank-only text as no records', () => {
    expect(read('')).toEqual({ ok: true, records: [] });
    expect(read('\n \r\n\t\n')).toEqual({ ok: true, records: [] });
  });
});
