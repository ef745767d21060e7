import { describe, expect, it } from 'vitest';
import { feed, fixedChunks, randomChunks, seededRandom } from '../../../test/fixtures/x12/chunking.js';
import { isa, purchaseOrderInterchange, render, transactionSet } from '../../../test/fixtures/x12/build-interchange.js';
import { tokenizeX12, X12Tokenizer } from './tokenizer.js';
import type { X12Event, X12SegmentEvent, X12StreamErrorEvent } from './types.js';

const segments = (events: readonly X12Event[]): X12SegmentEvent[] => events.filter((e): e is X12SegmentEvent => e.type === 'segment');
const errors = (events: readonly X12Event[]): X12StreamErrorEvent[] => events.filter((e): e is X12StreamErrorEvent => e.type === 'error');
const idsAndElements = (events: readonly X12Event[]): string[] => segments(events).map((s) => [s.id, ...s.elements].join('|'));

const PO = purchaseOrderInterchange();

describe('X12Tokenizer: delimiters and segments', () => {
  it('reads delimiters from the ISA and cuts segments with offsets and 1-based indexes', () => {
    const input = render(PO);
    const events = tokenizeX12(input);
    expect(events[0]).toEqual({ type: 'interchange-start', offset: 0, isaFixedWidth: true, delimiters: { element: '*', component: '>', repetition: null, segment: '~' } });
    const segs = segments(events);
    expect(segs.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'BEG', 'N1', 'N3', 'N4', 'PO1', 'CTT', 'SE', 'GE', 'IEA']);
    expect(segs.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(segs[1]?.offset).toBe(107); // 105 ISA chars + '~' + '\n'
    expect(input.toString('latin1', segs[2]?.offset, (segs[2]?.offset ?? 0) + 2)).toBe('ST');
    expect(errors(events)).toEqual([]);
  });

  it('keeps element values untrimmed: padded ISA ids, zero-padded control numbers', () => {
    const segs = segments(tokenizeX12(render(PO)));
    const header = segs[0];
    expect(header?.elements).toHaveLength(16);
    expect(header?.elements[5]).toBe('PARTNER        ');
    expect(header?.elements[12]).toBe('000000123');
    expect(segs.at(-1)?.elements).toEqual(['1', '000000123']);
    expect(segs[3]?.elements).toEqual(['00', 'SA', 'PO-1001', '', '20261122']);
  });

  it.each([
    ['U', '00401', null],
    ['^', '00401', null], // before 00402 ISA11 is the standards id, whatever it holds
    ['U', '00403', null], // a letter is never a repetition separator
    ['^', '00402', '^'],
    ['^', '00501', '^'],
    ['-', '00406', '-'],
    ['>', '00501', null], // same as the component separator: unusable
  ])('ISA11 %s with ISA12 %s gives repetition separator %s', (isa11, version, expected) => {
    const events = tokenizeX12(render(purchaseOrderInterchange(undefined, { isa11, version })));
    const start = events[0];
    expect(start?.type === 'interchange-start' && start.delimiters.repetition).toBe(expected);
  });

  it.each([
    ['pipe separator', { element: '|' }],
    ['0x7F separator and 0x15 terminator', { element: '\x7f', terminator: '\x15', suffix: '' }],
    ['CR terminator followed by LF', { terminator: '\r', suffix: '\n' }],
    ['LF terminator', { terminator: '\n', suffix: '' }],
    ['tilde + CRLF', { suffix: '\r\n' }],
    ['tilde + space', { suffix: ' ' }],
    ['single line', { suffix: '' }],
  ])('reads the same segments with %s', (_name, options) => {
    const events = tokenizeX12(render(PO, options));
    expect(idsAndElements(events)).toEqual(idsAndElements(tokenizeX12(render(PO))));
    expect(errors(events)).toEqual([]);
  });

  it('strips a CR before an LF terminator (CRLF lines in a newline-terminated file)', () => {
    const input = Buffer.from(render(PO, { terminator: '\n', suffix: '' }).toString('latin1').replace(/\n/g, (m, at: number) => (at > 106 ? '\r\n' : m)), 'latin1');
    expect(idsAndElements(tokenizeX12(input))).toEqual(idsAndElements(tokenizeX12(render(PO))));
  });

  it('reads a multi-byte UTF-8 segment terminator (U+2026)', () => {
    const input = Buffer.from(PO.map((s) => `${s}\u2026\n`).join(''), 'utf8');
    const events = tokenizeX12(input);
    expect(events[0]).toMatchObject({ delimiters: { segment: '\u2026' } });
    expect(idsAndElements(events)).toEqual(idsAndElements(tokenizeX12(render(PO))));
    expect(errors(events)).toEqual([]);
  });

  it('reads a 107-char ISA (ID padded to 16) by its separators and says it is not fixed width', () => {
    const wide = isa().replace('US             ', 'US              ');
    const events = tokenizeX12(render([wide, ...PO.slice(1)]));
    expect(events[0]).toMatchObject({ type: 'interchange-start', isaFixedWidth: false, delimiters: { element: '*', component: '>', segment: '~' } });
    expect(segments(events)[0]?.elements[7]).toBe('US              ');
    expect(segments(events)).toHaveLength(PO.length);
  });

  it('decodes UTF-8 text as UTF-8 and other 8-bit bytes as latin1 (auto), or latin1 on request', () => {
    const utf8 = Buffer.concat([render([isa(), 'GS*PO']), Buffer.from('N1*ST*JOS\u00c9~\n', 'utf8'), Buffer.from('N1*ST*JOS\xc9~\nIEA*1*000000123~', 'latin1')]);
    expect(segments(tokenizeX12(utf8)).slice(2, 4).map((s) => s.elements[1])).toEqual(['JOS\u00c9', 'JOS\u00c9']);
    expect(segments(tokenizeX12(utf8, { encoding: 'latin1' }))[2]?.elements[1]).toBe('JOS\u00c3\u0089');
  });
});

