import type { MesDb } from '../mes-db.ts';
import type { ExecutionRow } from '../tables/execution.ts';

/** The execution records of these orders (orders the MES has not received are absent). */
export function findExecutionsByOrderIds(
  db: MesDb,
  orderIds: readonly string[],
): Promise<ExecutionRow[]> {
  return db.selectFrom('execution').selectAll().where('order_id', 'in', orderIds).execute();
}
