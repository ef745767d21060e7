/**
 * Conformance: every public 850 sample (shared/samples/x12/850, read in place, never copied)
 * through the X12 judge against a permissive partner (partner_id / our_id taken from the sample's
 * own ISA, accept_test on, a `*` ship-method default): orders or clear problems, never a crash,
 * and every 997 we write reads back as a clean interchange with our own reader.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ORDER_PROBLEMS } from '../../src/domain/problems.js';
import { acceptedTransactionSets, parseX12 } from '../../src/formats/x12/index.js';
import { REPO } from '../e2e/harness.js';
import { judgeBench, type JudgeBench } from '../fixtures/x12/x12-judge-context.js';

const SAMPLES = resolve(REPO, '..', 'shared', 'samples', 'x12', '850');
const files = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.endsWith('.edi')).sort() : [];

let bench: JudgeBench;
afterEach(() => bench?.cleanup());

describe.skipIf(files.length === 0)(`X12 850 samples through the judge (skipped when ${SAMPLES} is missing)`, () => {
  it.each(files)('%s: orders or clear problems, never a crash', (file) => {
    const content = readFileSync(join(SAMPLES, file));
    const first = parseX12(content).interchanges[0]?.header;
    expect(first, 'the sample has an ISA').toBeDefined();
    bench = judgeBench({ partner_id: first?.senderId ?? '', our_id: first?.receiverId ?? '', accept_test: true });

    const verdict = bench.take(content, file);
    expect(verdict.ok, 'an 850 sample is X12: never quarantined').toBe(true);

    const interchanges = bench.ledger.x12Interchanges.ofFile(verdict.fileId ?? -1);
    expect(interchanges.length).toBeGreaterThan(0);
    for (const i of interchanges) {
      expect(['PROCESSED', 'REJECTED', 'DUPLICATE']).toContain(i.status);
      if (i.status !== 'PROCESSED') expect(i.reason, `${i.controlNumber} says why`).toMatch(/\S/);
    }

    // Orders = the accepted 850 sets of the interchanges that were processed (rows are in file order).
    const document = parseX12(content);
    expect(interchanges).toHaveLength(document.interchanges.length);
    const expected = document.interchanges.flatMap((interchange, i) => (interchanges[i]?.status !== 'PROCESSED' ? [] :
      acceptedTransactionSets({ interchanges: [interchange], streamErrors: [] }).filter((a) => a.set.id === '850')));
    expect(verdict.orders).toBe(expected.length);
    expect(interchanges.reduce((n, i) => n + i.orders, 0)).toBe(expected.length);
    // Only a wrong sender/receiver, an envelope error or a repeated ISA13 keeps an interchange from being processed.
    document.interchanges.forEach((interchange, i) => {
      const fromPartner = interchange.header.senderId === first?.senderId && interchange.header.receiverId === first?.receiverId;
      if (interchange.accepted && fromPartner && interchanges[i]?.status !== 'PROCESSED') expect(interchanges[i]?.status).toBe('DUPLICATE');
    });

    for (const order of bench.ledger.orders.list({})) {
      expect(['NEW', 'IMPORT ERROR', 'CANCELLED']).toContain(order.status);
      if (order.status === 'IMPORT ERROR') {
        expect(order.problems.length).toBeGreaterThan(0);
        for (const p of order.problems) expect(Object.keys(ORDER_PROBLEMS)).toContain(p.code);
      }
    }

    for (const ack of bench.ledger.pendingOutputs()) {
      const document = parseX12(ack.content);
      expect(document.streamErrors, ack.name).toEqual([]);
      expect(document.interchanges.map((i) => i.accepted), ack.name).toEqual([true]);
      expect(document.interchanges[0]?.groups[0]?.header.functionalId).toBe('FA');
    }
  });
});
