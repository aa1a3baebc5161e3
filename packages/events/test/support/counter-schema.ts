import { randomBytes } from 'node:crypto';
import { sql, type Generated, type Kysely } from 'kysely';
import { migrateToLatest, type RootDatabase } from '@plantgraph/platform';
import {
  addConsumptionTrail,
  appendToOutbox,
  createEventTables,
  type EventEnvelope,
  type EventHandler,
  type EventTables,
} from '../../src/index.ts';

/**
 * A small test aggregate: `counter_source` is the producer's state (each change bumps its version
 * and writes a `counter.set` event to the outbox in the same transaction); the consumer keeps a
 * read model in `counter` and logs every application in `effect`, so a double application shows.
 */
export type CounterDatabase = EventTables & {
  counter_source: CounterTable;
  counter: CounterTable;
  effect: EffectTable;
};

/** A counter's value and version (the producer's aggregate, or the consumer's read model). */
export interface CounterTable {
  id: string;
  value: number;
  version: number;
}

/** One application of an event by the consumer. */
export interface EffectTable {
  seq: Generated<number>;
  consumer: string;
  event_id: string;
  version: number;
}

export const COUNTER_SET = 'counter.set';
export const COUNTER_CONSUMER = 'test.counter-read-model';
export const SOURCE = 'plantgraph/test';

/** Creates a fresh schema with the event tables and the counter tables; returns its name. */
export async function createCounterSchema(
  root: Kysely<RootDatabase>,
  schema = `evt_${randomBytes(4).toString('hex')}`,
): Promise<string> {
  await migrateToLatest(root, schema, {
    '0001-event-tables': { up: createEventTables },
    '0002-consumption-trail': { up: addConsumptionTrail },
    '0003-counter': {
      up: async (db) => {
        for (const table of ['counter_source', 'counter']) {
          await db.schema
            .createTable(table)
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('value', 'integer', (c) => c.notNull())
            .addColumn('version', 'integer', (c) => c.notNull())
            .execute();
        }
        await db.schema
          .createTable('effect')
          .addColumn('seq', 'bigserial', (c) => c.primaryKey())
          .addColumn('consumer', 'text', (c) => c.notNull())
          .addColumn('event_id', 'uuid', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .execute();
      },
    },
  });
  return schema;
}

/** The schema as the counter tables see it. */
export function counterDb(root: Kysely<RootDatabase>, schema: string): Kysely<CounterDatabase> {
  return root.withSchema(schema).withTables<CounterDatabase>();
}

/**
 * The "mutation": sets a counter and writes its event in the same transaction. Returns the
 * event as it will be published.
 */
export async function setCounter(
  db: Kysely<CounterDatabase>,
  id: string,
  value: number,
  correlationId = `corr-${id}`,
): Promise<EventEnvelope> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('counter_source')
      .select('version')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    const version = (current?.version ?? 0) + 1;
    await trx
      .insertInto('counter_source')
      .values({ id, value, version })
      .onConflict((oc) => oc.column('id').doUpdateSet({ value, version }))
      .execute();
    const [event] = await appendToOutbox(trx, SOURCE, [
      {
        type: COUNTER_SET,
        subject: id,
        aggregateType: 'counter',
        aggregateId: id,
        aggregateVersion: version,
        plant: 'HH01',
        data: { value },
        correlationId,
        causationId: null,
      },
    ]);
    if (event === undefined) throw new Error('appendToOutbox returned no event');
    return event;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueOf(event: EventEnvelope): number {
  const data: unknown = event.data;
  if (isRecord(data) && typeof data.value === 'number') return data.value;
  throw new Error(`counter.set ${event.id} carries no value`);
}

/** Controls for the test handler: events in `failing` throw until removed. */
export interface CounterHandlerControls {
  readonly failing: Set<string>;
  /** Every delivery the handler saw (after dedup and stale checks), by event id. */
  readonly handled: string[];
}

/** The consumer under test: keeps `counter` at the value of the newest version applied. */
export function counterHandler(
  controls: CounterHandlerControls = { failing: new Set(), handled: [] },
): EventHandler<CounterDatabase> {
  return {
    consumer: COUNTER_CONSUMER,
    types: [COUNTER_SET],
    async handle(trx, event) {
      controls.handled.push(event.id);
      if (controls.failing.has(event.id)) throw new Error(`cannot apply ${event.id} yet`);
      const value = valueOf(event);
      await trx
        .insertInto('effect')
        .values({ consumer: COUNTER_CONSUMER, event_id: event.id, version: event.aggregateversion })
        .execute();
      await trx
        .insertInto('counter')
        .values({ id: event.aggregateid, value, version: event.aggregateversion })
        .onConflict((oc) => oc.column('id').doUpdateSet({ value, version: event.aggregateversion }))
        .execute();
    },
  };
}

/** Effects per event id (a double application shows as 2). */
export async function effectsByEvent(db: Kysely<CounterDatabase>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('effect')
    .select(['event_id', sql<number>`count(*)::int`.as('count')])
    .groupBy('event_id')
    .execute();
  return new Map(rows.map((row) => [row.event_id, row.count]));
}

/** Drops the schema. */
export async function dropCounterSchema(root: Kysely<RootDatabase>, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(root);
}
