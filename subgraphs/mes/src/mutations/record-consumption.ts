import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { appendToOutbox } from '@plantgraph/events';
import {
  accepted,
  checkActor,
  recordAudit,
  rejected,
  ruleBroken,
  type IdempotencyErrorCode,
  type MutationOutcome,
  type Quantity,
} from '@plantgraph/platform';
import type { MesDb } from '../db/mes-db.ts';
import { insertConsumption } from '../db/repositories/consumptions.ts';
import { findItemUnit } from '../db/repositories/item-units.ts';
import { lockLotByNumber, setLotQuantity } from '../db/repositories/lot-stock.ts';
import { findComponentsOfOrder } from '../db/repositories/order-contexts.ts';
import {
  checkConsumption,
  type ConsumptionAnswer,
  type ConsumptionErrorCode,
} from '../domain/consumption.ts';
import { rowToExecution } from '../domain/execution.ts';
import { rowToItemUnit } from '../domain/item-unit.ts';
import { rowToLotStock } from '../domain/lot-stock.ts';
import type { OrderOpenErrorCode } from '../domain/order-open.ts';
import { idempotent, MES_SOURCE } from './guard.ts';
import { lockReleasedOrder, pinnedRevisions } from './open-order.ts';

/** A consumption as the MES reports it. */
export interface ConsumptionRequest {
  readonly idempotencyKey: string;
  readonly orderNumber: string;
  readonly lotNumber: string;
  readonly quantity: Quantity;
  readonly actor: string;
  /** When the lot was consumed; null means now. */
  readonly consumedAt: Date | null;
  readonly operationSequence: number | null;
}

export type ConsumptionCode =
  ConsumptionErrorCode | IdempotencyErrorCode | 'ACTOR_REQUIRED' | OrderOpenErrorCode;

const OPERATION = 'mes.recordConsumption';

/**
 * Records that an order consumed part of a lot, in one transaction: the genealogy input (the
 * consumption, linked to the order's next completion), the lot's quantity decremented, the
 * `lot.consumed` event in the outbox and an audit entry. Any broken rule changes nothing.
 */
export function recordConsumption(
  context: { readonly db: MesDb; readonly correlationId: string },
  request: ConsumptionRequest,
): Promise<MutationOutcome<ConsumptionAnswer, ConsumptionCode>> {
  const { idempotencyKey, ...input } = request;
  return idempotent.run(
    context.db,
    { operation: OPERATION, key: idempotencyKey, input },
    async (trx): Promise<MutationOutcome<ConsumptionAnswer, ConsumptionCode>> => {
      const actorErrors = checkActor(request.actor);
      if (actorErrors.length > 0) return rejected(actorErrors);
      const consumedAt = request.consumedAt ?? new Date();
      const open = await lockReleasedOrder(trx, request.orderNumber, consumedAt);
      if (!open.ok) return open;
      const { order, execution } = open.value;
      const lotRow = await lockLotByNumber(trx, request.lotNumber);
      if (lotRow === undefined || lotRow.lot_number === null) {
        return rejected([ruleBroken('LOT_NOT_FOUND', 'lotNumber', `no lot ${request.lotNumber}`)]);
      }
      const lot = rowToLotStock(lotRow);
      const components = await findComponentsOfOrder(trx, order.order_id);
      const unitRow = lotRow.item_id === null ? undefined : await findItemUnit(trx, lotRow.item_id);
      const { errors, baseQuantity } = checkConsumption(request.quantity, consumedAt, {
        execution: rowToExecution(execution),
        releasedAt: order.released_at,
        lot,
        componentItemIds: new Set(components.map((c) => c.item_id)),
        unit: unitRow ? rowToItemUnit(unitRow) : null,
      });
      if (errors.length > 0 || baseQuantity === null || lotRow.item_id === null)
        return rejected(errors);

      const remaining = new Decimal(lotRow.available_quantity).sub(baseQuantity.value).toString();
      const updatedLot = await setLotQuantity(trx, lotRow, remaining);
      const consumptionId = `consumption-${randomUUID()}`;
      await insertConsumption(trx, {
        id: consumptionId,
        order_id: order.order_id,
        lot_id: lotRow.lot_id,
        lot_number: lotRow.lot_number,
        item_id: lotRow.item_id,
        quantity: baseQuantity.value,
        uom: baseQuantity.uom,
        entered_quantity: request.quantity.value,
        entered_uom: request.quantity.uom,
        consumed_at: consumedAt,
        operation_sequence: request.operationSequence,
        completion_id: null,
        recorded_at: new Date(),
      });
      const data = {
        consumptionId,
        orderId: order.order_id,
        orderNumber: order.order_number,
        lotId: lotRow.lot_id,
        lotNumber: lotRow.lot_number,
        itemId: lotRow.item_id,
        quantity: { value: baseQuantity.value, uom: baseQuantity.uom },
        enteredQuantity: { value: request.quantity.value, uom: request.quantity.uom },
        lotRemaining: { value: remaining, uom: baseQuantity.uom },
        consumedAt: consumedAt.toISOString(),
      };
      // A consumption is a fact of its own (a delta): its own aggregate, never "stale" next to another.
      const [event] = await appendToOutbox(trx, MES_SOURCE, [
        {
          type: 'lot.consumed',
          subject: lotRow.lot_number,
          aggregateType: 'LotConsumption',
          aggregateId: consumptionId,
          aggregateVersion: 1,
          plant: order.plant_id,
          data: {
            ...data,
            plantId: order.plant_id,
            operationSequence: request.operationSequence,
          },
          correlationId: context.correlationId,
          causationId: null,
        },
      ]);
      if (event === undefined) throw new Error('the outbox returned no event');
      await recordAudit(trx, [
        {
          actor: request.actor,
          correlationId: context.correlationId,
          operation: OPERATION,
          idempotencyKey,
          aggregateType: 'LotConsumption',
          aggregateId: consumptionId,
          aggregateRevision: 1,
          revisionsInEffect: { ...pinnedRevisions(order), lotRevision: updatedLot.revision },
          eventIds: [event.id],
        },
      ]);
      return accepted({ ...data, correlationId: context.correlationId, eventId: event.id });
    },
  );
}
