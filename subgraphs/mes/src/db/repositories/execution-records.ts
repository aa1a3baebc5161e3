import type { ReleasedOrder } from '../../domain/released-order.ts';
import type { MesDb } from '../mes-db.ts';
import type { ExecutionRow, ExecutionUpdate } from '../tables/execution.ts';
import type { OperationRow, OperationUpdate } from '../tables/operation.ts';

/**
 * Creates the execution record of a released order and its operations, PENDING in routing
 * sequence. Answers false (writing nothing) when the order already has one.
 */
export async function createExecution(db: MesDb, order: ReleasedOrder): Promise<boolean> {
  const created = await db
    .insertInto('execution')
    .values({
      order_id: order.orderId,
      plant_id: order.plantId,
      status: 'NOT_STARTED',
      started_at: null,
      completed_at: null,
      uom: order.plannedQuantity.uom,
      updated_at: order.releasedAt,
    })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .returning('order_id')
    .executeTakeFirst();
  if (created === undefined) return false;
  if (order.operations.length > 0) {
    await db
      .insertInto('operation')
      .values(
        order.operations.map((op) => ({
          id: op.id,
          order_id: order.orderId,
          sequence: op.sequence,
          operation_code: op.operationCode,
          description: op.description,
          work_center: op.workCenter,
          status: 'PENDING' as const,
          planned_quantity: op.plannedQuantity.value,
          uom: op.plannedQuantity.uom,
          started_at: null,
          completed_at: null,
          requires_inspection: op.requiresInspection,
          updated_at: order.releasedAt,
        })),
      )
      .execute();
  }
  return true;
}

/** The execution of an order, locked until the transaction ends: reports of one order queue here. */
export function lockExecution(db: MesDb, orderId: string): Promise<ExecutionRow | undefined> {
  return db
    .selectFrom('execution')
    .selectAll()
    .where('order_id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
}

/** Updates an execution; its revision goes up by one. */
export function updateExecution(
  db: MesDb,
  execution: Pick<ExecutionRow, 'order_id' | 'revision'>,
  change: Omit<ExecutionUpdate, 'revision' | 'order_id'>,
): Promise<ExecutionRow> {
  return db
    .updateTable('execution')
    .set({ ...change, revision: execution.revision + 1, updated_at: new Date() })
    .where('order_id', '=', execution.order_id)
    .where('revision', '=', execution.revision)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The operations of one order in routing sequence (the execution row is locked by the caller). */
export function findOperationsOfOrder(db: MesDb, orderId: string): Promise<OperationRow[]> {
  return db
    .selectFrom('operation')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('sequence')
    .execute();
}

/** Updates an operation; its revision goes up by one. */
export function updateOperation(
  db: MesDb,
  operation: Pick<OperationRow, 'id' | 'revision'>,
  change: Omit<OperationUpdate, 'revision' | 'id'>,
): Promise<OperationRow> {
  return db
    .updateTable('operation')
    .set({ ...change, revision: operation.revision + 1, updated_at: new Date() })
    .where('id', '=', operation.id)
    .where('revision', '=', operation.revision)
    .returningAll()
    .executeTakeFirstOrThrow();
}
