/**
 * The real CLI, unchanged, plus one thing the benchmarks need: at exit it writes its peak RSS
 * (MiB) to $FCP_BENCH_RSS_FILE. A parent cannot read a child's rusage from Node, so the child says it.
 */
import { writeFileSync } from 'node:fs';

const rssFile = process.env.FCP_BENCH_RSS_FILE;
if (rssFile !== undefined && rssFile !== '') {
  process.on('exit', () => { writeFileSync(rssFile, String(process.resourceUsage().maxRSS / 1024)); });
}
await import('../cli/main.js');
