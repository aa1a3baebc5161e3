import type { NewBatchRow } from '../../../subgraphs/erp/src/db/tables/batch.ts';
import type { NewCustomerRow } from '../../../subgraphs/erp/src/db/tables/customer.ts';
import type { NewShipmentLineRow } from '../../../subgraphs/erp/src/db/tables/shipment-line.ts';
import type { NewShipmentRow } from '../../../subgraphs/erp/src/db/tables/shipment.ts';
import type { NewBomLineRow } from '../../../subgraphs/erp/src/db/tables/bom-line.ts';
import type { NewBomRow } from '../../../subgraphs/erp/src/db/tables/bom.ts';
import type { NewItemRevisionRow } from '../../../subgraphs/erp/src/db/tables/item-revision.ts';
import type { NewItemRow } from '../../../subgraphs/erp/src/db/tables/item.ts';
import type { NewPlantRow } from '../../../subgraphs/erp/src/db/tables/plant.ts';
import type { NewProductionOrderRow } from '../../../subgraphs/erp/src/db/tables/production-order.ts';
import type { NewRoutingStepRow } from '../../../subgraphs/erp/src/db/tables/routing-step.ts';
import type { NewRoutingRow } from '../../../subgraphs/erp/src/db/tables/routing.ts';
import type { NewSupplierRow } from '../../../subgraphs/erp/src/db/tables/supplier.ts';
import type { NewUnitConversionRow } from '../../../subgraphs/erp/src/db/tables/unit-conversion.ts';
import type { NewLotLinkRow } from '../../../subgraphs/genealogy/src/db/tables/lot-link.ts';
import type { NewLotRow } from '../../../subgraphs/genealogy/src/db/tables/lot.ts';
import type { NewExecutionRow } from '../../../subgraphs/mes/src/db/tables/execution.ts';
import type { NewLotProductionRow } from '../../../subgraphs/mes/src/db/tables/lot-production.ts';
import type { NewOperationRow } from '../../../subgraphs/mes/src/db/tables/operation.ts';
import type { NewInspectionPlanRow } from '../../../subgraphs/quality/src/db/tables/inspection-plan.ts';
import type { NewInspectionResultRow } from '../../../subgraphs/quality/src/db/tables/inspection-result.ts';
import type { NewInspectionRow } from '../../../subgraphs/quality/src/db/tables/inspection.ts';
import type { NewLotQualityRow } from '../../../subgraphs/quality/src/db/tables/lot-quality.ts';
import type { NewNonconformanceRow } from '../../../subgraphs/quality/src/db/tables/nonconformance.ts';
import type { NewPlanCharacteristicRow } from '../../../subgraphs/quality/src/db/tables/plan-characteristic.ts';
import { isoDate, SEED_NOW } from './clock.ts';
import { ITEMS, PLANTS, SUPPLIERS } from './catalog.ts';
import type { ItemDef } from './catalog-types.ts';
import type { DemoSimulation } from './demo-simulation.ts';
import { shipmentRows } from './demo-shipments.ts';
import { ids } from './identifiers.ts';
import type { SimLot, SimOrder } from './simulation-types.ts';

/** The demo as rows, table by table, in an order that satisfies every foreign key. */
export interface DemoRows {
  readonly erp: {
    readonly plant: NewPlantRow[];
    readonly supplier: NewSupplierRow[];
    readonly item: NewItemRow[];
    readonly item_revision: NewItemRevisionRow[];
    readonly bom: NewBomRow[];
    readonly bom_line: NewBomLineRow[];
    readonly routing: NewRoutingRow[];
    readonly routing_step: NewRoutingStepRow[];
    readonly unit_conversion: NewUnitConversionRow[];
    readonly production_order: NewProductionOrderRow[];
    readonly batch: NewBatchRow[];
    readonly customer: NewCustomerRow[];
    readonly shipment: NewShipmentRow[];
    readonly shipment_line: NewShipmentLineRow[];
  };
  readonly mes: {
    readonly execution: NewExecutionRow[];
    readonly operation: NewOperationRow[];
    readonly lot_production: NewLotProductionRow[];
  };
  readonly quality: {
    readonly inspection_plan: NewInspectionPlanRow[];
    readonly plan_characteristic: NewPlanCharacteristicRow[];
    readonly lot_quality: NewLotQualityRow[];
    readonly inspection: NewInspectionRow[];
    readonly inspection_result: NewInspectionResultRow[];
    readonly nonconformance: NewNonconformanceRow[];
  };
  readonly genealogy: {
    readonly lot: NewLotRow[];
    readonly lot_link: NewLotLinkRow[];
  };
}

