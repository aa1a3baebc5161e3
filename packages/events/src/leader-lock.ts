import type { Kysely } from 'kysely';
import pg from 'pg';

/** The database a backbone runs on, as the platform's `DatabaseHandle` describes it. */
export interface BackboneDatabase {
  readonly kind: 'postgres' | 'pglite';
  readonly root: Kysely<object>;
  /** How it was opened: on a server, the relay holds its lock on a connection of its own. */
  readonly config:
    { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite' };
}

/** Appended to the statements the backbone runs on its own, so tools can tell them apart. */
export const BACKGROUND_SQL_MARK = '/* plantgraph:event-backbone */';

/** Tells the holder whether it still holds the lock (its session may die at any time). */
export type Held = () => boolean;

const heldInProcess = new WeakMap<object, Set<string>>();

/**
 * Runs `work` while this process is the one holder of `key`, or returns false at once when
 * someone else holds it. On a PostgreSQL server the lock is a session advisory lock on a
 * connection of its own (outside the pool, so the pool keeps its size, and its failure is
 * observed instead of crashing the process): when that session dies, `held()` turns false and
 * another replica can take the lock. PGlite lives in one process, so there the lock is this
 * process's own.
 */
export async function whileLeader(
  database: BackboneDatabase,
  key: string,
  work: (held: Held) => Promise<void>,
): Promise<boolean> {
  if (database.config.kind === 'pglite') {
    const held = heldInProcess.get(database.root) ?? new Set<string>();
    heldInProcess.set(database.root, held);
    if (held.has(key)) return false;
    held.add(key);
    try {
      await work(() => true);
    } finally {
      held.delete(key);
    }
    return true;
  }
  const session = new pg.Client({
    connectionString: database.config.url,
    application_name: `plantgraph ${key}`,
    keepAlive: true,
  });
  let lost = false;
  session.on('error', () => {
    lost = true;
  });
  session.on('end', () => {
    lost = true;
  });
  await session.connect();
  try {
    const { rows } = await session.query<{ locked: boolean }>(
      `select pg_try_advisory_lock(hashtext('plantgraph'), hashtext($1)) as locked ${BACKGROUND_SQL_MARK}`,
      [key],
    );
    if (rows[0]?.locked !== true) return false;
    await work(() => !lost);
    return true;
  } finally {
    // Closing the session releases the lock.
    await session.end().catch(() => undefined);
  }
}
