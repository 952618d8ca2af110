import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The web app's size budget: the gzipped JavaScript a browser loads for the
 * first route (the entry script and the modules it preloads, as listed in
 * the built index.html). Heavy screens (the plan graph, the charts, the
 * Markdown preview) are lazy chunks outside it. Exits 1 over budget.
 */
export const INITIAL_JS_GZIP_BUDGET_BYTES = 150 * 1024;

export function initialScripts(indexHtml: string): string[] {
  const srcs = new Set<string>();
  for (const m of indexHtml.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) srcs.add(m[1]);
  for (const m of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
    srcs.add(m[1]);
  return [...srcs];
}

function main(): void {
  const dir = resolve(process.argv[2] ?? 'dist/apps/web');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  let total = 0;
  for (const src of initialScripts(html)) {
    const bytes = gzipSync(readFileSync(join(dir, src.replace(/^\//, '')))).length;
    total += bytes;
    process.stdout.write(`  ${src}: ${(bytes / 1024).toFixed(1)} KiB gzip\n`);
  }
  const line = `initial route JS: ${(total / 1024).toFixed(1)} KiB gzip, budget ${INITIAL_JS_GZIP_BUDGET_BYTES / 1024} KiB`;
  if (total > INITIAL_JS_GZIP_BUDGET_BYTES) {
    process.stderr.write(`${line}: OVER BUDGET\n`);
    process.exit(1);
  }
  process.stdout.write(`${line}: ok\n`);
}

if (require.main === module) main();
