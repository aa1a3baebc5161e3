import type {
  InspectionPlanResolvers,
  InspectionResolvers,
  NonconformanceResolvers,
} from '../__generated__/resolvers-types.ts';
import { refOf } from '../domain/entity-ref.ts';
import { rowToInspectionResult } from '../domain/inspection-result.ts';
import { qmsSourceRef } from '../domain/source-ref.ts';

export const Inspection: InspectionResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.inspection.load(id),
  lot: (inspection) => refOf(inspection.lotId),
  order: (inspection) => refOf(inspection.orderId),
  operation: (inspection) => refOf(inspection.operationId),
  plan: async (inspection, _args, { loaders }) => {
    const plan = await loaders.plan.load(inspection.planId);
    if (!plan)
      throw new Error(`plan ${inspection.planId} of inspection ${inspection.id} is missing`);
    return plan;
  },
  results: async (inspection, _args, { loaders }) =>
    (await loaders.resultsOfInspection.load(inspection.id)).map(rowToInspectionResult),
  nonconformances: (inspection, _args, { loaders }) =>
    loaders.nonconformancesOfInspection.load(inspection.id),
  sourceRefs: (inspection) => [qmsSourceRef(inspection.number, inspection.updatedAt)],
};

export const InspectionPlan: InspectionPlanResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.plan.load(id),
  item: (plan) => ({ id: plan.itemId }),
  itemRevision: (plan) => ({ id: plan.itemRevisionId }),
  characteristics: (plan, _args, { loaders }) => loaders.characteristicsOfPlan.load(plan.id),
  sourceRefs: (plan) => [qmsSourceRef(`${plan.number}/${plan.revision}`, plan.updatedAt)],
};

export const Nonconformance: NonconformanceResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.nonconformance.load(id),
  lot: (nonconformance) => refOf(nonconformance.lotId),
  order: (nonconformance) => refOf(nonconformance.orderId),
  operation: (nonconformance) => refOf(nonconformance.operationId),
  inspection: (nonconformance, _args, { loaders }) =>
    nonconformance.inspectionId === null
      ? null
      : loaders.inspection.load(nonconformance.inspectionId),
  sourceRefs: (nonconformance) => [qmsSourceRef(nonconformance.number, nonconformance.updatedAt)],
};
