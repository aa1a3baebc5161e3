import type { InspectionResultJoinedRow } from '../db/repositories/inspection-results.ts';
import type { InspectionResultRow } from '../db/tables/inspection-result.ts';
import type { Characteristic } from './inspection-plan.ts';

export type Verdict = InspectionResultRow['verdict'];

/** A measured value of one characteristic, with the characteristic it was judged against. */
export interface InspectionResult {
  readonly inspectionId: string;
  readonly characteristic: Characteristic;
  readonly measured: string;
  readonly verdict: Verdict;
}

/** Thrown when a result names a characteristic its inspection's plan does not define. */
export class UnknownCharacteristicError extends Error {
  override name = 'UnknownCharacteristicError';
}

export function rowToInspectionResult(row: InspectionResultJoinedRow): InspectionResult {
  // No foreign key can tie a result to its inspection's plan, so a stray code is reported, not hidden.
  if (row.position === null || row.name === null || row.uom === null) {
    throw new UnknownCharacteristicError(
      `result ${row.characteristic_code} of inspection ${row.inspection_id} is not a characteristic of plan ${row.plan_id}`,
    );
  }
  return {
    inspectionId: row.inspection_id,
    characteristic: {
      planId: row.plan_id,
      code: row.characteristic_code,
      position: row.position,
      name: row.name,
      uom: row.uom,
      lowerLimit: row.lower_limit,
      upperLimit: row.upper_limit,
      target: row.target,
    },
    measured: row.measured,
    verdict: row.verdict,
  };
}
