import { expect, it } from 'vitest';
import { outputName } from './output-name.js';

it('names outputs <kind>-<partner>-<UTC stamp>-<6-digit sequence>.<ext>', () => {
  expect(outputName('orders', 'acme', new Date('2026-11-22T18:15:00.123Z'), 42, 'csv')).toBe('orders-acme-20261122T181500Z-000042.csv');
});
