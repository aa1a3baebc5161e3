import type { MesDb } from '../mes-db.ts';
import type { OperationRow } from '../tables/operation.ts';

/** The operations with these ids (unknown ids are simply absent). */
export function findOperationsByIds(db: MesDb, ids: readonly string[]): Promise<OperationRow[]> {
  return db.selectFrom('operation').selectAll().where('id', 'in', ids).execute();
}

/** Every operation of the given orders, grouped by order and in routing sequence. */
export function findOperationsOfOrders(
  db: MesDb,
  orderIds: readonly string[],
): Promise<OperationRow[]> {
  return db
    .selectFrom('operation')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('sequence')
    .execute();
}
