import type { OrderResolvers } from '../__generated__/resolvers-types.ts';
import { toleranceOf } from '../domain/completeness-report.ts';
import { parentSide } from '../domain/lot-link.ts';
import { checkOrder } from '../services/order-completeness.ts';
import { specFromErp } from './spec-from-erp.ts';

export const Order: OrderResolvers = {
  __resolveReference: (reference) => {
    const spec = specFromErp(reference.id, reference);
    return spec === null ? { id: reference.id } : { id: reference.id, spec };
  },
  producedLots: (order, _args, { loaders }) => loaders.lotsOfOrder.load(order.id),
  // What the order consumed is the input side of the links it recorded.
  consumedLots: async (order, _args, { loaders }) =>
    (await loaders.linksOfOrder.load(order.id)).map(parentSide),
  genealogyCompleteness: (order, { tolerance }, context) => {
    // The gateway passes ERP's fields along whenever this field is asked for (@requires).
    if (order.spec === undefined) {
      throw new Error(`order ${order.id} was resolved without ERP's BOM and plan`);
    }
    return checkOrder(
      context,
      order.spec,
      toleranceOf(tolerance, context.limits.completenessTolerance),
    );
  },
};
