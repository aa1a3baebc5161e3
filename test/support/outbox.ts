import type { Kysely } from 'kysely';
import {
  rowToEnvelope,
  type EventEnvelope,
  type EventHandler,
  type EventTables,
} from '@plantgraph/events';
import type { RootDatabase } from '@plantgraph/platform';

/** The events in a subgraph's outbox, oldest first (optionally of one type, after a sequence). */
export async function outboxEvents(
  root: Kysely<RootDatabase>,
  schema: string,
  filter: { readonly type?: string; readonly afterSeq?: number } = {},
): Promise<(EventEnvelope & { readonly seq: number })[]> {
  let query = root
    .withSchema(schema)
    .withTables<EventTables>()
    .selectFrom('outbox')
    .selectAll()
    .orderBy('seq');
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  if (filter.afterSeq !== undefined) query = query.where('seq', '>', filter.afterSeq);
  const rows = await query.execute();
  return rows.map((row) => ({ ...rowToEnvelope(row), seq: row.seq }));
}

/** The highest outbox sequence of a subgraph (0 when empty): read events written after it. */
export async function outboxMark(root: Kysely<RootDatabase>, schema: string): Promise<number> {
  const events = await outboxEvents(root, schema);
  return events.at(-1)?.seq ?? 0;
}

/** Applies each event through `handler` in its own transaction of `db`, as a consumer would. */
export async function handleEach<DB>(
  db: Kysely<DB>,
  handler: EventHandler<DB>,
  events: readonly EventEnvelope[],
): Promise<void> {
  for (const event of events) {
    if (!handler.types.includes(event.type)) continue;
    await db.transaction().execute((trx) => handler.handle(trx, event));
  }
}
