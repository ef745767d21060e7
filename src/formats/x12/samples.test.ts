/**
 * The public X12 samples (shared/samples/x12, see its SOURCES.md) read in place, never copied:
 * chunk independence of the tokenizer and the envelope results expected for each file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { feed, fixedChunks, randomChunks, seededRandom } from '../../../test/fixtures/x12/chunking.js';
import { acceptedTransactionSets, parseX12 } from './document.js';
import { X12EnvelopeValidator, X12StreamParser } from './envelope.js';
import { tokenizeX12, X12Tokenizer } from './tokenizer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const samplesDir = path.resolve(repoRoot, '..', 'shared', 'samples', 'x12');
const haveSamples = existsSync(samplesDir);
if (!haveSamples) console.warn(`X12 sample tests skipped: ${samplesDir} does not exist`);

function sampleFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return sampleFiles(full);
      return name.endsWith('.md') ? [] : [full];
    })
    .sort();
}

const files = haveSamples ? sampleFiles(samplesDir) : [];
const relative = (file: string): string => path.relative(samplesDir, file).split(path.sep).join('/');

/** A stable seed per file, so each file gets its own reproducible random splits. */
function seedOf(name: string): number {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return hash >>> 0;
}

interface Expected {
  /** interchanges / groups / sets / sets accepted (set, group and interchange all accepted). */
  counts: [number, number, number, number];
  /** Envelope error codes, sorted, with the level they reject; [] for a clean file. */
  errors?: string[];
  /** Tokenizer errors and warnings. */
  stream?: string[];
}

/** What each sample must yield. Files SOURCES.md calls broken name the errors they must raise. */
const EXPECTED: Record<string, Expected> = {
  '850/bots-plugins_850-004010VICS_0x7f-separator_4st_42kb.edi': { counts: [1, 1, 4, 4] },
  '850/bots-plugins_850-004010_0x15-terminator-crlf.edi': { counts: [1, 1, 2, 2] },
  '850/bots-plugins_850-004010_cr-terminator.edi': { counts: [1, 1, 1, 1] },
  '850/bots-plugins_850-004010_lf-terminator_isa12-00302.edi': { counts: [1, 1, 1, 1] },
  '850/bots-plugins_850-004010_pipe-separator_4st.edi': { counts: [1, 1, 4, 4] },
  '850/bots-plugins_850-004010_single-line-tilde.edi': { counts: [1, 1, 1, 1] },
  '850/bots-plugins_850-004010_three-interchanges-crlf.edi': { counts: [3, 3, 3, 3] },
  '850/bots-plugins_850-004010_tilde-crlf_2st.edi': { counts: [1, 1, 2, 2] },
  '850/bots-plugins_850-004010_tilde-space_single-line.edi': { counts: [1, 1, 2, 2] },
  // Both GS06 = 5, and ST02 000000001 twice in each group: the second group and each repeat are rejected.
  '850/bots-plugins_850-004010_two-gs_duplicate-control-numbers.edi': { counts: [1, 2, 4, 1], errors: ['group DUPLICATE_GS06', 'set DUPLICATE_ST02', 'set DUPLICATE_ST02'] },
  '850/bots-plugins_850-004010_wrapped-80col-crlf.edi': { counts: [1, 1, 2, 2] },
  '850/bots-plugins_850-004010_wrapped-80col-lf.edi': { counts: [1, 1, 2, 2] },
  '850/bots-plugins_850-004030_isa11-caret-repetition.edi': { counts: [1, 1, 1, 1] },
  '850/node-x12_850-004010VICS_tilde-lf.edi': { counts: [1, 1, 1, 1] },
  '850/node-x12_850-004010VICS_two-interchanges.edi': { counts: [2, 2, 2, 2] },
  // GS01 OW (warehouse shipping order) holding an 850.
  '850/stedi-bootstrap_850-005010_dropship-td5-amt.edi': { counts: [1, 1, 1, 0], errors: ['set ST01_GS01_MISMATCH'] },
  // ISA08 padded to 16 characters (a 107-char ISA).
  '850/stupidedi_850-004010_isa08-16-chars-malformed.edi': { counts: [1, 1, 1, 0], errors: ['interchange ISA_FIELD_INVALID'] },
  '850/x12-types_850-004010_po1-cb-ua-po4.edi': { counts: [1, 1, 1, 1] },
  '855/bots-plugins_855-004010UCS_crlf.edi': { counts: [1, 1, 6, 6] },
  '855/node-x12_855-004010.edi': { counts: [1, 1, 1, 1] },
  '855/stedi-bootstrap_855-005010_ack-lines.edi': { counts: [1, 1, 1, 1] },
  '856/bots-plugins_856-004010_sopi-man-gm.edi': { counts: [1, 1, 1, 1] },
  '856/bots-plugins_856-004010_td5-ref-cn_2st.edi': { counts: [1, 1, 2, 2] },
  '856/node-x12_856-004060_td1-ref-cn_isa11-dash.edi': { counts: [1, 1, 1, 1] },
  '856/vscode-edi-x12-support_856-004010_pipe_isa11-U_single-line.edi': { counts: [1, 1, 1, 1] },
  '997/bots-plugins_997-004010VICS_0x15-terminator.edi': { counts: [1, 1, 1, 1] },
  '997/bots-plugins_997-004010_4st-two-ak2-each.edi': { counts: [1, 1, 4, 4] },
  '997/bots-plugins_997-004010_accepted-crlf.edi': { counts: [1, 1, 1, 1] },
  '997/staedi_997-005010_multiple-interchanges.edi': { counts: [3, 3, 3, 3] },
  '997/staedi_997-005010_rejected-ak3-ak4.edi': { counts: [1, 1, 1, 1] },
  '997/staedi_997-005010_repetition-and-component-separators.edi': { counts: [1, 1, 1, 1] },
  // ISA06 only 12 characters.
  '997/stupidedi_997-004010_newline-terminator_isa06-12-chars-malformed.edi': { counts: [1, 1, 1, 0], errors: ['interchange ISA_FIELD_INVALID'] },
  '999/staedi_999-005010_ik3-ik4-ctx.edi': { counts: [1, 1, 1, 1] },
  'edge/bots-plugins_850-004010_ebcdic-blocked-80.edi': { counts: [0, 0, 0, 0], stream: ['NOT_X12'] },
  // Wrong GE01 (3 sets, says 1) and SE01 (3 segments, say 1), dummy set ids AAA/BBB/YYZ with
  // segments TEST/RUSH, and no terminator after the final IEA.
  'edge/gozer_two-gs_ge01-count-mismatch.edi': {
    counts: [1, 2, 4, 0],
    errors: [
      'group GE01_SET_COUNT_MISMATCH',
      ...Array<string>(4).fill('set SE01_SEGMENT_COUNT_MISMATCH'),
      ...Array<string>(4).fill('set SEGMENT_ID_INVALID'),
      ...Array<string>(4).fill('set ST01_INVALID'),
    ],
    stream: ['MISSING_TERMINATOR'],
  },
  'edge/staedi_214-004010_utf8-ellipsis-terminator.edi': { counts: [1, 1, 1, 1] },
  // Contains the two-gs interchange above among its 8.
  'mailbag/bots-plugins_mailbag_8-interchanges-mixed-delimiters.edi': { counts: [8, 9, 14, 11], errors: ['group DUPLICATE_GS06', 'set DUPLICATE_ST02', 'set DUPLICATE_ST02'] },
};

