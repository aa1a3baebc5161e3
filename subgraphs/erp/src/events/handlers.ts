import type { EventHandler } from '@plantgraph/events';
import type { ErpDatabase } from '../db/database.ts';
import { goodsIssueHandler } from './goods-issue.ts';
import { goodsReceiptHandler } from './goods-receipt.ts';
import { inspectionPlansHandler } from './inspection-plans.ts';
import { lotQualityHandler } from './lot-quality.ts';
import { orderStatusHandler } from './order-status.ts';

/** ERP's consumers of other subgraphs' events. */
export const handlers: readonly EventHandler<ErpDatabase>[] = [
  goodsIssueHandler,
  goodsReceiptHandler,
  orderStatusHandler,
  lotQualityHandler,
  inspectionPlansHandler,
];
