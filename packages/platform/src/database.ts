import { rm, mkdir } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import {
  Kysely,
  PGliteDialect,
  PostgresDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { Mutex } from './mutex.ts';

/** The root handle has no tables of its own; each service narrows it to its schema. */
export type RootDatabase = object;

/** An open database shared by the services of one process. */
export interface DatabaseHandle {
  readonly kind: DatabaseConfig['kind'];
  readonly root: Kysely<RootDatabase>;
  /** What it was opened with (the event relay opens its own lock session on the server). */
  readonly config: DatabaseConfig;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Called with the SQL of every statement executed (used to count round trips). */
  onQuery?: (sql: string) => void;
  /** Where a pooled connection that fails while idle is reported (default: a `database` logger). */
  log?: Logger;
}

const PG_INT8 = 20;
const PG_DATE = 1082;

/** numeric stays a string (decimal arithmetic), int8 becomes a number, date stays YYYY-MM-DD. */
pg.types.setTypeParser(PG_INT8, (value: string) => Number(value));
pg.types.setTypeParser(PG_DATE, (value: string) => value);

/**
 * PGlite has one connection. Kysely's PGlite driver lets a statement issued while another
 * request holds a transaction run inside that transaction, so every connection use is
 * serialized here: a transaction holds the connection until it commits or rolls back.
 */
class SerializedDriver implements Driver {
  readonly #inner: Driver;
  readonly #mutex = new Mutex();
  readonly #held = new Map<DatabaseConnection, () => void>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }
  init(): Promise<void> {
    return this.#inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    const connection = await this.#inner.acquireConnection();
    this.#held.set(connection, release);
    return connection;
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    const release = this.#held.get(connection);
    this.#held.delete(connection);
    release?.();
  }
  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

function serialized(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new SerializedDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

async function openPglite(dataDir: string | null, reset: boolean): Promise<PGlite> {
  if (dataDir !== null) {
    if (reset) await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
  }
  const parsers = {
    [pgliteTypes.INT8]: (v: string) => Number(v),
    [pgliteTypes.DATE]: (v: string) => v,
  };
  return dataDir === null ? PGlite.create({ parsers }) : PGlite.create(dataDir, { parsers });
}

/**
 * A pool on the server. A connection that fails while idle in the pool (the server restarted, an
 * administrator ended it) is reported and dropped; the pool opens a new one when needed. Left
 * unhandled, that error would end the process.
 */
function serverPool(url: string, max: number, log?: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  const report = log ?? createLogger('database', 'warn');
  pool.on('error', (error) =>
    report.warn({ err: error }, 'an idle database connection failed; it is replaced when needed'),
  );
  return pool;
}

/** Opens PostgreSQL (server or in-process) with the same type mapping on both. */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  const dialect =
    config.kind === 'postgres'
      ? new PostgresDialect({ pool: serverPool(config.url, config.poolSize, options.log) })
      : serialized(new PGliteDialect({ pglite: await openPglite(config.dataDir, config.reset) }));
  const onQuery = options.onQuery;
  const root = new Kysely<RootDatabase>({
    dialect,
    ...(onQuery
      ? {
          log: (event) => {
            onQuery(event.query.sql);
          },
        }
      : {}),
  });
  return {
    kind: config.kind,
    root,
    config,
    close: () => root.destroy(),
  };
}
