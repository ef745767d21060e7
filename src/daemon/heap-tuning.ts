import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection before it collects
 * again. By default that factor is chosen by V8 and reaches 4×; the daemon keeps ~250–300 MB of
 * long-lived tables (the feed index, every partner's skus.csv and items.csv), so the short-lived
 * rows and files of one inventory cycle (20 partners × 100k items) took the process from ~450 MB
 * to 660–790 MB RSS before V8 bothered to collect. At 20 % the same cycle peaked at 447–452 MB and
 * took no longer: 6.4–7.7 s (25 %: 465–480 MB; 15 %: 438–448 MB but 8.4–8.5 s). Measured with
 * `npm run bench -- --only=inventory`; docs/inventory.md "At scale".
 * The flag is read at each collection, so setting it here, before the tables are loaded, works.
 */
const HEAP_GROWING_PERCENT = 20;

export function tuneHeapForLongLivedTables(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