describe('X12Tokenizer: tolerated input', () => {
  it('skips a UTF-8 BOM, leading whitespace and NULs (offsets stay stream offsets)', () => {
    const prefix = Buffer.from([0xef, 0xbb, 0xbf, 0x20, 0x0d, 0x0a, 0x00, 0x09]);
    const events = tokenizeX12(Buffer.concat([prefix, render(PO)]));
    expect(errors(events)).toEqual([]);
    expect(events[0]).toMatchObject({ type: 'interchange-start', offset: prefix.length });
    expect(segments(events)[1]?.offset).toBe(prefix.length + 107);
  });

  it('ignores whitespace, NULs and Ctrl-Z after the last IEA', () => {
    const events = tokenizeX12(Buffer.concat([render(PO), Buffer.from(' \r\n\0\0\x1a\x1a', 'latin1')]));
    expect(errors(events)).toEqual([]);
    expect(segments(events)).toHaveLength(PO.length);
  });

  it('reads 80-column hard-wrapped files, whatever column the ISA and data break at', () => {
    const flat = render(PO, { suffix: '' }).toString('latin1');
    const expected = idsAndElements(tokenizeX12(render(PO)));
    for (const lineBreak of ['\n', '\r\n']) {
      for (let width = 3; width <= 120; width++) {
        const wrapped = flat.match(new RegExp(`.{1,${width}}`, 'gs'))?.join(lineBreak) ?? '';
        const events = tokenizeX12(Buffer.from(wrapped + lineBreak, 'latin1'));
        expect({ width, lineBreak, segs: idsAndElements(events) }).toEqual({ width, lineBreak, segs: expected });
        expect(errors(events)).toEqual([]);
      }
    }
  });

  it('reads several interchanges with different delimiters (mailbag), indexes restart at 1', () => {
    const first = render(PO);
    const second = render(purchaseOrderInterchange([transactionSet('850', '0002')], { control: '000000124', component: ':' }), { element: '|', terminator: '\x15', suffix: '\r\n' });
    const events = tokenizeX12(Buffer.concat([first, Buffer.from('\r\n'), second]));
    const starts = events.filter((e) => e.type === 'interchange-start');
    expect(starts.map((s) => s.delimiters)).toEqual([
      { element: '*', component: '>', repetition: null, segment: '~' },
      { element: '|', component: ':', repetition: null, segment: '\x15' },
    ]);
    expect(starts[1]?.offset).toBe(first.length + 2);
    const isas = segments(events).filter((s) => s.id === 'ISA');
    expect(isas.map((s) => s.index)).toEqual([1, 1]);
    expect(errors(events)).toEqual([]);
  });

  it('starts a new interchange at an ISA that comes before the IEA, with its own delimiters', () => {
    const cut = render(PO.slice(0, 5));
    const next = render(PO, { element: '|', terminator: '\n', suffix: '' });
    const events = tokenizeX12(Buffer.concat([cut, next]));
    expect(events.filter((e) => e.type === 'interchange-start').map((e) => e.offset)).toEqual([0, cut.length]);
    expect(segments(events).map((s) => s.id).slice(4, 7)).toEqual(['N1', 'ISA', 'GS']);
    expect(errors(events)).toEqual([]);
  });

  it('reads a last segment without terminator, with a MISSING_TERMINATOR warning', () => {
    const text = render(PO, { terminator: '\n', suffix: '' }).toString('latin1').replace(/\n$/, '');
    const events = tokenizeX12(Buffer.from(text, 'latin1'));
    expect(segments(events).at(-1)?.id).toBe('IEA');
    expect(errors(events)).toEqual([{ type: 'error', code: 'MISSING_TERMINATOR', severity: 'warning', offset: text.lastIndexOf('IEA'), message: expect.any(String) }]);
  });
});

