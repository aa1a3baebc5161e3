import { Decimal } from 'decimal.js';
import { ruleBroken, type MutationError } from '@plantgraph/platform';
import type { Characteristic, InspectionPlan } from './inspection-plan.ts';
import { planInEffect } from './inspection-plan.ts';
import type { Inspection } from './inspection.ts';
import type { Verdict } from './inspection-result.ts';

/** Why inspection results were refused: one code per rule. */
export type InspectionResultsErrorCode =
  | 'INSPECTION_NOT_FOUND'
  | 'INSPECTION_ALREADY_RECORDED'
  | 'REVISION_CONFLICT'
  | 'PLAN_NOT_IN_EFFECT'
  | 'CHARACTERISTIC_UNKNOWN'
  | 'CHARACTERISTIC_DUPLICATE'
  | 'CHARACTERISTIC_MISSING';

type ResultsError = MutationError<InspectionResultsErrorCode>;

/** One measured value as the inspector reports it. */
export interface MeasuredValue {
  readonly characteristicCode: string;
  readonly measured: string;
}

/** A measured value judged against its characteristic's limits. */
export type JudgedResult = {
  readonly characteristicCode: string;
  readonly measured: string;
  readonly verdict: Verdict;
  readonly lowerLimit: string | null;
  readonly upperLimit: string | null;
  readonly uom: string;
};

/** The inspection can take results: it is open and at the revision the caller saw. */
export function checkInspectionOpen(
  inspection: Inspection,
  expectedRevision: number | null,
): ResultsError[] {
  const errors: ResultsError[] = [];
  if (inspection.status === 'PASSED' || inspection.status === 'FAILED') {
    errors.push(
      ruleBroken(
        'INSPECTION_ALREADY_RECORDED',
        'inspectionNumber',
        `inspection ${inspection.number} is already ${inspection.status}`,
      ),
    );
  }
  if (expectedRevision !== null && expectedRevision !== inspection.revision) {
    errors.push(
      ruleBroken(
        'REVISION_CONFLICT',
        'expectedRevision',
        `inspection ${inspection.number} is at revision ${inspection.revision}, not ${expectedRevision}`,
      ),
    );
  }
  return errors;
}

/**
 * The revision of the inspection's plan in effect at the inspection date: among the plan's
 * revisions for the same item revision (a spec tightened since the inspection was opened applies
 * from its date on). PLAN_NOT_IN_EFFECT when none is.
 */
export function planForInspection(
  current: InspectionPlan,
  plans: readonly InspectionPlan[],
  inspectedAt: Date,
): InspectionPlan | ResultsError {
  const family = plans.filter(
    (p) => p.number === current.number && p.itemRevisionId === current.itemRevisionId,
  );
  return (
    planInEffect(family, current.type, inspectedAt) ??
    ruleBroken(
      'PLAN_NOT_IN_EFFECT',
      'inspectedAt',
      `no approved revision of plan ${current.number} is in effect at ${inspectedAt.toISOString()}`,
    )
  );
}

/** A measured value is within the limits it has (a missing limit does not bound). */
export function verdictOf(measured: string, c: Characteristic): Verdict {
  const value = new Decimal(measured);
  if (c.lowerLimit !== null && value.lt(c.lowerLimit)) return 'FAIL';
  if (c.upperLimit !== null && value.gt(c.upperLimit)) return 'FAIL';
  return 'PASS';
}

/**
 * Judges every characteristic of the plan: each result must name one of the plan's
 * characteristics, once, and every characteristic needs a result.
 */
export function judgeResults(
  characteristics: readonly Characteristic[],
  results: readonly MeasuredValue[],
): { readonly errors: ResultsError[]; readonly judged: JudgedResult[] } {
  const errors: ResultsError[] = [];
  const byCode = new Map(characteristics.map((c) => [c.code, c]));
  const seen = new Set<string>();
  const judged: JudgedResult[] = [];
  results.forEach((result, i) => {
    const field = `results[${i}].characteristicCode`;
    const c = byCode.get(result.characteristicCode);
    if (c === undefined) {
      errors.push(
        ruleBroken(
          'CHARACTERISTIC_UNKNOWN',
          field,
          `${result.characteristicCode} is not a characteristic of the plan (${[...byCode.keys()].join(', ')})`,
        ),
      );
      return;
    }
    if (seen.has(c.code)) {
      errors.push(ruleBroken('CHARACTERISTIC_DUPLICATE', field, `${c.code} is measured twice`));
      return;
    }
    seen.add(c.code);
    judged.push({
      characteristicCode: c.code,
      measured: result.measured,
      verdict: verdictOf(result.measured, c),
      lowerLimit: c.lowerLimit,
      upperLimit: c.upperLimit,
      uom: c.uom,
    });
  });
  const missing = characteristics.filter((c) => !seen.has(c.code)).map((c) => c.code);
  if (missing.length > 0) {
    errors.push(
      ruleBroken(
        'CHARACTERISTIC_MISSING',
        'results',
        `the plan also measures ${missing.join(', ')}; every characteristic needs a result`,
      ),
    );
  }
  return { errors, judged };
}

/** A passed inspection of these types accepts the lot: it leaves QUARANTINE for RELEASED. */
export const ACCEPTANCE_TYPES: readonly Inspection['type'][] = ['FINAL', 'RECEIVING'];

/** The answer to recorded results (a repeat answers the same). */
export type InspectionOutcomeAnswer = {
  readonly inspectionId: string;
  readonly inspectionNumber: string;
  readonly status: 'PASSED' | 'FAILED';
  readonly revision: number;
  readonly planId: string;
  readonly planNumber: string;
  readonly planRevision: string;
  readonly inspectedAt: string;
  readonly results: readonly JudgedResult[];
  /** Null for an in-process inspection of an order that has not produced a lot yet. */
  readonly lotId: string | null;
  readonly lotQualityStatus: 'RELEASED' | 'QUARANTINE' | 'ON_HOLD' | 'REJECTED' | null;
  readonly nonconformanceId: string | null;
  readonly correlationId: string;
  readonly eventIds: readonly string[];
};
