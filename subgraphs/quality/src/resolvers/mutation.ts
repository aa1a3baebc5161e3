import type {
  InspectionOutcomeResolvers,
  LotDecisionResolvers,
  MutationResolvers,
  NonconformanceDecisionResolvers,
} from '../__generated__/resolvers-types.ts';
import { refOf } from '../domain/entity-ref.ts';
import { dispositionLot } from '../mutations/disposition-lot.ts';
import { dispositionNonconformance } from '../mutations/disposition-nonconformance.ts';
import { recordInspectionResults } from '../mutations/record-inspection-results.ts';

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
