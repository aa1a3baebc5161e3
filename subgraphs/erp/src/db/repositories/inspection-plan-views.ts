import type { ErpDb } from '../erp-db.ts';
import type {
  InspectionPlanViewRow,
  NewInspectionPlanViewRow,
} from '../tables/inspection-plan-view.ts';

/** The inspection plans quality published for the given item revisions. */
export function findPlanViewsOfRevisions(
  db: ErpDb,
  itemRevisionIds: readonly string[],
): Promise<InspectionPlanViewRow[]> {
  return db
    .selectFrom('inspection_plan_view')
    .selectAll()
    .where('item_revision_id', 'in', itemRevisionIds)
    .orderBy('effective_from')
    .execute();
}

/** Writes a plan as quality published it, replacing what erp held for it. */
export async function upsertPlanView(db: ErpDb, row: NewInspectionPlanViewRow): Promise<void> {
  await db
    .insertInto('inspection_plan_view')
    .values(row)
    .onConflict((oc) =>
      oc.column('plan_id').doUpdateSet({
        number: row.number,
        item_id: row.item_id,
        item_revision_id: row.item_revision_id,
        type: row.type,
        revision: row.revision,
        status: row.status,
        effective_from: row.effective_from,
        effective_to: row.effective_to ?? null,
      }),
    )
    .execute();
}
