import type { QualityDb } from '../quality-db.ts';
import type { InspectionPointRow, NewInspectionPointRow } from '../tables/inspection-point.ts';

/** Records the inspections a released order's routing calls for, once. */
export async function saveInspectionPoints(
  db: QualityDb,
  rows: readonly NewInspectionPointRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('inspection_point')
    .values(rows)
    .onConflict((oc) => oc.columns(['order_id', 'sequence']).doNothing())
    .execute();
}

/** The final inspection an order's routing calls for, if any. */
export function findFinalInspectionPoint(
  db: QualityDb,
  orderId: string,
): Promise<InspectionPointRow | undefined> {
  return db
    .selectFrom('inspection_point')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('type', '=', 'FINAL')
    .executeTakeFirst();
}

/** The inspection an order's routing calls for at `sequence`, if any. */
export function findInspectionPoint(
  db: QualityDb,
  orderId: string,
  sequence: number,
): Promise<InspectionPointRow | undefined> {
  return db
    .selectFrom('inspection_point')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('sequence', '=', sequence)
    .executeTakeFirst();
}
