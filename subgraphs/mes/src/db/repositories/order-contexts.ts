import type { ReleasedOrder } from '../../domain/released-order.ts';
import type { MesDb } from '../mes-db.ts';
import type { OrderComponentRow } from '../tables/order-component.ts';
import type { OrderContextRow } from '../tables/order-context.ts';

/**
 * Records a released order's context, components and their units. Writing the same order again
 * changes nothing; units are replaced by the newer conversions.
 */
export async function saveOrderContext(db: MesDb, order: ReleasedOrder): Promise<void> {
  await db
    .insertInto('order_context')
    .values({
      order_id: order.orderId,
      order_number: order.orderNumber,
      plant_id: order.plantId,
      item_id: order.itemId,
      item_number: order.itemNumber,
      planned_quantity: order.plannedQuantity.value,
      uom: order.plannedQuantity.uom,
      item_revision_id: order.itemRevisionId,
      bom_id: order.bomId,
      routing_id: order.routingId,
      final_inspection: order.finalInspection,
      released_at: order.releasedAt,
    })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .execute();
  if (order.components.length === 0) return;
  await db
    .insertInto('order_component')
    .values(
      order.components.map((c) => ({
        order_id: order.orderId,
        line_number: c.lineNumber,
        item_id: c.itemId,
        item_number: c.itemNumber,
        base_uom: c.baseUom,
        quantity_per_base: c.quantityPerBase,
        required_quantity: c.requiredQuantity,
      })),
    )
    .onConflict((oc) => oc.columns(['order_id', 'line_number']).doNothing())
    .execute();
  const units = new Map(order.components.map((c) => [c.itemId, c]));
  await db
    .insertInto('item_unit')
    .values(
      [...units.values()].map((c) => ({
        item_id: c.itemId,
        base_uom: c.baseUom,
        conversions: JSON.stringify(c.conversions),
      })),
    )
    .onConflict((oc) =>
      oc.column('item_id').doUpdateSet((eb) => ({
        base_uom: eb.ref('excluded.base_uom'),
        conversions: eb.ref('excluded.conversions'),
      })),
    )
    .execute();
}

/** The released order with this number, as the MES received it. */
export function findOrderContextByNumber(
  db: MesDb,
  orderNumber: string,
): Promise<OrderContextRow | undefined> {
  return db
    .selectFrom('order_context')
    .selectAll()
    .where('order_number', '=', orderNumber)
    .executeTakeFirst();
}

/** The BOM lines of a released order. */
export function findComponentsOfOrder(db: MesDb, orderId: string): Promise<OrderComponentRow[]> {
  return db
    .selectFrom('order_component')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('line_number')
    .execute();
}
