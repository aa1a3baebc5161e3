import { JsonReader } from '@plantgraph/platform';
import type { EventEnvelope } from '@plantgraph/events';
import type { Kysely } from 'kysely';
import type { ErpDatabase } from '../db/database.ts';
import { createBatch, setBatchStock } from '../db/repositories/batch-stock.ts';
import { postGoodsMovement } from '../db/repositories/goods-movements.ts';
import { createLotView, updateLotView } from '../db/repositories/lot-views.ts';
import { lockOrderById } from '../db/repositories/order-status.ts';
import { checkPostable } from '../domain/goods-postings.ts';
import { receive } from '../domain/quality-stock.ts';
import { payloadOf } from './payload.ts';

function readCompletion(data: unknown) {
  const r = new JsonReader(data);
  const lot = r.optionalObject('lot');
  const good = r.object('goodQuantity');
  return {
    orderId: r.string('orderId'),
    plantId: r.string('plantId'),
    itemId: r.string('itemId'),
    completedAt: r.instant('completedAt'),
    good: { value: good.decimal('value'), uom: good.string('uom') },
    lot:
      lot === null
        ? null
        : {
            id: lot.string('id'),
            number: lot.string('number'),
            qualityStatus: lot.oneOf('qualityStatus', ['QUARANTINE', 'RELEASED'] as const),
          },
  };
}

/**
 * `production.completed` → ERP posts a goods receipt of the produced lot against the order and
 * books it as batch stock: unrestricted when the lot is released, blocked while it awaits its
 * final inspection (once per event). A receipt against an order closed or cancelled goes to dead
 * letters with the reason.
 */
export async function postGoodsReceipt(
  trx: Kysely<ErpDatabase>,
  event: EventEnvelope,
): Promise<void> {
  const completion = payloadOf(event, readCompletion);
  const lot = completion.lot;
  if (lot === null) return;
  const order = await lockOrderById(trx, completion.orderId);
  checkPostable('goods receipt', completion.orderId, order?.status ?? null);
  const posted = await postGoodsMovement(trx, {
    id: `gr-${event.id}`,
    type: 'GOODS_RECEIPT',
    order_id: completion.orderId,
    lot_id: lot.id,
    item_id: completion.itemId,
    quantity: completion.good.value,
    uom: completion.good.uom,
    posted_at: completion.completedAt,
    source_event_id: event.id,
    correlation_id: event.correlationid,
  });
  if (!posted) return;
  const batch = await createBatch(trx, {
    lot_id: lot.id,
    plant_id: completion.plantId,
    supplier_id: null,
    supplier_lot_number: null,
    manufactured_on: completion.completedAt.toISOString().slice(0, 10),
    expires_on: null,
    stock_quantity: '0',
    stock_uom: completion.good.uom,
  });
  const view = await createLotView(trx, {
    lot_id: lot.id,
    lot_number: lot.number,
    item_id: completion.itemId,
    quality_status: lot.qualityStatus,
    status_changed_at: completion.completedAt,
  });
  const stock = receive(
    { unrestricted: batch.stock_quantity, restricted: view.restricted_quantity },
    view.quality_status,
    completion.good.value,
  );
  if (stock.unrestricted !== batch.stock_quantity)
    await setBatchStock(trx, batch, stock.unrestricted);
  if (stock.restricted !== view.restricted_quantity)
    await updateLotView(trx, lot.id, { restricted_quantity: stock.restricted });
}
