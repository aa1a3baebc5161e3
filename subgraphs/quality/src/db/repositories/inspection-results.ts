import type { QualityDb } from '../quality-db.ts';
import type { InspectionResultRow } from '../tables/inspection-result.ts';

/**
 * A result row with the characteristic of its inspection's plan; the characteristic columns are
 * null when the plan does not define the result's code.
 */
export interface InspectionResultJoinedRow extends InspectionResultRow {
  readonly plan_id: string;
  readonly position: number | null;
  readonly name: string | null;
  readonly uom: string | null;
  readonly lower_limit: string | null;
  readonly upper_limit: string | null;
  readonly target: string | null;
}

/**
 * The results of the given inspections, each joined with its characteristic (by the inspection's
 * plan and the characteristic code), in characteristic position order.
 */
export function findResultsOfInspections(
  db: QualityDb,
  inspectionIds: readonly string[],
): Promise<InspectionResultJoinedRow[]> {
  return db
    .selectFrom('inspection_result as r')
    .innerJoin('inspection as i', 'i.id', 'r.inspection_id')
    .leftJoin('plan_characteristic as c', (join) =>
      join.onRef('c.plan_id', '=', 'i.plan_id').onRef('c.code', '=', 'r.characteristic_code'),
    )
    .select([
      'r.inspection_id',
      'r.characteristic_code',
      'r.measured',
      'r.verdict',
      'i.plan_id',
      'c.position',
      'c.name',
      'c.uom',
      'c.lower_limit',
      'c.upper_limit',
      'c.target',
    ])
    .where('r.inspection_id', 'in', inspectionIds)
    .orderBy('r.inspection_id')
    .orderBy('c.position')
    .orderBy('r.characteristic_code')
    .execute();
}
