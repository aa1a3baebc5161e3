import type {
  ComponentAvailabilityResolvers,
  ExecutionComponentResolvers,
  ExecutionInspectionPointResolvers,
  MutationResolvers,
  MutationHoldOrderArgs,
  OrderReleaseAcknowledgmentResolvers,
  OrderStatusChangeResolvers,
} from '../__generated__/resolvers-types.ts';
import type { ErpContext } from '../context.ts';
import type { OrderAction } from '../domain/order-lifecycle.ts';
import type { ErpLoaders } from '../loaders.ts';
import { changeOrderStatus } from '../mutations/change-order-status.ts';
import { releaseOrder } from '../mutations/release-order.ts';

/** The four status changes share one input and one payload. */
function statusChange(action: OrderAction) {
  return async (
    _parent: unknown,
    { input }: MutationHoldOrderArgs,
    { db, correlationId }: ErpContext,
  ) => {
    const outcome = await changeOrderStatus({ db, correlationId }, action, {
      idempotencyKey: input.idempotencyKey,
      orderNumber: input.orderNumber,
      actor: input.actor,
      reason: input.reason ?? null,
      expectedRevision: input.expectedRevision ?? null,
    });
    return outcome.ok
      ? { change: outcome.value, errors: [] }
      : { change: null, errors: [...outcome.errors] };
  };
}

export const Mutation: MutationResolvers = {
  releaseOrder: async (_parent, { input }, { db, correlationId }) => {
    const outcome = await releaseOrder(
      { db, correlationId },
      {
        idempotencyKey: input.idempotencyKey,
        orderNumber: input.orderNumber,
        actor: input.actor,
        expectedRevision: input.expectedRevision ?? null,
        releaseAt: input.releaseAt ?? null,
      },
    );
    return outcome.ok
      ? { acknowledgment: outcome.value, errors: [] }
      : { acknowledgment: null, errors: [...outcome.errors] };
  },
  holdOrder: statusChange('HOLD'),
  resumeOrder: statusChange('RESUME'),
  cancelOrder: statusChange('CANCEL'),
  closeOrder: statusChange('CLOSE'),
};

async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const found = await value;
  if (found === null) throw new Error(`${what} is missing`);
  return found;
}

const itemOf = (loaders: ErpLoaders, itemId: string) =>
  required(loaders.item.load(itemId), `item ${itemId}`);

export const OrderReleaseAcknowledgment: OrderReleaseAcknowledgmentResolvers = {
  order: (ack, _args, { loaders }) =>
    required(loaders.order.load(ack.orderId), `order ${ack.orderId}`),
  pinnedItemRevision: (ack, _args, { loaders }) =>
    required(
      loaders.revision.load(ack.pinnedItemRevisionId),
      `revision ${ack.pinnedItemRevisionId}`,
    ),
  pinnedBom: (ack, _args, { loaders }) =>
    required(loaders.bom.load(ack.pinnedBomId), `BOM ${ack.pinnedBomId}`),
  pinnedRouting: (ack, _args, { loaders }) =>
    required(loaders.routing.load(ack.pinnedRoutingId), `routing ${ack.pinnedRoutingId}`),
};

export const OrderStatusChange: OrderStatusChangeResolvers = {
  order: (change, _args, { loaders }) =>
    required(loaders.order.load(change.orderId), `order ${change.orderId}`),
};

export const ExecutionComponent: ExecutionComponentResolvers = {
  component: (line, _args, { loaders }) => itemOf(loaders, line.itemId),
};

export const ComponentAvailability: ComponentAvailabilityResolvers = {
  component: (line, _args, { loaders }) => itemOf(loaders, line.itemId),
};

export const ExecutionInspectionPoint: ExecutionInspectionPointResolvers = {
  plan: (point) => ({ id: point.planId }),
};
