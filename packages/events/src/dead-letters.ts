import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { applyEvent, type ApplyOutcome } from './consumer-runner.ts';
import { parseEnvelope } from './envelope-parse.ts';
import { errorText } from './error-text.ts';
import type { DeadLetterRow, EventTables } from './event-tables.ts';
import { toEventView, type EventView } from './event-view.ts';
import type { EventHandler } from './handler.ts';

/** A dead letter as operators see it (GraphQL `DeadLetter`). */
export interface DeadLetter {
  readonly id: string;
  /** The subgraph whose consumer gave up (each owns its dead letters). */
  readonly subgraph: string;
  readonly consumer: string;
  readonly event: EventView;
  readonly error: string;
  readonly attempts: number;
  readonly firstFailedAt: Date;
  readonly lastFailedAt: Date;
  /** When a replay settled it; null while it is open. */
  readonly replayedAt: Date | null;
}

/** Which dead letters to list or replay; every criterion is optional. */
export interface DeadLetterFilter {
  readonly consumer?: string | null;
  readonly type?: string | null;
  /** Last failure at or after. */
  readonly since?: Date | null;
  /** Last failure before. */
  readonly until?: Date | null;
  /** Include dead letters a replay settled already (default: open ones only). */
  readonly includeReplayed?: boolean | null;
}

/** A page request: `after` is the sort key of the last dead letter seen (`deadLetterSortKey`). */
export interface DeadLetterPage {
  readonly limit: number;
  readonly after: string | null;
}

/** What a replay came to (GraphQL `ReplayOutcome`). */
export type ReplayOutcome =
  'APPLIED' | 'DUPLICATE' | 'STALE' | 'FAILED' | 'NOT_FOUND' | 'NO_HANDLER';

/** The result of replaying one dead letter (GraphQL `DeadLetterReplay`). */
export interface DeadLetterReplay {
  readonly deadLetterId: string;
  readonly outcome: ReplayOutcome;
  /** Why it failed (again), for FAILED and NO_HANDLER. */
  readonly error: string | null;
  /** The dead letter after the replay; null when there is none with that id. */
  readonly deadLetter: DeadLetter | null;
}

/** The operator view of a dead-letter row. */
export function rowToDeadLetter(row: DeadLetterRow, subgraph: string): DeadLetter {
  return {
    id: row.id,
    subgraph,
    consumer: row.consumer,
    event: toEventView(parseEnvelope(row.envelope)),
    error: row.error,
    attempts: row.attempts,
    firstFailedAt: row.first_failed_at,
    lastFailedAt: row.last_failed_at,
    replayedAt: row.replayed_at,
  };
}

