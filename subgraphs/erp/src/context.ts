import type { RequestContextBase, RequestScope } from '@plantgraph/platform';
import { erpDb, type ErpDb } from './db/erp-db.ts';
import { createErpLoaders, type ErpLoaders } from './loaders.ts';

/** Everything one erp request may use; all its database access goes through `db`. */
export interface ErpContext extends RequestContextBase {
  readonly db: ErpDb;
  readonly loaders: ErpLoaders;
}

export function createErpContext(scope: RequestScope): ErpContext {
  const db = erpDb(scope.root);
  return { correlationId: scope.correlationId, log: scope.log, db, loaders: createErpLoaders(db) };
}
