import { pageRequest, toConnection } from '@plantgraph/platform';
import type {
  RecallFinishedGoodsResolvers,
  RecallImpactResolvers,
} from '../__generated__/resolvers-types.ts';
import { entityRef } from '../domain/entity-ref.ts';
import { lotSortKey } from '../domain/lot.ts';
import { finishedGoodsOf, parseRecallId, sumPerUnit, summarizeRecall } from '../domain/recall.ts';
import { lotsOf, recallWalk } from '../services/recall-walk.ts';

export const RecallImpact: RecallImpactResolvers = {
  __resolveReference: (reference) => {
    const request = parseRecallId(reference.id);
    if (request === null) return null;
    return {
      id: reference.id,
      request,
      supplierLotIds:
        'supplierLots' in reference ? reference.supplierLots.map((lot) => lot.id) : null,
      finishedGoodItemIds:
        'finishedGoodItems' in reference
          ? reference.finishedGoodItems.map((item) => item.id)
          : null,
    };
  },
  supplierLotNumber: (recall) => recall.request.supplierLotNumber,
  maxDepth: (recall) => recall.request.maxDepth,
  asOf: (recall) => recall.request.asOf,
  sourceLots: async (recall, _args, context) => [...(await recallWalk(context, recall)).sourceLots],
  summary: async (recall, _args, context) => summarizeRecall(await recallWalk(context, recall)),
  finishedGoods: async (recall, _args, context) =>
    finishedGoodsOf(await recallWalk(context, recall)),
};

export const RecallFinishedGoods: RecallFinishedGoodsResolvers = {
  __resolveReference: ({ lotIds }) => ({ lotIds, lots: null }),
  lots: async (finished, { first, after }, context) => {
    const page = pageRequest(first, after);
    const lots = await lotsOf(context, finished);
    const rest = page.after === null ? lots : lots.filter((lot) => lot.number > (page.after ?? ''));
    return toConnection(rest.slice(0, page.limit + 1), page, lotSortKey);
  },
  orders: async (finished, _args, context) =>
    [
      ...new Set(
        (await lotsOf(context, finished)).flatMap((lot) =>
          lot.orderId === null ? [] : [lot.orderId],
        ),
      ),
    ]
      .sort()
      .map(entityRef),
  quantities: async (finished, _args, context) =>
    sumPerUnit((await lotsOf(context, finished)).map((lot) => lot.quantity)),
};
