import { Decimal } from 'decimal.js';
import { ruleBroken, type MutationError } from '@plantgraph/platform';
import type { InspectionPlan, InspectionType, PlanStatus } from './inspection-plan.ts';

/** Why a plan revision could not be drafted, approved or made obsolete: one code per rule. */
export type PlanRevisionErrorCode =
  | 'ITEM_REVISION_INVALID'
  | 'CHARACTERISTIC_MISSING'
  | 'CHARACTERISTIC_INVALID'
  | 'CHARACTERISTIC_DUPLICATE'
  | 'SPEC_LIMITS_INVALID'
  | 'PLAN_NOT_FOUND'
  | 'PLAN_NOT_DRAFT'
  | 'PLAN_NOT_APPROVED'
  | 'REVISION_CONFLICT'
  | 'EFFECTIVE_DATE_INVALID';

type PlanError = MutationError<PlanRevisionErrorCode>;

/** A characteristic as a quality engineer specifies it for a new plan revision. */
export interface CharacteristicSpec {
  readonly code: string;
  readonly name: string;
  readonly uom: string;
  readonly lowerLimit: string | null;
  readonly upperLimit: string | null;
  readonly target: string | null;
}

/**
 * The item revision a plan is drafted for: both ids given, and the item revision not one quality
 * already plans under another item (quality holds no item master: ERP's release checks the rest).
 */
export function checkItemRevision(
  itemId: string,
  itemRevisionId: string,
  knownItemOfRevision: string | null,
): PlanError[] {
  const errors: PlanError[] = [];
  if (itemId.trim() === '') {
    errors.push(ruleBroken('ITEM_REVISION_INVALID', 'itemId', 'name the item the plan is for'));
  }
  if (itemRevisionId.trim() === '') {
    errors.push(
      ruleBroken('ITEM_REVISION_INVALID', 'itemRevisionId', 'name the item revision it is for'),
    );
  } else if (knownItemOfRevision !== null && knownItemOfRevision !== itemId) {
    errors.push(
      ruleBroken(
        'ITEM_REVISION_INVALID',
        'itemRevisionId',
        `item revision ${itemRevisionId} is a revision of item ${knownItemOfRevision}, not ${itemId}`,
      ),
    );
  }
  return errors;
}

/**
 * The characteristics of a new plan revision: at least one; each with a code (unique), a name and a
 * unit; each bounded by at least one limit (a characteristic without one could never fail), the
 * lower not above the upper, a target within them.
 */
export function checkCharacteristics(characteristics: readonly CharacteristicSpec[]): PlanError[] {
  if (characteristics.length === 0) {
    return [
      ruleBroken('CHARACTERISTIC_MISSING', 'characteristics', 'a plan measures at least one'),
    ];
  }
  const errors: PlanError[] = [];
  const seen = new Set<string>();
  characteristics.forEach((c, i) => {
    const at = `characteristics[${i}]`;
    for (const field of ['code', 'name', 'uom'] as const) {
      if (c[field].trim() === '') {
        errors.push(ruleBroken('CHARACTERISTIC_INVALID', `${at}.${field}`, `${field} is blank`));
      }
    }
    if (seen.has(c.code)) {
      errors.push(
        ruleBroken('CHARACTERISTIC_DUPLICATE', `${at}.code`, `${c.code} is specified twice`),
      );
    }
    seen.add(c.code);
    const lower = c.lowerLimit === null ? null : new Decimal(c.lowerLimit);
    const upper = c.upperLimit === null ? null : new Decimal(c.upperLimit);
    if (lower === null && upper === null) {
      errors.push(
        ruleBroken(
          'SPEC_LIMITS_INVALID',
          `${at}.upperLimit`,
          `${c.code} needs a lower or an upper limit (or both)`,
        ),
      );
    } else if (lower !== null && upper !== null && lower.gt(upper)) {
      errors.push(
        ruleBroken(
          'SPEC_LIMITS_INVALID',
          `${at}.lowerLimit`,
          `${c.code}: the lower limit ${c.lowerLimit} is above the upper limit ${c.upperLimit}`,
        ),
      );
    }
    if (c.target !== null) {
      const target = new Decimal(c.target);
      if ((lower !== null && target.lt(lower)) || (upper !== null && target.gt(upper))) {
        errors.push(
          ruleBroken(
            'SPEC_LIMITS_INVALID',
            `${at}.target`,
            `${c.code}: the target ${c.target} is outside the limits`,
          ),
        );
      }
    }
  });
  return errors;
}

/** The label of the next revision of a plan number: one above the highest numeric label. */
export function nextRevisionLabel(labels: readonly string[]): string {
  const numbers = labels.filter((l) => /^\d+$/.test(l)).map(Number);
  return String(Math.max(0, ...numbers) + 1);
}

/** Names the plan revision a change is asked for, for messages. */
function named(plan: Pick<InspectionPlan, 'number' | 'revision'>): string {
  return `plan ${plan.number} revision ${plan.revision}`;
}

