/**
 * Order dates in CSV files come in whatever a partner's spreadsheet wrote. They are turned into
 * ISO `YYYY-MM-DD` when the text is a real calendar date in the configured format, and kept as
 * written otherwise, so that validation reports the partner's own text (INVALID_ORDER_DATE).
 */

/** Values of a partner's `csv.date_format`. */
export const CSV_DATE_FORMATS = ['auto', 'YYYY-MM-DD', 'MM/DD/YYYY', 'MM/DD/YY', 'DD/MM/YYYY', 'DD.MM.YYYY'] as const;

/** An optional time after the date (`T10:30`, ` 10:30:00.5 PM`, `…Z`, `…+02:00`); the date alone counts. */
const TIME = String.raw`(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})${TIME}$`);
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})${TIME}$`);

/**
 * ISO dates are read in every format because they cannot be misread. Otherwise the format only
 * decides the order of day and month; a 2-digit year means 20YY whatever the format says, since
 * the width of the year is never ambiguous. An unknown format is read as `auto`.
 */
export function readOrderDate(text: string, format: string): string {
  const raw = text.trim();
  if (raw === '') return '';
  const iso = ISO.exec(raw);
  if (iso) return calendarDate(iso[1]!, iso[2]!, iso[3]!) ?? raw;
  if (format === 'YYYY-MM-DD') return raw;
  if (format === 'DD.MM.YYYY') {
    const dotted = DOTTED.exec(raw);
    return dotted ? calendarDate(dotted[3]!, dotted[2]!, dotted[1]!) ?? raw : raw;
  }
  const slashed = SLASHED.exec(raw);
  if (!slashed) return raw;
  const [, first, second, year] = slashed as unknown as [string, string, string, string];
  return (format === 'DD/MM/YYYY' ? calendarDate(year, second, first) : calendarDate(year, first, second)) ?? raw;
}

function calendarDate(yearText: string, monthText: string, dayText: string): string | undefined {
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
