import type { RequestContextBase, RequestScope } from '@plantgraph/platform';
import type { GenealogyLimits } from './config.ts';
import { genealogyDb, type GenealogyDb } from './db/genealogy-db.ts';
import { createGenealogyLoaders, type GenealogyLoaders } from './loaders.ts';
import type { OrderCompleteness } from './domain/completeness.ts';
import type { RecallOutcome } from './domain/recall.ts';
import { WalkBudget } from './services/walk-budget.ts';

/** Results computed once per request and shared by the fields that read them. */
export interface RequestMemo {
  /** Recall walks, by recall id. */
  readonly recalls: Map<string, Promise<RecallOutcome>>;
  /** The checks of a completeness report's finished orders, by report id. */
  readonly reports: Map<string, Promise<readonly OrderCompleteness[]>>;
}

/** Everything one genealogy request may use; all its database access goes through `db`. */
export interface GenealogyContext extends RequestContextBase {
  readonly db: GenealogyDb;
  readonly loaders: GenealogyLoaders;
  readonly limits: GenealogyLimits;
  readonly memo: RequestMemo;
  /** The lots this request's walks may still collect. */
  readonly budget: WalkBudget;
}

/** Builds the context of one request, with fresh loaders. */
export function createGenealogyContext(
  scope: RequestScope,
  limits: GenealogyLimits,
): GenealogyContext {
  const db = genealogyDb(scope.root);
  return {
    correlationId: scope.correlationId,
    log: scope.log,
    db,
    loaders: createGenealogyLoaders(db),
    limits,
    memo: { recalls: new Map(), reports: new Map() },
    budget: new WalkBudget(limits.requestMaxLots),
  };
}
