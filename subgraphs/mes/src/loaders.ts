import { loaderByKey, loaderOfMany } from '@plantgraph/platform';
import type { MesDb } from './db/mes-db.ts';
import { findExecutionsByOrderIds } from './db/repositories/executions.ts';
import { findLotProductionsByLotIds } from './db/repositories/lot-productions.ts';
import { findOperationsByIds, findOperationsOfOrders } from './db/repositories/operations.ts';
import { rowToExecution } from './domain/execution.ts';
import { rowToLotProduction } from './domain/lot.ts';
import { rowToOperation } from './domain/operation.ts';

/** Per-request loaders: one query per batch for every lookup by key. */
export function createMesLoaders(db: MesDb) {
  return {
    operation: loaderByKey(
      async (ids) => (await findOperationsByIds(db, ids)).map(rowToOperation),
      (o) => o.id,
    ),
    operationsOfOrder: loaderOfMany(
      async (orderIds) => (await findOperationsOfOrders(db, orderIds)).map(rowToOperation),
      (o) => o.orderId,
    ),
    executionOfOrder: loaderByKey(
      async (orderIds) => (await findExecutionsByOrderIds(db, orderIds)).map(rowToExecution),
      (e) => e.orderId,
    ),
    lotProduction: loaderByKey(
      async (lotIds) => (await findLotProductionsByLotIds(db, lotIds)).map(rowToLotProduction),
      (p) => p.lotId,
    ),
  };
}

export type MesLoaders = ReturnType<typeof createMesLoaders>;
