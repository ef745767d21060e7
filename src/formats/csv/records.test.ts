import { describe, expect, it } from 'vitest';
import type { Problem } from '../../domain/problems.js';
import { visitCsvRecords } from './records.js';

/** Every record of the text, or its problem. */
function read(text: string, comments = false, delimiter = ','): { ok: true; records: { fields: string[]; line: number }[] } | { ok: false; problem: Problem } {
  const records: { fields: string[]; line: number }[] = [];
  const problem = visitCsvRecords(text, { delimiter, comments }, (fields, line) => { records.push({ fields, line }); });
  return problem === null ? { ok: true, records } : { ok: false, problem };
}

describe('visitCsvRecords', () => {
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

  it('counts a lone CR as a line break, also inside quotes and between blank lines', () => {
    expect(read('a\r"x\ry"\r\r\rb\r')).toEqual({
      ok: true, records: [{ fields: ['a'], line: 1 }, { fields: ['x\ny'], line: 2 }, { fields: ['b'], line: 6 }],
    });
  });

  it('numbers the rows after a record that spans lines and blank lines', () => {
    expect(read('"a\r\nb",1\n\n\r\n  \n2,"3\n\n"\n\n4,5')).toEqual({
      ok: true, records: [{ fields: ['a\nb', '1'], line: 1 }, { fields: ['2', '3'], line: 6 }, { fields: ['4', '5'], line: 10 }],
    });
  });

  it('keeps doubled quotes next to line breaks, delimiters and the field ends', () => {
    expect(read('"""a""\r\n""b""",", ""c"""\n')).toEqual({ ok: true, records: [{ fields: ['"a"\n"b"', ', "c"'], line: 1 }] });
    expect(read('a,\n,b')).toEqual({ ok: true, records: [{ fields: ['a', ''], line: 1 }, { fields: ['', 'b'], line: 2 }] });
  });

  it('reports a quote opened in the last record, with or without a final line break', () => {
    for (const text of ['a,b\n"x\ny",1\n\n2,"oops', 'a,b\n"x\ny",1\n\n2,"oops\n\n']) {
      expect(read(text)).toEqual({ ok: false, problem: { code: 'CSV_UNCLOSED_QUOTE', message: 'Unclosed quote in the row starting at line 5', line: 5 } });
    }
    expect(read('"a""')).toMatchObject({ ok: false, problem: { code: 'CSV_UNCLOSED_QUOTE', line: 1 } });
  });

  it('reports an unclosed quote after a BOM and blank lines at its row, not at line 1', () => {
    expect(read('\uFEFF\n\r\n"x,1\n')).toMatchObject({ ok: false, problem: { code: 'CSV_UNCLOSED_QUOTE', line: 3 } });
    expect(read('\uFEFFa,b\n')).toEqual({ ok: true, records: [{ fields: ['a', 'b'], line: 1 }] });
  });

  it('reports a misplaced quote at the line it is on, inside a record that spans lines', () => {
    expect(read('a,b\n"x\ny"z,1\n')).toEqual({
      ok: false,
      problem: { code: 'CSV_UNCLOSED_QUOTE', message: 'Misplaced quote at line 3: a closing quote is followed by other text instead of the delimiter', line: 3 },
    });
    expect(read('a,b\n"x\ny",1 " 2\n')).toEqual({
      ok: false,
      problem: { code: 'CSV_UNCLOSED_QUOTE', message: 'Misplaced quote at line 3: a quote inside an unquoted field (quote the whole field and double the inner quote)', line: 3 },
    });
  });

  it('refuses blanks around quotes instead of guessing where the value is', () => {
    expect(read('a, "b"\n')).toMatchObject({ ok: false, problem: { code: 'CSV_UNCLOSED_QUOTE', line: 1 } });
    expect(read('a,"b" \n')).toMatchObject({ ok: false, problem: { code: 'CSV_UNCLOSED_QUOTE', line: 1 } });
  });

  it('blanks comment lines whatever the line break', () => {
    expect(read('#c\rsku\r\n # d\nA\r', true)).toEqual({ ok: true, records: [{ fields: ['sku'], line: 2 }, { fields: ['A'], line: 4 }] });
  });

  it('blanks comment lines exactly as splitting into lines would, line numbers and errors included', () => {
    // The rule as first written (split, blank, join): the oracle for the one-pass replace.
    const byLines = (text: string): string => text.split(/\r\n?|\n/).map((l) => (/^[ \t]*#/.test(l) ? '' : l)).join('\n');
    const pieces = ['#', ' ', '\t', '\r', '\r', '\n', '\r\n', '"', ',', 'a', '#x', '\u2028', '\uFEFF'];
    let seed = 7;
    const next = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 16) % n; };
    for (let i = 0; i < 3000; i += 1) {
      const text = Array.from({ length: next(24) }, () => pieces[next(pieces.length)]).join('');
      expect(read(text, true), JSON.stringify(text)).toEqual(read(byLines(text), false));
    }
  });

  it('reports a control character after lone CRs at its line and column', () => {
    expect(read('a\rb\r\nc,d\u001b')).toMatchObject({ ok: false, problem: { code: 'CONTROL_CHARACTER', line: 3, column: 4 } });
  });

  it('turns a delimiter that is not one character, or is a quote or a line break, into a problem instead of an exception', () => {
    for (const delimiter of ['', ';;', '"', '\n', '\r']) {
      expect(read('a,b', false, delimiter)).toMatchObject({ ok: false, problem: { code: 'READ_FAILED' } });
    }
  });

  it('hands records on as it reads them, and a later problem still fails the file', () => {
    const seen: [string[], number][] = [];
    const problem = visitCsvRecords('a,b\n1,2\n3,"x', { delimiter: ',' }, (fields, line) => { seen.push([fields, line]); });
    expect(seen).toEqual([[['a', 'b'], 1], [['1', '2'], 2]]);
    expect(problem).toMatchObject({ code: 'CSV_UNCLOSED_QUOTE', line: 3 });
  });

  it('reads empty and blank-only text as no records', () => {
    expect(read('')).toEqual({ ok: true, records: [] });
    expect(read('\n \r\n\t\n')).toEqual({ ok: true, records: [] });
  });
});
