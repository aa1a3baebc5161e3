import { createHash } from 'node:crypto';
import { sql, type ColumnType, type Kysely } from 'kysely';
import { ruleBroken, type MutationOutcome } from './mutation-outcome.ts';

/** Codes the idempotency guard answers with, besides the mutation's own. */
export type IdempotencyErrorCode =
  'IDEMPOTENCY_KEY_REUSED' | 'IN_PROGRESS' | 'IDEMPOTENCY_KEY_INVALID';

/** One idempotency key: the request it was first used with, and the answer that request got. */
export interface IdempotencyKeyTable {
  operation: string;
  key: string;
  /** SHA-256 of the canonical input; the same key with another input is refused. */
  request_hash: string;
  /** The first answer, as JSON; null only inside the transaction that is producing it. */
  response: ColumnType<unknown, string | null, string | null>;
  created_at: Date;
  expires_at: Date;
}

/** The table the guard needs in the schema of the subgraph that runs the mutation. */
export type IdempotencyTables = {
  idempotency_key: IdempotencyKeyTable;
};

/** Creates the `idempotency_key` table in the schema `db` is scoped to (called from a migration). */
export async function createIdempotencyTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_key')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    // The key is unique per mutation: a concurrent duplicate waits on this constraint.
    .addPrimaryKeyConstraint('idempotency_key_pkey', ['operation', 'key'])
    .execute();
  // The purge deletes expired keys oldest first.
  await db.schema
    .createIndex('idempotency_key_expires_idx')
    .on('idempotency_key')
    .column('expires_at')
    .execute();
}

/** Drops the table (a migration's `down`). */
export async function dropIdempotencyTable(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_key').execute();
}

/** How a mutation names its request to the guard. */
export interface IdempotentRequest {
  /** The mutation, e.g. `erp.releaseOrder`; keys are unique per operation. */
  readonly operation: string;
  readonly key: string;
  /** The mutation's input without the key; its canonical JSON is hashed. */
  readonly input: unknown;
  /** How long the first answer is kept, in hours (at least 24). */
  readonly retentionHours?: number;
  /** How long a retry waits for a first request still running before answering IN_PROGRESS. */
  readonly waitMs?: number;
}

const DEFAULT_RETENTION_HOURS = 24;
const DEFAULT_WAIT_MS = 5000;
const MAX_KEY_LENGTH = 200;
/** Every this many guarded calls a process purges expired keys (inside that call's transaction). */
const PURGE_EVERY = 500;
/** PostgreSQL's lock_not_available, raised when lock_timeout expires. */
const LOCK_NOT_AVAILABLE = '55P03';

/** JSON with object keys sorted and dates as ISO strings: equal inputs give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .filter((key) => Reflect.get(value, key) !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(Reflect.get(value, key))}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the canonical JSON of `input`. */
export function requestHash(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/** Requests of this process still running, by operation and key, so a retry can wait for them. */
const running = new Map<string, Promise<unknown>>();
let guardedCalls = 0;

class Rejected<C extends string> extends Error {
  readonly outcome: MutationOutcome<never, C>;
  constructor(outcome: MutationOutcome<never, C>) {
    super('rejected');
    this.outcome = outcome;
  }
}

function isLockTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && Reflect.get(error, 'code') === LOCK_NOT_AVAILABLE
  );
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const inProgress = (key: string) =>
  ({
    ok: false,
    errors: [
      ruleBroken(
        'IN_PROGRESS',
        'idempotencyKey',
        `a request with idempotency key "${key}" is still running; retry later for its answer`,
      ),
    ],
  }) as const;

/** Runs mutations of one subgraph under idempotency keys; see `idempotencyGuard`. */
export interface IdempotencyGuard<DB> {
  /**
   * Runs `work` as one transaction guarded by an idempotency key. The first request with a key
   * inserts the key and, when `work` accepts, stores the answer in the same transaction; a later
   * request with the same key and input gets that answer and writes nothing; the same key with
   * another input is IDEMPOTENCY_KEY_REUSED. A concurrent duplicate waits for the first (in this
   * process, then on the key's primary key with `lock_timeout`) and answers IN_PROGRESS when the
   * first is still running after `waitMs`. When `work` rejects, everything rolls back, the key
   * included, and the rejection is answered: nothing is written.
   *
   * Answers are returned as their JSON round trip, so the first answer and every replay are equal.
   */
  run<T, C extends string>(
    db: Kysely<DB>,
    request: IdempotentRequest,
    work: (trx: Kysely<DB>) => Promise<MutationOutcome<T, C>>,
  ): Promise<MutationOutcome<T, C | IdempotencyErrorCode>>;
}

