import { ruleBroken, type MutationError } from '@plantgraph/platform';
import type { QualityDb } from '../db/quality-db.ts';
import {
  findPlanRevision,
  lockPlanRevision,
  lockPlansOfItem,
  planNumberExists,
} from '../db/repositories/plan-writes.ts';
import type { InspectionPlanRow } from '../db/tables/inspection-plan.ts';

/**
 * The plan revision a mutation names, locked after the lock on its item's plans of that type (the
 * order every plan mutation takes its locks in); PLAN_NOT_FOUND on the number when no plan carries
 * it, else on the revision label.
 */
export async function lockNamedPlan(
  db: QualityDb,
  planNumber: string,
  revision: string,
): Promise<InspectionPlanRow | MutationError<'PLAN_NOT_FOUND'>> {
  const found = await findPlanRevision(db, planNumber, revision);
  if (found === undefined) {
    return (await planNumberExists(db, planNumber))
      ? ruleBroken('PLAN_NOT_FOUND', 'revision', `plan ${planNumber} has no revision ${revision}`)
      : ruleBroken('PLAN_NOT_FOUND', 'planNumber', `no plan ${planNumber}`);
  }
  await lockPlansOfItem(db, found.item_id, found.type);
  const row = await lockPlanRevision(db, planNumber, revision);
  if (row === undefined) throw new Error(`plan ${planNumber} revision ${revision} vanished`);
  return row;
}
