import type { EventHandler } from '@plantgraph/events';
import type { GenealogyDatabase } from '../db/database.ts';
import { lotConsumedHandler } from './lot-consumed.ts';
import { productionCompletedHandler } from './production-completed.ts';

/** Genealogy's consumers of the MES's events. */
export const handlers: readonly EventHandler<GenealogyDatabase>[] = [
  lotConsumedHandler,
  productionCompletedHandler,
];