describe('X12Tokenizer: errors', () => {
  it.each([
    ['plain text', Buffer.from('order,sku,qty\n1,A,2\n'), /does not start with an ISA/],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]), /does not start with an ISA/],
    ['EBCDIC', Buffer.from([0xc9, 0xe2, 0xc1, 0x5c, 0xf0, 0xf0]), /EBCDIC/],
    ['an empty file', Buffer.alloc(0), /empty/],
    ['only whitespace', Buffer.from(' \r\n\t'), /only whitespace/],
  ])('reports NOT_X12 for %s', (_name, input, message) => {
    const events = tokenizeX12(input);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', code: 'NOT_X12', severity: 'error' });
    expect((events[0] as X12StreamErrorEvent).message).toMatch(message);
  });

  it('reports INVALID_ISA when "ISA" is followed by no usable header', () => {
    expect(errors(tokenizeX12(Buffer.from('ISAX00X'.padEnd(300, 'X'))))[0]?.code).toBe('INVALID_ISA');
    expect(errors(tokenizeX12(Buffer.from(`ISA*00*${'x'.repeat(600)}`)))[0]?.code).toBe('INVALID_ISA');
  });

  it('reports TRAILING_GARBAGE after the last IEA, keeps the interchange, and resyncs at a later ISA', () => {
    const first = render(PO);
    const garbage = Buffer.from('PK\x03\x04 junk\n');
    const events = tokenizeX12(Buffer.concat([first, garbage, render(PO)]));
    expect(errors(events)).toEqual([{ type: 'error', code: 'TRAILING_GARBAGE', severity: 'error', offset: first.length, message: expect.any(String) }]);
    expect(segments(events).filter((s) => s.id === 'IEA')).toHaveLength(2);
  });

  it('reports PREMATURE_END when input ends inside an interchange, a segment, or the ISA', () => {
    const whole = render(PO);
    for (const length of [50, 105, 110, 200, whole.length - 20, whole.length - 17]) {
      const events = tokenizeX12(whole.subarray(0, length));
      const found = errors(events).filter((e) => e.severity === 'error');
      expect({ length, codes: found.map((e) => e.code) }).toEqual({ length, codes: ['PREMATURE_END'] });
    }
  });

  it('reports SEGMENT_TOO_LONG, skips that segment (counting it) and goes on, for any chunking', () => {
    const long = `MSG*${'A'.repeat(300)}`;
    const input = render(purchaseOrderInterchange([transactionSet('850', '0001', ['BEG*00*SA*1**20261122', long, 'CTT*0'])]));
    const whole = tokenizeX12(input, { maxSegmentBytes: 256 });
    const tooLong = errors(whole);
    expect(tooLong.map((e) => [e.code, e.offset])).toEqual([['SEGMENT_TOO_LONG', input.indexOf('MSG*')]]);
    const after = segments(whole).find((s) => s.id === 'CTT');
    expect(after?.index).toBe(6); // ISA GS ST BEG (MSG) CTT
    for (const size of [1, 7, 64, 255, 256, 257]) {
      expect(feed(new X12Tokenizer({ maxSegmentBytes: 256 }), fixedChunks(input, size))).toEqual(whole);
    }
  });

  it('refuses push after end', () => {
    const tokenizer = new X12Tokenizer();
    tokenizer.end();
    expect(() => tokenizer.push(Buffer.from('ISA'))).toThrow(/after end/);
  });
});

