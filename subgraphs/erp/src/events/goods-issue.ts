import { Decimal } from 'decimal.js';
import { PermanentEventError, type EventEnvelope } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { Kysely } from 'kysely';
import type { ErpDatabase } from '../db/database.ts';
import { lockBatch, setBatchStock } from '../db/repositories/batch-stock.ts';
import { postGoodsMovement } from '../db/repositories/goods-movements.ts';
import { lockOrderById } from '../db/repositories/order-status.ts';
import { checkPostable } from '../domain/goods-postings.ts';
import { payloadOf } from './payload.ts';

function readConsumption(data: unknown) {
  const r = new JsonReader(data);
  const quantity = r.object('quantity');
  return {
    orderId: r.string('orderId'),
    lotId: r.string('lotId'),
    itemId: r.string('itemId'),
    quantity: { value: quantity.decimal('value'), uom: quantity.string('uom') },
    consumedAt: r.instant('consumedAt'),
  };
}

/**
 * `lot.consumed` → ERP posts a goods issue of the lot against the order, out of the batch's
 * unrestricted stock (once per event). An issue ERP cannot post (an order closed or cancelled, a lot
 * it has no batch of, more than its stock) goes to dead letters with the reason.
 */
export async function postGoodsIssue(
  trx: Kysely<ErpDatabase>,
  event: EventEnvelope,
): Promise<void> {
  const consumption = payloadOf(event, readConsumption);
  const order = await lockOrderById(trx, consumption.orderId);
  checkPostable('goods issue', consumption.orderId, order?.status ?? null);
  const posted = await postGoodsMovement(trx, {
    id: `gi-${event.id}`,
    type: 'GOODS_ISSUE',
    order_id: consumption.orderId,
    lot_id: consumption.lotId,
    item_id: consumption.itemId,
    quantity: consumption.quantity.value,
    uom: consumption.quantity.uom,
    posted_at: consumption.consumedAt,
    source_event_id: event.id,
    correlation_id: event.correlationid,
  });
  if (!posted) return;
  const batch = await lockBatch(trx, consumption.lotId);
  if (batch === undefined) {
    throw new PermanentEventError(`goods issue: ERP holds no batch of lot ${consumption.lotId}`);
  }
  const left = new Decimal(batch.stock_quantity).sub(consumption.quantity.value);
  if (left.isNegative()) {
    throw new PermanentEventError(
      `goods issue: lot ${consumption.lotId} has ${batch.stock_quantity} ${batch.stock_uom} unrestricted, less than the ${consumption.quantity.value} ${consumption.quantity.uom} consumed`,
    );
  }
  await setBatchStock(trx, batch, left.toString());
}
