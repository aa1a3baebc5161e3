import type { EventHandler } from '@plantgraph/events';
import type { QualityDatabase } from '../db/database.ts';
import { operationCompletedHandler } from './operation-completed.ts';
import { orderReleasedHandler } from './order-released.ts';
import { productionCompletedHandler } from './production-completed.ts';

/** Quality's consumers of other subgraphs' events. */
export const handlers: readonly EventHandler<QualityDatabase>[] = [
  orderReleasedHandler,
  productionCompletedHandler,
  operationCompletedHandler,
];
