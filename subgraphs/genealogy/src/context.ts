import type { RequestContextBase, RequestScope } from '@plantgraph/platform';
import { genealogyDb, type GenealogyDb } from './db/genealogy-db.ts';
import { createGenealogyLoaders, type GenealogyLoaders } from './loaders.ts';

/** Everything one genealogy request may use; all its database access goes through `db`. */
export interface GenealogyContext extends RequestContextBase {
  readonly db: GenealogyDb;
  readonly loaders: GenealogyLoaders;
}

/** Builds the context of one request, with fresh loaders. */
export function createGenealogyContext(scope: RequestScope): GenealogyContext {
  const db = genealogyDb(scope.root);
  return {
    correlationId: scope.correlationId,
    log: scope.log,
    db,
    loaders: createGenealogyLoaders(db),
  };
}
