import type { EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { GenealogyDatabase } from '../db/database.ts';
import { addToLotQuantity, createLot, linkLots } from './lot-writes.ts';
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
        : { id: lot.string('id'), number: lot.string('number'), created: lot.boolean('created') },
    consumptions: r.list('consumptions').map((c) => {
      const quantity = c.object('quantity');
      return {
        consumptionId: c.string('consumptionId'),
        lotId: c.string('lotId'),
        quantity: { value: quantity.decimal('value'), uom: quantity.string('uom') },
      };
    }),
  };
}

/**
 * `production.completed` → genealogy creates the produced lot (or adds the good quantity to the lot
 * an earlier completion created) and links it to the consumptions the completion took: each
 * consumed lot becomes a parent of the produced lot. Creating the lot and the links is keyed
 * (applying the event twice adds nothing); adding to an existing lot is a delta, applied once per
 * event by the runner's processed-event record. A consumed lot genealogy does not hold yet fails the
 * event, which is retried until it arrives.
 */
export const productionCompletedHandler: EventHandler<GenealogyDatabase> = {
  consumer: 'genealogy.production-completed',
  types: ['production.completed'],
  async handle(trx, event) {
    const completion = payloadOf(event, readCompletion);
    const lot = completion.lot;
    if (lot === null) return;
    if (lot.created) {
      await createLot(trx, {
        id: lot.id,
        number: lot.number,
        item_id: completion.itemId,
        plant_id: completion.plantId,
        quantity: completion.good.value,
        uom: completion.good.uom,
        origin: 'PRODUCED',
        order_id: completion.orderId,
        created_at: completion.completedAt,
      });
    } else if (!(await addToLotQuantity(trx, lot.id, completion.good.value))) {
      throw new Error(`production.completed: no lot ${lot.id} to add to`);
    }
    await linkLots(
      trx,
      completion.consumptions.map((c) => ({
        id: `link-${c.consumptionId}`,
        parent_lot_id: c.lotId,
        child_lot_id: lot.id,
        quantity: c.quantity.value,
        uom: c.quantity.uom,
        order_id: completion.orderId,
        linked_at: completion.completedAt,
      })),
    );
  },
};
