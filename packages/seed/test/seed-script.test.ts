import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let database: TestDatabase;
let dataDir: string;
/** The script's only configuration: the test's own PostgreSQL database, or a PGlite directory. */
let env: Record<string, string>;

function seed(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/seed.ts', ...args],
      { cwd: REPO_ROOT, env },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Reads the seeded database the way the script left it (PGlite allows one process at a time). */
async function withDatabase<T>(read: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  if (database.url !== null) return read(database.handle);
  const handle = await openDatabase({ kind: 'pglite', dataDir, reset: false });
  try {
    return await read(handle);
  } finally {
    await handle.close();
  }
}

const countOrders = (handle: DatabaseHandle) =>
  sql<{ n: number }>`select count(*)::int as n from erp.production_order`
    .execute(handle.root)
    .then((r) => r.rows[0]?.n);

beforeAll(async () => {
  database = await openTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'plantgraph-seed-'));
  env = database.url !== null ? { DATABASE_URL: database.url } : { PGLITE_DATA_DIR: dataDir };
});

afterAll(async () => {
  await database?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run seed', () => {
  it('loads the demo into an empty database, then leaves a loaded one alone', async () => {
    const first = await seed();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/demo plant loaded: \d+ orders, \d+ lots/);
    const orders = await withDatabase(countOrders);
    expect(orders).toBeGreaterThanOrEqual(50);

    const second = await seed();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing loaded');
    expect(await withDatabase(countOrders)).toBe(orders);
  });

  it('drops what is there and loads the demo again with --reset', async () => {
    await withDatabase((handle) =>
      sql`insert into erp.plant (id, code, name, timezone) values ('plant-extra', 'XTR', 'Extra', 'UTC')`.execute(
        handle.root,
      ),
    );
    const run = await seed('--reset');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('dropped the erp, mes, quality and genealogy schemas');
    const plants = await withDatabase((handle) =>
      sql<{ id: string }>`select id from erp.plant order by id`
        .execute(handle.root)
        .then((r) => r.rows.map((p) => p.id)),
    );
    expect(plants).toEqual(['plant-lyon', 'plant-monterrey']);
  });

  it('answers a bad flag with the usage and exit code 2, touching nothing', async () => {
    const bogus = await seed('--bogus');
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('unknown argument "--bogus"');
    expect(bogus.stderr).toContain('usage: npm run seed');
    const badScale = await seed('--scale', 'many');
    expect(badScale.code).toBe(2);
    expect(badScale.stderr).toContain('--scale must be a whole number');
  });
});