const at = (t: number) => new Date(t);
const orderId = (order: SimOrder) => ids.order(order.seq);
const lotId = (lot: SimLot) => ids.lot(lot.seq);

/** Master data rows: plants, suppliers, items with their revisions, BOMs, routings, conversions. */
export function masterDataRows(): Pick<
  DemoRows['erp'],
  | 'plant'
  | 'supplier'
  | 'item'
  | 'item_revision'
  | 'bom'
  | 'bom_line'
  | 'routing'
  | 'routing_step'
  | 'unit_conversion'
> {
  const rows = {
    plant: Object.values(PLANTS).map(({ id, code, name, timezone }) => ({
      id,
      code,
      name,
      timezone,
    })),
    supplier: SUPPLIERS.map(({ id, code, name, country }) => ({ id, code, name, country })),
    item: [] as NewItemRow[],
    item_revision: [] as NewItemRevisionRow[],
    bom: [] as NewBomRow[],
    bom_line: [] as NewBomLineRow[],
    routing: [] as NewRoutingRow[],
    routing_step: [] as NewRoutingStepRow[],
    unit_conversion: [] as NewUnitConversionRow[],
  };
  const byNumber = new Map<string, ItemDef>(ITEMS.map((item) => [item.number, item]));
  for (const item of ITEMS) {
    const lastChange = Math.max(...item.revisions.map((r) => r.effectiveFrom));
    rows.item.push({
      id: item.id,
      number: item.number,
      description: item.description,
      base_uom: item.baseUom,
      tracking: item.tracking,
      type: item.type,
      revision: item.revisions.length,
      source_key: `MATNR ${item.number}`,
      updated_at: at(lastChange),
    });
    for (const conversion of item.conversions) {
      rows.unit_conversion.push({
        item_id: item.id,
        from_uom: conversion.from,
        to_uom: conversion.to,
        factor: conversion.factor,
      });
    }
    for (const revision of item.revisions) {
      const revisionId = ids.itemRevision(item, revision);
      rows.item_revision.push({
        id: revisionId,
        item_id: item.id,
        revision: revision.revision,
        change_number: revision.changeNumber,
        status: revision.status,
        effective_from: at(revision.effectiveFrom),
        effective_to: revision.effectiveTo === null ? null : at(revision.effectiveTo),
      });
      if (revision.bom) {
        const bomId = ids.bom(item, revision);
        rows.bom.push({
          id: bomId,
          item_revision_id: revisionId,
          revision: revision.revision,
          status: revision.status,
          base_quantity: revision.bom.baseQuantity,
          base_uom: item.baseUom,
        });
        revision.bom.lines.forEach((line, i) => {
          const component = byNumber.get(line.component);
          if (!component) throw new Error(`${item.number} uses unknown ${line.component}`);
          rows.bom_line.push({
            bom_id: bomId,
            line_number: (i + 1) * 10,
            component_item_id: component.id,
            quantity: line.quantity,
            uom: line.uom,
          });
        });
      }
      if (revision.routing) {
        const routingId = ids.routing(item, revision);
        rows.routing.push({
          id: routingId,
          item_revision_id: revisionId,
          revision: revision.revision,
          status: revision.status,
        });
        revision.routing.forEach((step, i) => {
          rows.routing_step.push({
            routing_id: routingId,
            sequence: (i + 1) * 10,
            operation_code: step.code,
            description: step.description,
            work_center: step.workCenter,
            standard_minutes: step.minutes,
            requires_inspection: step.inspection !== undefined,
          });
        });
      }
    }
  }
  return rows;
}

/** Unrestricted stock: what is left of a released lot that has not shipped. */
function unrestrictedStock(lot: SimLot): string {
  if (lot.quality.status !== 'RELEASED' || lot.shippedAt !== null || lot.wip) return '0';
  return lot.remaining.toFixed();
}

