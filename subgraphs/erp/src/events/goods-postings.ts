import type { EventHandler } from '@plantgraph/events';
import type { ErpDatabase } from '../db/database.ts';
import { postGoodsIssue } from './goods-issue.ts';
import { postGoodsReceipt } from './goods-receipt.ts';

/**
 * `lot.consumed` → a goods issue, `production.completed` → a goods receipt, against the order.
 * One consumer takes both, so ERP applies an order's postings in the order the MES recorded them,
 * also when they arrive as a backlog after an ERP outage (store and forward).
 */
export const goodsPostingsHandler: EventHandler<ErpDatabase> = {
  consumer: 'erp.goods-postings',
  types: ['lot.consumed', 'production.completed'],
  handle: (trx, event) =>
    event.type === 'lot.consumed' ? postGoodsIssue(trx, event) : postGoodsReceipt(trx, event),
};
