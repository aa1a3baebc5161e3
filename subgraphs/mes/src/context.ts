import type { RequestContextBase, RequestScope } from '@plantgraph/platform';
import { mesDb, type MesDb } from './db/mes-db.ts';
import { createMesLoaders, type MesLoaders } from './loaders.ts';

/** Everything one mes request may use; all its database access goes through `db`. */
export interface MesContext extends RequestContextBase {
  readonly db: MesDb;
  readonly loaders: MesLoaders;
}

/** Builds the context of one request, with fresh loaders so nothing is cached across requests. */
export function createMesContext(scope: RequestScope): MesContext {
  const db = mesDb(scope.root);
  return { correlationId: scope.correlationId, log: scope.log, db, loaders: createMesLoaders(db) };
}