/**
 * The guard for a subgraph whose schema holds the `idempotency_key` table. `keysOf` is the
 * identity on the subgraph's own database type (`(db: ErpDb) => db`): it lets the compiler check
 * that the table is there without the guard knowing the subgraph's types.
 */
export function idempotencyGuard<DB>(
  keysOf: (db: Kysely<DB>) => Kysely<IdempotencyTables>,
): IdempotencyGuard<DB> {
  return {
    async run(db, request, work) {
      const { operation, key } = request;
      if (key.trim() === '' || key.length > MAX_KEY_LENGTH) {
        return {
          ok: false,
          errors: [
            ruleBroken(
              'IDEMPOTENCY_KEY_INVALID',
              'idempotencyKey',
              `an idempotency key is 1 to ${MAX_KEY_LENGTH} characters, not blank`,
            ),
          ],
        };
      }
      const waitMs = request.waitMs ?? DEFAULT_WAIT_MS;
      const slot = `${operation}\u0000${key}`;
      const earlier = running.get(slot);
      if (earlier !== undefined && !(await settlesWithin(earlier, waitMs))) return inProgress(key);

      const attempt = guardedTransaction(db, keysOf, request, waitMs, work);
      if (!running.has(slot)) {
        running.set(slot, attempt);
        void attempt
          .finally(() => {
            if (running.get(slot) === attempt) running.delete(slot);
          })
          .catch(() => undefined);
      }
      return attempt;
    },
  };
}

async function guardedTransaction<DB, T, C extends string>(
  db: Kysely<DB>,
  keysOf: (db: Kysely<DB>) => Kysely<IdempotencyTables>,
  request: IdempotentRequest,
  waitMs: number,
  work: (trx: Kysely<DB>) => Promise<MutationOutcome<T, C>>,
): Promise<MutationOutcome<T, C | IdempotencyErrorCode>> {
  const { operation, key } = request;
  const hash = requestHash(request.input);
  const retentionMs =
    Math.max(DEFAULT_RETENTION_HOURS, request.retentionHours ?? DEFAULT_RETENTION_HOURS) * 3600_000;
  guardedCalls += 1;
  const purge = guardedCalls % PURGE_EVERY === 0;
  try {
    return await db.transaction().execute(async (trx) => {
      const keys = keysOf(trx);
      await sql`set local lock_timeout = ${sql.raw(String(Math.max(1, Math.round(waitMs))))}`.execute(
        keys,
      );
      const now = new Date();
      if (purge) await purgeExpiredIdempotencyKeys(keys, now);
      const expiresAt = new Date(now.getTime() + retentionMs);
      // A duplicate blocks here until the first commits or rolls back; an expired key is reclaimed.
      const claimed = await keys
        .insertInto('idempotency_key')
        .values({
          operation,
          key,
          request_hash: hash,
          response: null,
          created_at: now,
          expires_at: expiresAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['operation', 'key'])
            .doUpdateSet({
              request_hash: hash,
              response: null,
              created_at: now,
              expires_at: expiresAt,
            })
            .where('idempotency_key.expires_at', '<=', now),
        )
        .returning('key')
        .executeTakeFirst();
      if (claimed === undefined) {
        const stored = await keys
          .selectFrom('idempotency_key')
          .select(['request_hash', 'response'])
          .where('operation', '=', operation)
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        if (stored.request_hash !== hash) {
          return {
            ok: false,
            errors: [
              ruleBroken(
                'IDEMPOTENCY_KEY_REUSED',
                'idempotencyKey',
                `idempotency key "${key}" was already used with a different input`,
              ),
            ],
          };
        }
        if (stored.response === null) return inProgress(key);
        // Written by this function from a T, below.
        return { ok: true, value: stored.response as T };
      }
      const outcome = await work(trx);
      if (!outcome.ok) throw new Rejected(outcome);
      const json = JSON.stringify(outcome.value);
      await keys
        .updateTable('idempotency_key')
        .set({ response: json })
        .where('operation', '=', operation)
        .where('key', '=', key)
        .execute();
      return { ok: true, value: JSON.parse(json) as T };
    });
  } catch (error) {
    if (error instanceof Rejected) return error.outcome;
    if (isLockTimeout(error)) return inProgress(key);
    throw error;
  }
}

/** Deletes the keys whose retention has ended; returns how many went. */
export async function purgeExpiredIdempotencyKeys(
  db: Kysely<IdempotencyTables>,
  now: Date = new Date(),
): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_key')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