/** The record is at the revision the caller last saw. */
function checkRecordRevision(plan: InspectionPlan, expected: number | null): PlanError[] {
  return expected !== null && expected !== plan.recordRevision
    ? [
        ruleBroken(
          'REVISION_CONFLICT',
          'expectedRevision',
          `${named(plan)} is at record revision ${plan.recordRevision}, not ${expected}`,
        ),
      ]
    : [];
}

function checkStatus(plan: InspectionPlan, wanted: PlanStatus, code: PlanRevisionErrorCode) {
  return plan.status === wanted
    ? []
    : [ruleBroken(code, 'revision', `${named(plan)} is ${plan.status}, not ${wanted}`)];
}

/**
 * Approval of a DRAFT: at the record revision the caller saw, taking effect now or later (an
 * approval never rewrites which spec judged what was made before it) and after every approved
 * revision of the same item revision and type took effect (revisions follow one another).
 */
export function checkApproval(
  plan: InspectionPlan,
  family: readonly InspectionPlan[],
  request: { readonly effectiveFrom: Date; readonly expectedRevision: number | null },
  now: Date,
): PlanError[] {
  const errors = [
    ...checkStatus(plan, 'DRAFT', 'PLAN_NOT_DRAFT'),
    ...checkRecordRevision(plan, request.expectedRevision),
  ];
  const from = request.effectiveFrom;
  if (from.getTime() < now.getTime()) {
    errors.push(
      ruleBroken(
        'EFFECTIVE_DATE_INVALID',
        'effectiveFrom',
        `${from.toISOString()} is in the past; an approval takes effect now (leave effectiveFrom out) or later`,
      ),
    );
    return errors;
  }
  const latest = latestApproved(family.filter((p) => p.id !== plan.id));
  if (latest !== null && from.getTime() <= latest.effectiveFrom.getTime()) {
    errors.push(
      ruleBroken(
        'EFFECTIVE_DATE_INVALID',
        'effectiveFrom',
        `${named(latest)} takes effect at ${latest.effectiveFrom.toISOString()}; a later revision takes effect after it`,
      ),
    );
  }
  return errors;
}

function latestApproved(plans: readonly InspectionPlan[]): InspectionPlan | null {
  let latest: InspectionPlan | null = null;
  for (const p of plans) {
    if (p.status !== 'APPROVED') continue;
    if (latest === null || p.effectiveFrom.getTime() > latest.effectiveFrom.getTime()) latest = p;
  }
  return latest;
}

/**
 * The approved revisions of the same item revision and type that a revision taking effect at
 * `from` ends: those still in effect then (their effectiveTo becomes `from`).
 */
export function supersededAt(
  plan: InspectionPlan,
  family: readonly InspectionPlan[],
  from: Date,
): InspectionPlan[] {
  return family.filter(
    (p) =>
      p.id !== plan.id &&
      p.status === 'APPROVED' &&
      (p.effectiveTo === null || p.effectiveTo.getTime() > from.getTime()),
  );
}

/**
 * Making an APPROVED revision obsolete: at the record revision the caller saw, from now or later
 * (never backdated) and after it took effect. Answers when its use ends: `until`, or the end it
 * already had when that comes first.
 */
export function checkObsolete(
  plan: InspectionPlan,
  request: { readonly effectiveTo: Date; readonly expectedRevision: number | null },
  now: Date,
): { readonly errors: PlanError[]; readonly effectiveTo: Date } {
  const errors = [
    ...checkStatus(plan, 'APPROVED', 'PLAN_NOT_APPROVED'),
    ...checkRecordRevision(plan, request.expectedRevision),
  ];
  const until = request.effectiveTo;
  if (plan.effectiveTo !== null && plan.effectiveTo.getTime() <= until.getTime()) {
    return { errors, effectiveTo: plan.effectiveTo };
  }
  if (until.getTime() < now.getTime()) {
    errors.push(
      ruleBroken(
        'EFFECTIVE_DATE_INVALID',
        'effectiveTo',
        `${until.toISOString()} is in the past; a plan is made obsolete from now (leave effectiveTo out) or later`,
      ),
    );
  } else if (until.getTime() <= plan.effectiveFrom.getTime()) {
    errors.push(
      ruleBroken(
        'EFFECTIVE_DATE_INVALID',
        'effectiveTo',
        `${named(plan)} takes effect at ${plan.effectiveFrom.toISOString()}; its use can only end after that`,
      ),
    );
  }
  return { errors, effectiveTo: until };
}

/** What a plan mutation changed about one plan revision. */
export type PlanChangeKind = 'DRAFTED' | 'APPROVED' | 'SUPERSEDED' | 'OBSOLETED';

/** The answer to a plan mutation (a repeat answers the same). */
export type InspectionPlanChangeAnswer = {
  readonly planId: string;
  readonly planNumber: string;
  readonly revision: string;
  readonly type: InspectionType;
  readonly status: PlanStatus;
  readonly recordRevision: number;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  /** Revisions whose use this approval ended (their effectiveTo set). */
  readonly supersededIds: readonly string[];
  readonly changedBy: string;
  readonly changedAt: string;
  readonly correlationId: string;
  readonly eventIds: readonly string[];
};
