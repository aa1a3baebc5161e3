import { sql } from 'kysely';
import { QUALITY_SCHEMA } from '../database.ts';
import type { QualityDb } from '../quality-db.ts';
import type { InspectionRow, NewInspectionRow } from '../tables/inspection.ts';
import type { NewInspectionResultRow } from '../tables/inspection-result.ts';

/** The inspection with this number, locked until the transaction ends. */
export function lockInspectionByNumber(
  db: QualityDb,
  number: string,
): Promise<InspectionRow | undefined> {
  return db
    .selectFrom('inspection')
    .selectAll()
    .where('number', '=', number)
    .forUpdate()
    .executeTakeFirst();
}

/** Records an inspection's verdict; its revision goes up by one. */
export function recordInspectionVerdict(
  db: QualityDb,
  inspection: Pick<InspectionRow, 'id' | 'revision'>,
  verdict: {
    readonly status: 'PASSED' | 'FAILED';
    readonly planId: string;
    readonly inspectedAt: Date;
    readonly inspector: string;
  },
): Promise<InspectionRow> {
  return db
    .updateTable('inspection')
    .set({
      status: verdict.status,
      plan_id: verdict.planId,
      inspected_at: verdict.inspectedAt,
      inspector: verdict.inspector,
      revision: inspection.revision + 1,
      updated_at: new Date(),
    })
    .where('id', '=', inspection.id)
    .where('revision', '=', inspection.revision)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertResults(
  db: QualityDb,
  rows: readonly NewInspectionResultRow[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('inspection_result').values(rows).execute();
}

/** The next number for an inspection quality opens. */
export async function nextInspectionNumber(db: QualityDb): Promise<string> {
  // Raw SQL is not scoped by withSchema: the sequence is named with its schema.
  const { rows } = await sql<{
    n: string;
  }>`select nextval(${sql.lit(`${QUALITY_SCHEMA}.inspection_number_seq`)}::regclass)::text as n`.execute(
    db,
  );
  return `INS-${rows[0]?.n ?? ''}`;
}

/** Opens an inspection unless one with this id exists; answers whether it was opened. */
export async function openInspection(db: QualityDb, row: NewInspectionRow): Promise<boolean> {
  const opened = await db
    .insertInto('inspection')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return opened !== undefined;
}

/** The lot's FINAL inspections still waiting for results. */
export function findOpenFinalInspections(db: QualityDb, lotId: string): Promise<InspectionRow[]> {
  return db
    .selectFrom('inspection')
    .selectAll()
    .where('lot_id', '=', lotId)
    .where('type', '=', 'FINAL')
    .where('status', 'in', ['PLANNED', 'IN_PROGRESS'])
    .execute();
}

/** The operation's IN_PROCESS inspections still waiting for results. */
export function findOpenInProcessInspections(
  db: QualityDb,
  operationId: string,
): Promise<InspectionRow[]> {
  return db
    .selectFrom('inspection')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('type', '=', 'IN_PROCESS')
    .where('status', 'in', ['PLANNED', 'IN_PROGRESS'])
    .execute();
}

/**
 * Links the order's inspections that wait for results without a lot to the lot it now produces;
 * each one's revision goes up by one. Answers the inspections linked.
 */
export function linkOpenInspectionsToLot(
  db: QualityDb,
  orderId: string,
  lotId: string,
): Promise<InspectionRow[]> {
  return db
    .updateTable('inspection')
    .set((eb) => ({
      lot_id: lotId,
      revision: eb('revision', '+', 1),
      updated_at: new Date(),
    }))
    .where('order_id', '=', orderId)
    .where('lot_id', 'is', null)
    .where('status', 'in', ['PLANNED', 'IN_PROGRESS'])
    .returningAll()
    .execute();
}
