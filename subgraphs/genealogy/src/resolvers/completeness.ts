import { pageRequest } from '@plantgraph/platform';
import type {
  BomLineConsumptionResolvers,
  GenealogyCompletenessReportResolvers,
  GenealogyGapResolvers,
  OrderGenealogyCompletenessResolvers,
} from '../__generated__/resolvers-types.ts';
import { findOrdersMakingLotsAt } from '../db/repositories/lots.ts';
import { completenessFigures, pageOfGaps } from '../domain/completeness.ts';
import { ordersDigest, parseReportId } from '../domain/completeness-report.ts';
import { entityRef } from '../domain/entity-ref.ts';
import { parentSide } from '../domain/lot-link.ts';
import { reportChecks } from '../services/order-completeness.ts';
import { requiredOrders, specFromErp } from './spec-from-erp.ts';

export const OrderGenealogyCompleteness: OrderGenealogyCompletenessResolvers = {
  order: (check) => entityRef(check.orderId),
};

export const BomLineConsumption: BomLineConsumptionResolvers = {
  component: (line) => entityRef(line.componentId),
  consumedLots: async (line, _args, { loaders }) =>
    (await loaders.consumptionOfOrder.load(line.orderId))
      .filter((record) => record.componentId === line.componentId)
      .map((record) => parentSide(record.link)),
};

export const GenealogyGap: GenealogyGapResolvers = {
  order: (gap) => entityRef(gap.orderId),
  component: (gap) => (gap.componentId === null ? null : entityRef(gap.componentId)),
};

export const GenealogyCompletenessReport: GenealogyCompletenessReportResolvers = {
  __resolveReference: async (reference, { db }) => {
    const parsed = parseReportId(reference.id);
    if (parsed === null) return null;
    const { request, digest } = parsed;
    const orderIds = await findOrdersMakingLotsAt(db, request.plantId, request.from, request.to);
    const erpOrders = requiredOrders(reference);
    if (erpOrders === undefined) return { id: reference.id, request, orderIds, specs: null };
    // ERP's answers come in the order the orders were listed when the report opened.
    if (ordersDigest(orderIds) !== digest || erpOrders.length !== orderIds.length) {
      throw new Error(`the orders of report ${reference.id} changed while it was computed`);
    }
    const specs = orderIds.map((orderId, i) => {
      const spec = specFromErp(orderId, erpOrders[i] ?? {});
      // An order ERP does not know comes back without its fields: nothing to check it against.
      return (
        spec ?? {
          orderId,
          status: 'CANCELLED' as const,
          plannedQuantity: { value: '0', uom: '' },
          bom: null,
        }
      );
    });
    return { id: reference.id, request, orderIds, specs };
  },
  plant: (report) => entityRef(report.request.plantId),
  from: (report) => report.request.from,
  to: (report) => report.request.to,
  tolerance: (report) => report.request.tolerance,
  orders: (report) => report.orderIds.map(entityRef),
  ordersChecked: async (report, _args, context) =>
    completenessFigures(await reportChecks(context, report)).ordersChecked,
  ordersComplete: async (report, _args, context) =>
    completenessFigures(await reportChecks(context, report)).ordersComplete,
  score: async (report, _args, context) =>
    completenessFigures(await reportChecks(context, report)).score,
  lineScore: async (report, _args, context) =>
    completenessFigures(await reportChecks(context, report)).lineScore,
  gaps: async (report, { first, after }, context) =>
    pageOfGaps(
      completenessFigures(await reportChecks(context, report)).gaps,
      pageRequest(first, after),
    ),
};