describe('X12Tokenizer: chunk independence on tricky synthetic input', () => {
  const flat = render(PO, { suffix: '' }).toString('latin1');
  const inputs: Record<string, Buffer> = {
    'BOM, wrapped CRLF, Ctrl-Z': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${flat.match(/.{1,80}/gs)?.join('\r\n')}\r\n\x1a`, 'latin1')]),
    'multi-byte terminator': Buffer.from(PO.map((s) => `${s}\u2026`).join(''), 'utf8'),
    'mailbag with garbage and a missing IEA': Buffer.concat([render(PO.slice(0, 6)), render(PO, { element: '|', terminator: '\n', suffix: '' }), Buffer.from('garbage ISA'), render(PO)]),
    'truncated in the middle': render(PO).subarray(0, 230),
    'LF terminator, no final terminator': Buffer.from(render(PO, { terminator: '\n', suffix: '' }).toString('latin1').trimEnd(), 'latin1'),
    // Cut from one chunk's text: separator-less segments, one wrapped segment among flat ones,
    // then a second interchange whose data holds the first one's separator.
    'no elements, one wrapped segment, separator change with the old separator in data': Buffer.from([
      render([...PO.slice(0, 3), 'REF', 'REF', 'N1*ST*JANE', ...PO.slice(4)]).toString('latin1').replace('N1*ST*JANE', 'N1*S\r\nT*JA\nNE'),
      render(purchaseOrderInterchange([transactionSet('850', '0002', ['BEG*00*SA*PO-1*2**20261122', 'N1*ST*A*B*C'])]), { element: '|' }).toString('latin1'),
    ].join(''), 'latin1'),
    // Chunks that are ASCII are cut from their text, the others segment by segment: same values.
    'non-ASCII bytes in some chunks only': Buffer.concat([
      render(PO),
      Buffer.from(render(purchaseOrderInterchange([transactionSet('850', '0002', ['N1*ST*Ren\u00e9e', 'N3*Stra\u00dfe 1'])])).toString('latin1').replace('Ren\u00e9e', 'Ren\u00c3\u00a9e'), 'latin1'),
      render(PO),
    ]),
  };
  for (const [name, input] of Object.entries(inputs)) {
    it(`gives identical events for every chunking: ${name}`, () => {
      const whole = tokenizeX12(input);
      for (let size = 1; size <= 64; size++) expect(feed(new X12Tokenizer(), fixedChunks(input, size))).toEqual(whole);
      const random = seededRandom(7);
      for (let run = 0; run < 50; run++) expect(feed(new X12Tokenizer(), randomChunks(input, random))).toEqual(whole);
    });
  }
});
