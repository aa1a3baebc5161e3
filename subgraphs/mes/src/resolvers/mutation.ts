import type {
  LinkedConsumptionResolvers,
  LotConsumptionResolvers,
  MutationResolvers,
  OperationReportResolvers,
  ProductionCompletionResolvers,
} from '../__generated__/resolvers-types.ts';
import type { Lot } from '../domain/lot.ts';
import { orderRef } from '../domain/order.ts';
import type { MesLoaders } from '../loaders.ts';
import { recordConsumption } from '../mutations/record-consumption.ts';
import { reportCompletion } from '../mutations/report-completion.ts';
import { reportOperation } from '../mutations/report-operation.ts';

export const Mutation: MutationResolvers = {
  startOperation: async (_parent, { input }, { db, correlationId }) => {
    const outcome = await reportOperation(
      { db, correlationId },
      {
        ...input,
        kind: 'START',
        goodQuantity: '0',
        scrapQuantity: '0',
        expectedRevision: input.expectedRevision ?? null,
      },
    );
    return outcome.ok
      ? { report: outcome.value, errors: [] }
      : { report: null, errors: [...outcome.errors] };
  },
  reportOperationProgress: async (_parent, { input }, { db, correlationId }) => {
    const outcome = await reportOperation(
      { db, correlationId },
      {
        ...input,
        kind: 'PROGRESS',
        scrapQuantity: input.scrapQuantity ?? '0',
        expectedRevision: input.expectedRevision ?? null,
      },
    );
    return outcome.ok
      ? { report: outcome.value, errors: [] }
      : { report: null, errors: [...outcome.errors] };
  },
  completeOperation: async (_parent, { input }, { db, correlationId }) => {
    const outcome = await reportOperation(
      { db, correlationId },
      {
        ...input,
        kind: 'COMPLETE',
        goodQuantity: input.goodQuantity ?? '0',
        scrapQuantity: input.scrapQuantity ?? '0',
        expectedRevision: input.expectedRevision ?? null,
      },
    );
    return outcome.ok
      ? { report: outcome.value, errors: [] }
      : { report: null, errors: [...outcome.errors] };
  },
  recordConsumption: async (_parent, { input }, { db, correlationId }) => {
    const outcome = await recordConsumption(
      { db, correlationId },
      {
        idempotencyKey: input.idempotencyKey,
        orderNumber: input.orderNumber,
        lotNumber: input.lotNumber,
        quantity: { value: input.quantity.value, uom: input.quantity.uom },
        actor: input.actor,
        consumedAt: input.consumedAt ?? null,
        operationSequence: input.operationSequence ?? null,
      },
    );
    return outcome.ok
      ? { consumption: outcome.value, errors: [] }
      : { consumption: null, errors: [...outcome.errors] };
  },
  reportCompletion: async (_parent, { input }, { db, correlationId }) => {
    const outcome = await reportCompletion(
      { db, correlationId },
      {
        idempotencyKey: input.idempotencyKey,
        orderNumber: input.orderNumber,
        goodQuantity: input.goodQuantity,
        scrapQuantity: input.scrapQuantity ?? '0',
        final: input.final ?? false,
        lotNumber: input.lotNumber ?? null,
        completedAt: input.completedAt ?? null,
        actor: input.actor,
        expectedRevision: input.expectedRevision ?? null,
      },
    );
    return outcome.ok
      ? { completion: outcome.value, errors: [] }
      : { completion: null, errors: [...outcome.errors] };
  },
};

/** A lot with its production record, as every mes `Lot` field expects it. */
async function lotOf(loaders: MesLoaders, id: string): Promise<Lot> {
  return { id, production: await loaders.lotProduction.load(id) };
}

export const OperationReport: OperationReportResolvers = {
  operation: async (report, _args, { loaders }) => {
    const operation = await loaders.operation.load(report.operationId);
    if (!operation) throw new Error(`operation ${report.operationId} is missing`);
    return operation;
  },
};

export const LotConsumption: LotConsumptionResolvers = {
  id: (consumption) => consumption.consumptionId,
  order: (consumption) => orderRef(consumption.orderId),
  lot: (consumption, _args, { loaders }) => lotOf(loaders, consumption.lotId),
};

export const ProductionCompletion: ProductionCompletionResolvers = {
  id: (completion) => completion.completionId,
  order: (completion) => orderRef(completion.orderId),
  lot: (completion, _args, { loaders }) =>
    completion.lot === null ? null : lotOf(loaders, completion.lot.id),
  lotNumber: (completion) => completion.lot?.number ?? null,
  lotCreated: (completion) => completion.lot?.created ?? null,
  lotQualityStatus: (completion) => completion.lot?.qualityStatus ?? null,
  lotQuantity: (completion) => completion.lot?.quantity ?? null,
};

export const LinkedConsumption: LinkedConsumptionResolvers = {
  lot: (consumption, _args, { loaders }) => lotOf(loaders, consumption.lotId),
};
