import { PermanentEventError, type EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { GenealogyDatabase } from '../db/database.ts';
import { addToLotQuantity, lockLotQuantity } from './lot-writes.ts';
import { payloadOf } from './payload.ts';

function readConsumption(data: unknown) {
  const r = new JsonReader(data);
  const quantity = r.object('quantity');
  return { lotId: r.string('lotId'), quantity: quantity.decimal('value') };
}

/**
 * `lot.consumed` → the consumed lot's quantity goes down by what the order consumed. A decrement
 * is a delta: it is applied once per event by the runner's processed-event record. A lot genealogy
 * does not hold, or one holding less than the consumption, can never take it (dead letter).
 */
export const lotConsumedHandler: EventHandler<GenealogyDatabase> = {
  consumer: 'genealogy.lot-consumed',
  types: ['lot.consumed'],
  async handle(trx, event) {
    const consumption = payloadOf(event, readConsumption);
    const lot = await lockLotQuantity(trx, consumption.lotId);
    if (lot === undefined) {
      throw new PermanentEventError(`lot.consumed: genealogy holds no lot ${consumption.lotId}`);
    }
    if (!(await addToLotQuantity(trx, lot.id, `-${consumption.quantity}`))) {
      throw new PermanentEventError(
        `lot.consumed: lot ${lot.id} holds ${lot.quantity} ${lot.uom}, less than the ${consumption.quantity} consumed`,
      );
    }
  },
};
