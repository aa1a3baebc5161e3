import type {
  InspectionOutcomeResolvers,
  InspectionPlanChangeResolvers,
  LotDecisionResolvers,
  MutationResolvers,
  NonconformanceDecisionResolvers,
} from '../__generated__/resolvers-types.ts';
import type { MutationOutcome } from '@plantgraph/platform';
import { refOf } from '../domain/entity-ref.ts';
import type { InspectionPlanChangeAnswer } from '../domain/plan-revision.ts';
import { dispositionLot } from '../mutations/disposition-lot.ts';
import { approveInspectionPlan } from '../mutations/approve-inspection-plan.ts';
import { createInspectionPlanRevision } from '../mutations/create-inspection-plan-revision.ts';
import { dispositionNonconformance } from '../mutations/disposition-nonconformance.ts';
import { obsoleteInspectionPlan } from '../mutations/obsolete-inspection-plan.ts';
import { recordInspectionResults } from '../mutations/record-inspection-results.ts';

/** The payload of a plan mutation: its change, or the rules it broke. */
function changePayload<C extends string>(outcome: MutationOutcome<InspectionPlanChangeAnswer, C>) {
  return outcome.ok
    ? { change: outcome.value, errors: [] }
    : { change: null, errors: [...outcome.errors] };
}

export const Mutation: MutationResolvers = {
  recordInspectionResults: async (_parent, { input }, { db, correlationId }) => {
    const outcome = await recordInspectionResults(
      { db, correlationId },
      {
        idempotencyKey: input.idempotencyKey,
        inspectionNumber: input.inspectionNumber,
        inspectedAt: input.inspectedAt,
        actor: input.actor,
        results: input.results.map((r) => ({
          characteristicCode: r.characteristicCode,
          measured: r.measured,
        })),
        expectedRevision: input.expectedRevision ?? null,
        nonconformance: input.nonconformance
          ? {
              severity: input.nonconformance.severity,
              description: input.nonconformance.description ?? null,
            }
          : null,
      },
    );
    return outcome.ok
      ? { outcome: outcome.value, errors: [] }
      : { outcome: null, errors: [...outcome.errors] };
  },
  dispositionLot: async (_parent, { input }, { db, correlationId }) => {
    const outcome = await dispositionLot(
      { db, correlationId },
      { ...input, expectedRevision: input.expectedRevision ?? null },
    );
    return outcome.ok
      ? { decision: outcome.value, errors: [] }
      : { decision: null, errors: [...outcome.errors] };
  },
  dispositionNonconformance: async (_parent, { input }, { db, correlationId }) => {
    const outcome = await dispositionNonconformance(
      { db, correlationId },
      { ...input, expectedRevision: input.expectedRevision ?? null },
    );
    return outcome.ok
      ? { decision: outcome.value, errors: [] }
      : { decision: null, errors: [...outcome.errors] };
  },
  createInspectionPlanRevision: async (_parent, { input }, { db, correlationId }) =>
    changePayload(
      await createInspectionPlanRevision(
        { db, correlationId },
        {
          idempotencyKey: input.idempotencyKey,
          itemId: input.itemId,
          itemRevisionId: input.itemRevisionId,
          type: input.type,
          characteristics: input.characteristics.map((c) => ({
            code: c.code,
            name: c.name,
            uom: c.uom,
            lowerLimit: c.lowerLimit ?? null,
            upperLimit: c.upperLimit ?? null,
            target: c.target ?? null,
          })),
          actor: input.actor,
        },
      ),
    ),
  approveInspectionPlan: async (_parent, { input }, { db, correlationId }) =>
    changePayload(
      await approveInspectionPlan(
        { db, correlationId },
        {
          ...input,
          effectiveFrom: input.effectiveFrom ?? null,
          expectedRevision: input.expectedRevision ?? null,
        },
      ),
    ),
  obsoleteInspectionPlan: async (_parent, { input }, { db, correlationId }) =>
    changePayload(
      await obsoleteInspectionPlan(
        { db, correlationId },
        {
          ...input,
          effectiveTo: input.effectiveTo ?? null,
          expectedRevision: input.expectedRevision ?? null,
        },
      ),
    ),
};

export const InspectionPlanChange: InspectionPlanChangeResolvers = {
  plan: async (change, _args, { loaders }) => {
    const plan = await loaders.plan.load(change.planId);
    if (!plan) throw new Error(`plan ${change.planId} is missing`);
    return plan;
  },
  superseded: async (change, _args, { loaders }) =>
    (await loaders.plan.loadMany(change.supersededIds)).map((plan, i) => {
      if (plan === null || plan instanceof Error) {
        throw new Error(`plan ${change.supersededIds[i] ?? ''} is missing`);
      }
      return plan;
    }),
};

export const InspectionOutcome: InspectionOutcomeResolvers = {
  inspection: async (outcome, _args, { loaders }) => {
    const inspection = await loaders.inspection.load(outcome.inspectionId);
    if (!inspection) throw new Error(`inspection ${outcome.inspectionId} is missing`);
    return inspection;
  },
  plan: async (outcome, _args, { loaders }) => {
    const plan = await loaders.plan.load(outcome.planId);
    if (!plan) throw new Error(`plan ${outcome.planId} is missing`);
    return plan;
  },
  lot: (outcome) => refOf(outcome.lotId),
  nonconformance: (outcome, _args, { loaders }) =>
    outcome.nonconformanceId === null
      ? null
      : loaders.nonconformance.load(outcome.nonconformanceId),
};

export const LotDecision: LotDecisionResolvers = {
  lot: (decision) => ({ id: decision.lotId }),
};

export const NonconformanceDecision: NonconformanceDecisionResolvers = {
  nonconformance: async (decision, _args, { loaders }) => {
    const found = await loaders.nonconformance.load(decision.nonconformanceId);
    if (!found) throw new Error(`nonconformance ${decision.nonconformanceId} is missing`);
    return found;
  },
  lot: (decision) => refOf(decision.lotId),
};
