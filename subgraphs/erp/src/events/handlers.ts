import type { EventHandler } from '@plantgraph/events';
import type { ErpDatabase } from '../db/database.ts';
import { goodsPostingsHandler } from './goods-postings.ts';
import { inspectionPlansHandler } from './inspection-plans.ts';
import { lotQualityHandler } from './lot-quality.ts';
import { orderStatusHandler } from './order-status.ts';

/** ERP's consumers of other subgraphs' events. */
export const handlers: readonly EventHandler<ErpDatabase>[] = [
  goodsPostingsHandler,
  orderStatusHandler,
  lotQualityHandler,
  inspectionPlansHandler,
];
