import { appendToOutbox } from '@plantgraph/events';
import {
  accepted,
  checkActor,
  recordAudit,
  rejected,
  ruleBroken,
  type IdempotencyErrorCode,
  type MutationOutcome,
} from '@plantgraph/platform';
import type { ErpDb } from '../db/erp-db.ts';
import { lockOrderByNumber, markOrderReleased } from '../db/repositories/order-status.ts';
import { findUnrestrictedStockOfItems } from '../db/repositories/batch-stock.ts';
import { componentAvailability } from '../domain/component-requirements.ts';
import {
  checkOrderReleasable,
  type ReleaseAcknowledgment,
  type ReleaseErrorCode,
} from '../domain/order-release.ts';
import { rowToOrder } from '../domain/order.ts';
import { assembleExecutionContext } from './execution-context.ts';
import { ERP_SOURCE, idempotent } from './guard.ts';

/** A release as the caller asks for it. */
export interface ReleaseOrderRequest {
  readonly idempotencyKey: string;
  readonly orderNumber: string;
  readonly actor: string;
  readonly expectedRevision: number | null;
  /** The release date the revisions in effect are read at; null means now. */
  readonly releaseAt: Date | null;
}

export type ReleaseOrderCode = ReleaseErrorCode | IdempotencyErrorCode | 'ACTOR_REQUIRED';

const OPERATION = 'erp.releaseOrder';

/**
 * Releases a CREATED order in one transaction: checks the item revision, BOM and routing in effect
 * on the release date and the inspection plans its inspected steps need, pins the revisions, sets
 * RELEASED and writes `order.released` (the execution context) to the outbox, with an audit entry.
 * Any broken rule answers its code and changes nothing.
 */
export function releaseOrder(
  context: { readonly db: ErpDb; readonly correlationId: string },
  request: ReleaseOrderRequest,
): Promise<MutationOutcome<ReleaseAcknowledgment, ReleaseOrderCode>> {
  const { idempotencyKey, ...input } = request;
  return idempotent.run(
    context.db,
    { operation: OPERATION, key: idempotencyKey, input },
    async (trx): Promise<MutationOutcome<ReleaseAcknowledgment, ReleaseOrderCode>> => {
      const actorErrors = checkActor(request.actor);
      if (actorErrors.length > 0) return rejected(actorErrors);
      const orderRow = await lockOrderByNumber(trx, request.orderNumber);
      if (orderRow === undefined) {
        return rejected([
          ruleBroken('ORDER_NOT_FOUND', 'orderNumber', `no order ${request.orderNumber}`),
        ]);
      }
      const order = rowToOrder(orderRow);
      const orderErrors = checkOrderReleasable(order, request.expectedRevision);
      if (orderErrors.length > 0) return rejected(orderErrors);

      const releasedAt = request.releaseAt ?? new Date();
      const prepared = await assembleExecutionContext(trx, order, releasedAt);
      if (!prepared.ok) return prepared;
      const { execution, revision, bom, routing, requirements } = prepared.value;
      const stock = await findUnrestrictedStockOfItems(
        trx,
        requirements.map((r) => r.itemId),
        order.plantId,
      );
      const availability = componentAvailability(
        requirements,
        stock.map((s) => ({ itemId: s.item_id, quantity: { value: s.quantity, uom: s.uom } })),
      );
      const released = await markOrderReleased(trx, {
        orderId: order.id,
        revision: order.revision,
        releasedAt,
        itemRevisionId: revision.id,
        bomId: bom.id,
        routingId: routing.id,
      });
      const [event] = await appendToOutbox(trx, ERP_SOURCE, [
        {
          type: 'order.released',
          subject: order.number,
          aggregateType: 'Order',
          aggregateId: order.id,
          aggregateVersion: released.revision,
          plant: order.plantId,
          data: execution,
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
          aggregateType: 'Order',
          aggregateId: order.id,
          aggregateRevision: released.revision,
          revisionsInEffect: {
            itemRevision: revision.id,
            bom: bom.id,
            routing: routing.id,
            ...Object.fromEntries(
              execution.inspectionPoints.map((p) => [`plan@${p.sequence}`, p.planId]),
            ),
          },
          eventIds: [event.id],
        },
      ]);
      return accepted({
        orderId: order.id,
        orderNumber: order.number,
        status: 'RELEASED',
        revision: released.revision,
        releasedAt: releasedAt.toISOString(),
        pinnedItemRevisionId: revision.id,
        pinnedBomId: bom.id,
        pinnedRoutingId: routing.id,
        executionContext: execution,
        componentAvailability: availability,
        correlationId: context.correlationId,
        eventId: event.id,
      });
    },
  );
}
