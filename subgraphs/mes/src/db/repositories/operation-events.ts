import type { MesDb } from '../mes-db.ts';
import type { NewOperationEventRow, OperationEventRow } from '../tables/operation-event.ts';

/** The report the MES numbered `eventSequence` for an operation, if it was applied. */
export function findOperationEvent(
  db: MesDb,
  operationId: string,
  eventSequence: number,
): Promise<OperationEventRow | undefined> {
  return db
    .selectFrom('operation_event')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('event_sequence', '=', eventSequence)
    .executeTakeFirst();
}

/** The highest event sequence applied to an operation; null before its first report. */
export async function lastEventSequence(db: MesDb, operationId: string): Promise<number | null> {
  const row = await db
    .selectFrom('operation_event')
    .select((eb) => eb.fn.max('event_sequence').as('last'))
    .where('operation_id', '=', operationId)
    .executeTakeFirst();
  return row?.last ?? null;
}

export async function insertOperationEvent(db: MesDb, row: NewOperationEventRow): Promise<void> {
  await db.insertInto('operation_event').values(row).execute();
}
