import type { RequestContextBase, RequestScope } from '@plantgraph/platform';
import { qualityDb, type QualityDb } from './db/quality-db.ts';
import { createQualityLoaders, type QualityLoaders } from './loaders.ts';

/** Everything one quality request may use; all its database access goes through `db`. */
export interface QualityContext extends RequestContextBase {
  readonly db: QualityDb;
  readonly loaders: QualityLoaders;
}

/** Builds the context of one request, with fresh loaders so no cache outlives it. */
export function createQualityContext(scope: RequestScope): QualityContext {
  const db = qualityDb(scope.root);
  return {
    correlationId: scope.correlationId,
    log: scope.log,
    db,
    loaders: createQualityLoaders(db),
  };
}
