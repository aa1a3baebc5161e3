import type { EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { ErpDatabase } from '../db/database.ts';
import { lockBatch, setBatchStock } from '../db/repositories/batch-stock.ts';
import { createLotView, updateLotView } from '../db/repositories/lot-views.ts';
import { restock } from '../domain/quality-stock.ts';
import { payloadOf } from './payload.ts';

const STATUSES = ['RELEASED', 'QUARANTINE', 'ON_HOLD', 'REJECTED'] as const;

function readStatus(data: unknown) {
  const r = new JsonReader(data);
  return {
    lotId: r.string('lotId'),
    lotNumber: r.optionalString('lotNumber'),
    itemId: r.optionalString('itemId'),
    status: r.oneOf('status', STATUSES),
    changedAt: r.instant('changedAt'),
  };
}

/**
 * `lot.hold.changed` → the lot's quality status in ERP's lot read model, and its batch stock moved
 * between unrestricted and blocked accordingly. The event's aggregate version is quality's revision
 * of the status: an older status changes nothing.
 */
export const lotQualityHandler: EventHandler<ErpDatabase> = {
  consumer: 'erp.lot-quality',
  types: ['lot.hold.changed'],
  async handle(trx, event) {
    const change = payloadOf(event, readStatus);
    const view = await createLotView(trx, {
      lot_id: change.lotId,
      lot_number: change.lotNumber,
      item_id: change.itemId,
      quality_status: null,
      status_changed_at: null,
    });
    if (view.status_version >= event.aggregateversion) return;
    const batch = await lockBatch(trx, change.lotId);
    const stock = restock(
      { unrestricted: batch?.stock_quantity ?? '0', restricted: view.restricted_quantity },
      view.quality_status,
      change.status,
    );
    if (batch !== undefined && stock.unrestricted !== batch.stock_quantity)
      await setBatchStock(trx, batch, stock.unrestricted);
    await updateLotView(trx, change.lotId, {
      quality_status: change.status,
      status_version: event.aggregateversion,
      status_changed_at: change.changedAt,
      restricted_quantity: stock.restricted,
      lot_number: view.lot_number ?? change.lotNumber,
      item_id: view.item_id ?? change.itemId,
    });
  },
};
