import { sql, type Kysely } from 'kysely';
import type { EventEnvelope } from './envelope.ts';
import type { OutboxRow } from './event-tables.ts';
import { BACKGROUND_SQL_MARK } from './leader-lock.ts';
import { rowToEnvelope } from './outbox.ts';

/**
 * Events of `types` that some subgraph of this database published and the consumer `consumer`
 * (recording in `schema`) has not settled: neither applied, skipped as stale, nor sent to dead
 * letters. Every outbox in the database is read, oldest first. The in-process bus keeps nothing
 * across restarts; these are what it delivers first when the consumer starts again, so an event
 * published just before the process stopped is not lost (its duplicates are skipped as usual).
 */
export async function unsettledEvents(
  root: Kysely<object>,
  schema: string,
  consumer: string,
  types: readonly string[],
): Promise<EventEnvelope[]> {
  if (types.length === 0) return [];
  const outboxes = await sql<{ schema: string }>`
    select table_schema as schema from information_schema.tables
    where table_name = 'outbox' and table_type = 'BASE TABLE'
    order by table_schema ${sql.raw(BACKGROUND_SQL_MARK)}`.execute(root);
  const processed = sql.table(`${schema}.processed_event`);
  const deadLetters = sql.table(`${schema}.dead_letter`);
  const found: EventEnvelope[] = [];
  for (const { schema: source } of outboxes.rows) {
    const { rows } = await sql<OutboxRow>`
      select o.* from ${sql.table(`${source}.outbox`)} o
      where o.published_at is not null
        and o.type in (${sql.join(types)})
        and not exists (select 1 from ${processed} p where p.consumer = ${consumer} and p.event_id = o.id)
        and not exists (select 1 from ${deadLetters} d where d.consumer = ${consumer} and d.event_id = o.id)
      order by o.seq ${sql.raw(BACKGROUND_SQL_MARK)}`.execute(root);
    found.push(...rows.map(rowToEnvelope));
  }
  return found.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}