describe.skipIf(!haveSamples)(`X12 public samples in ${haveSamples ? '../shared/samples/x12' : '../shared/samples/x12 (SKIPPED: folder not found)'}`, () => {
  it('has an expectation for every sample file, and a file for every expectation', () => {
    expect(files.map(relative)).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(files.map((file) => [relative(file), file]))('%s', (name, file) => {
    const input = readFileSync(file);

    it('tokenizes identically whole, in chunks of 1..256 bytes, and in 20 random splits', () => {
      const whole = tokenizeX12(input);
      for (let size = 1; size <= 256; size++) {
        const chunked = feed(new X12Tokenizer(), fixedChunks(input, size));
        if (chunked.length !== whole.length) expect({ size, events: chunked.length }).toEqual({ size, events: whole.length });
        expect(chunked).toEqual(whole);
      }
      const random = seededRandom(seedOf(name));
      for (let run = 0; run < 20; run++) expect(feed(new X12Tokenizer(), randomChunks(input, random))).toEqual(whole);
    });

    it('gives identical envelope events for a sample of chunkings', () => {
      const whole = feed(new X12StreamParser(), [input]);
      for (const size of [1, 2, 3, 7, 64, 105, 106, 107, 256]) expect(feed(new X12StreamParser(), fixedChunks(input, size))).toEqual(whole);
    });

    it('gives the same envelope events from tokenizer events as with the validator as the tokenizer sink', () => {
      const validator = new X12EnvelopeValidator();
      expect([...validator.push(tokenizeX12(input)), ...validator.end()]).toEqual(feed(new X12StreamParser(), [input]));
    });

    it('yields the expected interchanges, sets and errors', () => {
      const expected = EXPECTED[name];
      expect(expected, `no expectation for ${name}`).toBeDefined();
      const doc = parseX12(input);
      const groups = doc.interchanges.flatMap((i) => i.groups);
      const sets = groups.flatMap((g) => g.transactionSets);
      expect([doc.interchanges.length, groups.length, sets.length, acceptedTransactionSets(doc).length]).toEqual(expected?.counts);
      const errors = [
        ...doc.interchanges.flatMap((i) => i.errors),
        ...groups.flatMap((g) => g.errors),
        ...sets.flatMap((s) => s.errors),
      ].map((e) => `${e.level} ${e.code}`);
      expect(errors.sort()).toEqual(expected?.errors ?? []);
      expect(doc.streamErrors.map((e) => e.code)).toEqual(expected?.stream ?? []);
    });
  });
});
