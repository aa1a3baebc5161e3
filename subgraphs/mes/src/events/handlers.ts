import type { EventHandler } from '@plantgraph/events';
import type { MesDatabase } from '../db/database.ts';
import { lotStatusHandler } from './lot-status.ts';
import { orderReleasedHandler } from './order-released.ts';
import { orderStatusHandler } from './order-status.ts';

/** The MES's consumers of other subgraphs' events. */
export const handlers: readonly EventHandler<MesDatabase>[] = [
  orderReleasedHandler,
  orderStatusHandler,
  lotStatusHandler,
];
