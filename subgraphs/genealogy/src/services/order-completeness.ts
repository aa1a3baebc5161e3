import type { GenealogyContext } from '../context.ts';
import { findOrdersMakingLotsAt } from '../db/repositories/lots.ts';
import {
  FINISHED_STATUSES,
  checkOrderCompleteness,
  type OrderCompleteness,
  type OrderSpec,
} from '../domain/completeness.ts';
import {
  reportId,
  type CompletenessReport,
  type ReportRequest,
} from '../domain/completeness-report.ts';

/** Checks one order's genealogy against what ERP says it should have consumed. */
export async function checkOrder(
  context: GenealogyContext,
  spec: OrderSpec,
  tolerance: number,
): Promise<OrderCompleteness | null> {
  // Both loaders batch and sum in SQL: checking every order of a report takes one query each.
  const [produced, consumption] = await Promise.all([
    context.loaders.productionOfOrder.load(spec.orderId),
    context.loaders.consumptionTotalsOfOrder.load(spec.orderId),
  ]);
  return checkOrderCompleteness(spec, produced, consumption, tolerance);
}

/** Opens a plant's report: the orders that made lots there in the range, by id. */
export async function openReport(
  context: GenealogyContext,
  request: ReportRequest,
): Promise<CompletenessReport> {
  const orderIds = await findOrdersMakingLotsAt(
    context.db,
    request.plantId,
    request.from,
    request.to,
  );
  return { id: reportId(request, orderIds), request, orderIds, specs: null };
}

async function checkReport(
  context: GenealogyContext,
  report: CompletenessReport,
): Promise<readonly OrderCompleteness[]> {
  // The gateway asks ERP for the specs before it asks for any field that reads them (@requires).
  if (report.specs === null) {
    throw new Error(`report ${report.id} was resolved without ERP's order specs`);
  }
  const finished = report.specs.filter(
    (spec) => FINISHED_STATUSES.has(spec.status) && spec.bom !== null,
  );
  const checks = await Promise.all(
    finished.map((spec) => checkOrder(context, spec, report.request.tolerance)),
  );
  return checks.filter((check) => check !== null);
}

/** The checks of a report's finished orders, computed once per request. */
export function reportChecks(
  context: GenealogyContext,
  report: CompletenessReport,
): Promise<readonly OrderCompleteness[]> {
  let checks = context.memo.reports.get(report.id);
  if (checks === undefined) {
    checks = checkReport(context, report);
    context.memo.reports.set(report.id, checks);
  }
  return checks;
}
