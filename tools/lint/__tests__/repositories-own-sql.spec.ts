import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const WORKSPACE = path.resolve(__dirname, '../../..');
const LAYER_FILE = /\.(service|resolver)\.ts$/;
/** Raw SQL or a hand-built query: `x.query(`, `x.query<T>(`, `createQueryBuilder(`. */
const SQL_CALL = /\.query\s*[<(]|\bcreateQueryBuilder\s*\(/g;

/** Every `*.service.ts` and `*.resolver.ts` under `libs/<context>/feature/src`. */
function layerFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '__tests__') walk(full);
      else if (entry.isFile() && LAYER_FILE.test(entry.name)) files.push(full);
    }
  };
  const libs = path.join(WORKSPACE, 'libs');
  for (const context of readdirSync(libs, { withFileTypes: true })) {
    if (!context.isDirectory()) continue;
    const dir = path.join(libs, context.name, 'feature/src');
    if (existsSync(dir)) walk(dir);
  }
  return files;
}

/** `line: text` of each SQL call in `source`. */
export function sqlCalls(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(SQL_CALL)) {
    const line = source.slice(0, match.index).split('\n').length;
    found.push(`${line}: ${source.split('\n')[line - 1].trim()}`);
  }
  return found;
}

describe('repositories own the SQL', () => {
  it('finds raw queries and query builders in a source text', () => {
    const source = [
      'const rows = await manager.query<{ id: string }[]>(',
      '  `SELECT id FROM t`,',
      ');',
      'await this.dataSource.query(`DELETE FROM t`);',
      "const q = repo.createQueryBuilder('t');",
      'const ok = await this.tasks.findById(id);',
    ].join('\n');
    expect(sqlCalls(source)).toEqual([
      '1: const rows = await manager.query<{ id: string }[]>(',
      '4: await this.dataSource.query(`DELETE FROM t`);',
      "5: const q = repo.createQueryBuilder('t');",
    ]);
  });

  it('no service or resolver of a feature lib queries the database itself', () => {
    const files = layerFiles();
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) =>
      sqlCalls(readFileSync(file, 'utf8')).map(
        (call) => `${path.relative(WORKSPACE, file)}:${call}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});
