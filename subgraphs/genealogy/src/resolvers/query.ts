import { badUserInput, pageRequest, toConnection } from '@plantgraph/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { listLots } from '../db/repositories/lots.ts';
import { reportRequest, toleranceOf } from '../domain/completeness-report.ts';
import { lotSortKey, rowToLot } from '../domain/lot.ts';
import { recallId, recallRequest } from '../domain/recall.ts';
import { walkDepth } from '../domain/trace.ts';
import { openReport } from '../services/order-completeness.ts';
import { traceLot } from '../services/trace-lot.ts';

export const Query: QueryResolvers = {
  lot: (_parent, { id }, { loaders }) => loaders.lot.load(id),
  lotByNumber: (_parent, { number }, { loaders }) => loaders.lotByNumber.load(number),
  lots: async (
    _parent,
    { first, after, itemId, plantId, origin, createdFrom, createdBefore },
    { db },
  ) => {
    const page = pageRequest(first, after);
    const filter = {
      itemId: itemId ?? null,
      plantId: plantId ?? null,
      origin: origin ?? null,
      createdFrom: createdFrom ?? null,
      createdBefore: createdBefore ?? null,
    };
    const rows = await listLots(db, filter, page.after, page.limit + 1);
    return toConnection(rows.map(rowToLot), page, lotSortKey);
  },
  trace: async (_parent, { lotId, lotNumber, direction, maxDepth, asOf }, context) => {
    const depth = walkDepth(maxDepth, context.limits.traceDefaultDepth, context.limits);
    if (
      (lotId === null || lotId === undefined) === (lotNumber === null || lotNumber === undefined)
    ) {
      throw badUserInput('give exactly one of lotId and lotNumber', 'lotId');
    }
    return traceLot(context, {
      lot: lotId ? { id: lotId } : { number: lotNumber ?? '' },
      direction,
      maxDepth: depth,
      asOf: asOf ?? null,
    });
  },
  recallImpact: (_parent, args, { limits }) => {
    const request = recallRequest({
      ...args,
      maxDepth: walkDepth(args.maxDepth, limits.traceMaxDepth, limits),
    });
    return { id: recallId(request), request, supplierLotIds: null, finishedGoodItemIds: null };
  },
  genealogyCompleteness: (_parent, { plantId, from, to, tolerance }, context) =>
    openReport(
      context,
      reportRequest({
        plantId,
        from,
        to,
        tolerance: toleranceOf(tolerance, context.limits.completenessTolerance),
      }),
    ),
};
