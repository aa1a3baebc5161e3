import type { GenealogyContext } from '../context.ts';
import { walkLots } from '../db/repositories/lot-walks.ts';
import type { Lot } from '../domain/lot.ts';
import {
  recallOutcome,
  type RecallFinishedGoods,
  type RecallImpact,
  type RecallOutcome,
} from '../domain/recall.ts';

async function walkRecall(context: GenealogyContext, recall: RecallImpact): Promise<RecallOutcome> {
  const { request, supplierLotIds, finishedGoodItemIds } = recall;
  // The gateway asks ERP for these before it asks for any field that reads them (@requires).
  if (supplierLotIds === null || finishedGoodItemIds === null) {
    throw new Error(`recall ${recall.id} was resolved without ERP's supplier lots and items`);
  }
  const rows = await context.budget.walk(context.limits.traceMaxLots, (maxLots) =>
    walkLots(context.db, {
      starts: [
        {
          key: 'recall',
          lotIds: [...new Set([...request.lotIds, ...supplierLotIds])],
          lotNumbers: request.lotNumbers,
        },
      ],
      direction: 'FORWARD',
      maxDepth: request.maxDepth,
      maxLots,
      asOf: request.asOf,
      withEdges: false,
    }),
  );
  return recallOutcome(rows.nodes, rows.cuts.length > 0, new Set(finishedGoodItemIds));
}

/**
 * Walks forward from the recall's source lots once per request, however many of its fields the
 * request reads.
 */
export function recallWalk(
  context: GenealogyContext,
  recall: RecallImpact,
): Promise<RecallOutcome> {
  let outcome = context.memo.recalls.get(recall.id);
  if (outcome === undefined) {
    outcome = walkRecall(context, recall);
    context.memo.recalls.set(recall.id, outcome);
  }
  return outcome;
}

/** The lots of a set of finished goods, by number (loaded in one query when not yet known). */
export async function lotsOf(
  context: GenealogyContext,
  finished: RecallFinishedGoods,
): Promise<readonly Lot[]> {
  if (finished.lots !== null) return finished.lots;
  const loaded = await context.loaders.lot.loadMany(finished.lotIds);
  const lots: Lot[] = [];
  for (const lot of loaded) {
    if (lot instanceof Error) throw lot;
    if (lot !== null) lots.push(lot);
  }
  return lots.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}
