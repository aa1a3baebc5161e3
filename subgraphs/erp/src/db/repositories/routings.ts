import type { ErpDb } from '../erp-db.ts';
import type { RoutingStepRow } from '../tables/routing-step.ts';
import type { RoutingRow } from '../tables/routing.ts';

export function findRoutingsByIds(db: ErpDb, ids: readonly string[]): Promise<RoutingRow[]> {
  return db.selectFrom('routing').selectAll().where('id', 'in', ids).execute();
}

export function findRoutingsOfRevisions(
  db: ErpDb,
  revisionIds: readonly string[],
): Promise<RoutingRow[]> {
  return db
    .selectFrom('routing')
    .selectAll()
    .where('item_revision_id', 'in', revisionIds)
    .execute();
}

export function findStepsOfRoutings(
  db: ErpDb,
  routingIds: readonly string[],
): Promise<RoutingStepRow[]> {
  return db
    .selectFrom('routing_step')
    .selectAll()
    .where('routing_id', 'in', routingIds)
    .orderBy('routing_id')
    .orderBy('sequence')
    .execute();
}
