import type { QualityDb } from '../quality-db.ts';
import type { InspectionPlanRow } from '../tables/inspection-plan.ts';
import type { PlanCharacteristicRow } from '../tables/plan-characteristic.ts';

export function findPlansByIds(
  db: QualityDb,
  ids: readonly string[],
): Promise<InspectionPlanRow[]> {
  return db.selectFrom('inspection_plan').selectAll().where('id', 'in', ids).execute();
}

/** Every plan of the given items, ordered by plan number, then oldest first. */
export function findPlansOfItems(
  db: QualityDb,
  itemIds: readonly string[],
): Promise<InspectionPlanRow[]> {
  return db
    .selectFrom('inspection_plan')
    .selectAll()
    .where('item_id', 'in', itemIds)
    .orderBy('number')
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
}

/** Every revision of a plan number, oldest first. */
export function findPlansByNumber(db: QualityDb, number: string): Promise<InspectionPlanRow[]> {
  return db
    .selectFrom('inspection_plan')
    .selectAll()
    .where('number', '=', number)
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
}

/** The characteristics of the given plans, in position order. */
export function findCharacteristicsOfPlans(
  db: QualityDb,
  planIds: readonly string[],
): Promise<PlanCharacteristicRow[]> {
  return db
    .selectFrom('plan_characteristic')
    .selectAll()
    .where('plan_id', 'in', planIds)
    .orderBy('plan_id')
    .orderBy('position')
    .orderBy('code')
    .execute();
}
