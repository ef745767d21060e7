import { describe, expect, it } from 'vitest';
import { readOrderDate } from './order-dates.js';

describe('readOrderDate', () => {
  it.each([
    ['2024-03-05', 'auto', '2024-03-05'],
    ['2024-3-5', 'auto', '2024-03-05'],
    ['2024-03-05T14:22:01Z', 'auto', '2024-03-05'],
    ['2024-03-05 14:22', 'auto', '2024-03-05'],
    ['03/05/2024', 'auto', '2024-03-05'],
    ['3/5/2024', 'auto', '2024-03-05'],
    ['03/05/24', 'auto', '2024-03-05'],
    ['03/05/2024 2:05 PM', 'auto', '2024-03-05'],
    ['05/03/2024', 'DD/MM/YYYY', '2024-03-05'],
    ['05.03.2024', 'DD.MM.YYYY', '2024-03-05'],
    ['03/05/24', 'MM/DD/YY', '2024-03-05'],
    ['2024-03-05', 'DD/MM/YYYY', '2024-03-05'],
    ['02/29/2024', 'auto', '2024-02-29'],
    ['  ', 'auto', ''],
  ])('%s read as %s is %s', (text, format, expected) => {
    expect(readOrderDate(text, format)).toBe(expected);
  });

  it.each([
    ['02/30/2024', 'auto'],
    ['02/29/2023', 'auto'],
    ['2024-13-01', 'auto'],
    ['13/01/2024', 'auto'],
    ['05.03.2024', 'auto'],
    ['03/05/2024', 'YYYY-MM-DD'],
    ['March 5, 2024', 'auto'],
    ['2024-03-05 garbage', 'auto'],
    ['20240305', 'auto'],
  ])('keeps %s (%s) as written', (text, format) => {
    expect(readOrderDate(text, format)).toBe(text);
  });
});