/** The sort key a page of dead letters continues from: newest failure first. */
export function deadLetterSortKey(deadLetter: DeadLetter): string {
  return `${deadLetter.lastFailedAt.toISOString()}|${deadLetter.id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseSortKey(key: string): { at: Date; id: string } | null {
  const [iso, id, ...rest] = key.split('|');
  if (iso === undefined || id === undefined || rest.length > 0 || !UUID.test(id)) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : { at, id };
}

/** True when `key` is a sort key `deadLetterSortKey` could have made. */
export function isDeadLetterSortKey(key: string): boolean {
  return parseSortKey(key) !== null;
}

/** True when `id` can be a dead-letter id (a UUID). */
export function isDeadLetterId(id: string): boolean {
  return UUID.test(id);
}

function filtered(db: Kysely<EventTables>, filter: DeadLetterFilter) {
  let query = db.selectFrom('dead_letter').selectAll();
  if (filter.consumer) query = query.where('consumer', '=', filter.consumer);
  if (filter.type) query = query.where('event_type', '=', filter.type);
  if (filter.since) query = query.where('last_failed_at', '>=', filter.since);
  if (filter.until) query = query.where('last_failed_at', '<', filter.until);
  if (filter.includeReplayed !== true) query = query.where('replayed_at', 'is', null);
  return query;
}

/** Dead letters matching `filter`, newest failure first: `limit + 1` rows tell if more follow. */
export async function findDeadLetters(
  db: Kysely<EventTables>,
  filter: DeadLetterFilter,
  page: DeadLetterPage,
): Promise<DeadLetterRow[]> {
  let query = filtered(db, filter);
  const after = page.after === null ? null : parseSortKey(page.after);
  if (page.after !== null && after === null) throw new RangeError('not a dead-letter sort key');
  if (after !== null) {
    query = query.where((eb) =>
      eb(eb.refTuple('last_failed_at', 'id'), '<', eb.tuple(after.at, after.id)),
    );
  }
  return query
    .orderBy('last_failed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** One dead letter by id. */
export async function findDeadLetter(
  db: Kysely<EventTables>,
  id: string,
): Promise<DeadLetterRow | undefined> {
  if (!isDeadLetterId(id)) return undefined;
  return db.selectFrom('dead_letter').selectAll().where('id', '=', id).executeTakeFirst();
}

const REPLAY_OUTCOMES: Record<ApplyOutcome, ReplayOutcome> = {
  applied: 'APPLIED',
  duplicate: 'DUPLICATE',
  stale: 'STALE',
};

/** What a replay needs: the schema, its consumers (the subgraph's handlers) and a log. */
export interface ReplayContext {
  readonly db: Kysely<EventTables>;
  readonly subgraph: string;
  readonly handlers: readonly EventHandler<EventTables>[];
  readonly log: Logger;
}

/**
 * Runs the consumer of one dead letter again, through the same path as a delivery: recorded as
 * processed (a replay of an event applied meanwhile is a DUPLICATE and does nothing), checked
 * against the aggregate version, handled, and the dead letter stamped `replayed_at`, all in one
 * transaction. A replay that fails again updates the dead letter (error, attempts, last failure).
 */
export async function replayDeadLetter(
  context: ReplayContext,
  id: string,
): Promise<DeadLetterReplay> {
  const { db, subgraph } = context;
  const row = await findDeadLetter(db, id);
  if (row === undefined)
    return { deadLetterId: id, outcome: 'NOT_FOUND', error: null, deadLetter: null };
  const reread = async () => {
    const after = await findDeadLetter(db, id);
    return after === undefined ? null : rowToDeadLetter(after, subgraph);
  };
  const handler = context.handlers.find((candidate) => candidate.consumer === row.consumer);
  if (handler === undefined) {
    return {
      deadLetterId: id,
      outcome: 'NO_HANDLER',
      error: `no consumer named ${row.consumer} runs in ${subgraph}`,
      deadLetter: rowToDeadLetter(row, subgraph),
    };
  }
  const log = context.log.child({
    consumer: row.consumer,
    correlationId: row.correlation_id,
    eventId: row.event_id,
    deadLetter: id,
  });
  try {
    const event = parseEnvelope(row.envelope);
    const outcome = await applyEvent(db, handler, event, {
      log,
      onSettled: async (trx) => {
        await trx
          .updateTable('dead_letter')
          .set({ replayed_at: sql<Date>`coalesce(replayed_at, now())` })
          .where('id', '=', id)
          .execute();
      },
    });
    log.info({ outcome }, 'dead letter replayed');
    return {
      deadLetterId: id,
      outcome: REPLAY_OUTCOMES[outcome],
      error: null,
      deadLetter: await reread(),
    };
  } catch (error) {
    await db
      .updateTable('dead_letter')
      .set((eb) => ({
        error: errorText(error),
        attempts: eb('attempts', '+', 1),
        last_failed_at: new Date(),
      }))
      .where('id', '=', id)
      .execute();
    log.warn({ err: error }, 'dead letter replay failed again');
    return {
      deadLetterId: id,
      outcome: 'FAILED',
      error: errorText(error),
      deadLetter: await reread(),
    };
  }
}

/** The open dead letters matching `filter` in the order a replay takes them (first failure first). */
export async function deadLettersToReplay(
  db: Kysely<EventTables>,
  filter: DeadLetterFilter,
  limit: number,
): Promise<DeadLetterRow[]> {
  return filtered(db, { ...filter, includeReplayed: false })
    .orderBy('first_failed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Replays the open dead letters matching `filter`, oldest first failure first (the order the
 * events most likely happened in), at most `limit` of them, one after the other.
 */
export async function replayDeadLetters(
  context: ReplayContext,
  filter: DeadLetterFilter,
  limit: number,
): Promise<DeadLetterReplay[]> {
  const rows = await deadLettersToReplay(context.db, filter, limit);
  const results: DeadLetterReplay[] = [];
  for (const row of rows) results.push(await replayDeadLetter(context, row.id));
  return results;
}