/** Every row of the demo. */
export function demoRows(sim: DemoSimulation): DemoRows {
  const master = masterDataRows();
  const rows: DemoRows = {
    erp: { ...master, production_order: [], batch: [], ...shipmentRows(sim) },
    mes: { execution: [], operation: [], lot_production: [] },
    quality: {
      inspection_plan: [],
      plan_characteristic: [],
      lot_quality: [],
      inspection: [],
      inspection_result: [],
      nonconformance: [],
    },
    genealogy: { lot: [], lot_link: [] },
  };
  const operationIds = new Map<object, string>();

  for (const order of sim.orders) {
    const pinned = order.pinned;
    rows.erp.production_order.push({
      id: orderId(order),
      number: ids.orderNumber(order.seq),
      plant_id: order.plant.id,
      item_id: order.item.id,
      planned_quantity: String(order.quantity),
      uom: order.item.baseUom,
      status: order.status,
      due_date: isoDate(order.dueDate),
      created_at: at(order.createdAt),
      released_at: order.releasedAt === null ? null : at(order.releasedAt),
      pinned_item_revision_id: pinned ? ids.itemRevision(order.item, pinned) : null,
      pinned_bom_id: pinned?.bom ? ids.bom(order.item, pinned) : null,
      pinned_routing_id: pinned?.routing ? ids.routing(order.item, pinned) : null,
      // The demo's held order was in production when an inspection of its output failed.
      status_before_hold: order.status === 'ON_HOLD' ? 'IN_PROGRESS' : null,
      status_reason: order.status === 'ON_HOLD' ? 'an inspection of its output failed' : null,
      revision: order.revision,
      source_key: `AUFNR ${ids.orderNumber(order.seq).slice(3)}`,
      updated_at: at(order.lastChangeAt),
    });
    const execution = order.execution;
    if (!execution) continue;
    rows.mes.execution.push({
      order_id: orderId(order),
      plant_id: order.plant.id,
      status: execution.status,
      started_at: execution.startedAt === null ? null : at(execution.startedAt),
      completed_at: execution.completedAt === null ? null : at(execution.completedAt),
      good_quantity: String(execution.good),
      scrap_quantity: String(execution.scrap),
      uom: order.item.baseUom,
      revision: execution.revision,
      updated_at: at(
        Math.max(
          order.releasedAt ?? order.createdAt,
          execution.completedAt ?? execution.startedAt ?? 0,
        ),
      ),
    });
    for (const op of order.operations) {
      const id = ids.operation(order.seq, op.sequence);
      operationIds.set(op, id);
      rows.mes.operation.push({
        id,
        order_id: orderId(order),
        sequence: op.sequence,
        operation_code: op.step.code,
        description: op.step.description,
        work_center: op.step.workCenter,
        status: op.status,
        planned_quantity: String(op.planned),
        good_quantity: String(op.good),
        scrap_quantity: String(op.scrap),
        uom: order.item.baseUom,
        started_at: op.startedAt === null ? null : at(op.startedAt),
        completed_at: op.completedAt === null ? null : at(op.completedAt),
        requires_inspection: op.step.inspection !== undefined,
        revision: op.revision,
        updated_at: at(op.completedAt ?? op.startedAt ?? order.releasedAt ?? order.createdAt),
      });
    }
  }

  for (const lot of sim.lots) {
    const id = lotId(lot);
    rows.genealogy.lot.push({
      id,
      number: ids.lotNumber(lot.seq, lot.createdAt),
      item_id: lot.item.id,
      plant_id: lot.plant.id,
      quantity: lot.quantity.toFixed(),
      uom: lot.item.baseUom,
      origin: lot.origin,
      order_id: lot.order ? orderId(lot.order) : null,
      created_at: at(lot.createdAt),
      revision: 1,
      updated_at: at(lot.createdAt),
    });
    rows.erp.batch.push({
      lot_id: id,
      plant_id: lot.plant.id,
      supplier_id: lot.supplier?.id ?? null,
      supplier_lot_number: lot.supplierLotNumber,
      manufactured_on: isoDate(lot.manufacturedOn),
      expires_on: lot.expiresOn === null ? null : isoDate(lot.expiresOn),
      stock_quantity: unrestrictedStock(lot),
      stock_uom: lot.item.baseUom,
      revision: 1 + lot.movements + (lot.shippedAt === null ? 0 : 1),
      updated_at: at(Math.max(lot.lastMovementAt, lot.shippedAt ?? 0, lot.quality.changedAt)),
    });
    const nc = lot.quality.nonconformance;
    rows.quality.lot_quality.push({
      lot_id: id,
      status: lot.quality.status,
      reason: nc
        ? lot.quality.reason.replace('{nc}', ids.nonconformanceNumber(nc.seq))
        : lot.quality.reason,
      changed_at: at(lot.quality.changedAt),
      revision: lot.quality.revision,
    });
    if (lot.order)
      rows.mes.lot_production.push({
        lot_id: id,
        order_id: orderId(lot.order),
        produced_at: at(lot.createdAt),
      });
  }

  for (const link of sim.links) {
    rows.genealogy.lot_link.push({
      id: ids.link(link.seq),
      parent_lot_id: lotId(link.parent),
      child_lot_id: lotId(link.child),
      quantity: link.quantity.toFixed(),
      uom: link.parent.item.baseUom,
      order_id: orderId(link.order),
      linked_at: at(link.linkedAt),
    });
  }

  for (const plan of sim.plans) {
    rows.quality.inspection_plan.push({
      id: plan.id,
      number: plan.number,
      item_id: plan.item.id,
      item_revision_id: ids.itemRevision(plan.item, plan.itemRevision),
      type: plan.type,
      revision: plan.revision,
      status: plan.status,
      effective_from: at(plan.effectiveFrom),
      effective_to: plan.effectiveTo === null ? null : at(plan.effectiveTo),
      // Last changed when it was approved, or made obsolete; never after the demo's clock.
      updated_at: at(
        Math.min(
          plan.status === 'OBSOLETE' && plan.effectiveTo !== null
            ? plan.effectiveTo
            : plan.effectiveFrom,
          SEED_NOW,
        ),
      ),
    });
    plan.characteristics.forEach((c, i) => {
      rows.quality.plan_characteristic.push({
        plan_id: plan.id,
        code: c.code,
        position: i + 1,
        name: c.name,
        uom: c.uom,
        lower_limit: c.lower,
        upper_limit: c.upper,
        target: c.target,
      });
    });
  }

  for (const inspection of sim.inspections) {
    const id = ids.inspection(inspection.seq);
    const operationId = inspection.operation ? operationIds.get(inspection.operation) : undefined;
    rows.quality.inspection.push({
      id,
      number: ids.inspectionNumber(inspection.seq),
      lot_id: lotId(inspection.lot),
      order_id: inspection.order ? orderId(inspection.order) : null,
      operation_id: operationId ?? null,
      type: inspection.type,
      status: inspection.status,
      plan_id: inspection.plan.id,
      inspected_at: inspection.inspectedAt === null ? null : at(inspection.inspectedAt),
      inspector: inspection.inspector,
      created_at: at(inspection.createdAt),
      revision: inspection.status === 'PLANNED' ? 1 : inspection.status === 'IN_PROGRESS' ? 2 : 3,
      updated_at: at(inspection.inspectedAt ?? inspection.createdAt),
    });
    for (const result of inspection.results) {
      rows.quality.inspection_result.push({
        inspection_id: id,
        characteristic_code: result.characteristic.code,
        measured: result.measured,
        verdict: result.verdict,
      });
    }
  }

  for (const nc of sim.nonconformances) {
    rows.quality.nonconformance.push({
      id: ids.nonconformance(nc.seq),
      number: ids.nonconformanceNumber(nc.seq),
      lot_id: lotId(nc.lot),
      order_id: nc.inspection.order ? orderId(nc.inspection.order) : null,
      operation_id: nc.inspection.operation
        ? (operationIds.get(nc.inspection.operation) ?? null)
        : null,
      inspection_id: ids.inspection(nc.inspection.seq),
      severity: nc.severity,
      status: nc.status,
      description: nc.description,
      disposition: nc.disposition,
      raised_at: at(nc.raisedAt),
      revision: nc.revision,
      updated_at: at(nc.lastChangeAt),
    });
  }
  return rows;
}
