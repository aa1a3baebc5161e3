import { instant } from './clock.ts';
import { SUPPLIERS } from './catalog.ts';
import type { DemoSimulation } from './demo-simulation.ts';
import { demoDeliveries, shipmentRows } from './demo-shipments.ts';
import { ids } from './identifiers.ts';
import type { SimLink, SimLot, SimOrder } from './simulation-types.ts';

/** The shape of `DEMO`: identifiers the README, IDE examples and tests rely on. */
export interface DemoFacts {
  readonly plantLyon: string;
  readonly plantMonterrey: string;
  readonly finishedLotId: string;
  readonly finishedLotNumber: string;
  readonly finishedItemNumber: string;
  readonly finishedLotOrderNumber: string;
  readonly finishedLotBackwardDepth: number;
  readonly finishedLotFinalInspectionNumber: string;
  readonly supplierLotNumber: string;
  readonly supplierCode: string;
  readonly supplierName: string;
  readonly supplierLotLotNumber: string;
  readonly supplierLotItemNumber: string;
  readonly finishedLotsFromSupplierLot: number;
  readonly heldLotNumber: string;
  readonly heldLotOrderNumber: string;
  readonly heldLotInspectionNumber: string;
  readonly heldLotNonconformanceNumber: string;
  readonly rejectedLotNumber: string;
  readonly rejectedLotNonconformanceNumber: string;
  readonly gapOrderNumber: string;
  readonly gapComponentNumber: string;
  readonly revisionChangeItemNumber: string;
  readonly revisionBefore: string;
  readonly revisionAfter: string;
  readonly revisionChangeDate: string;
  readonly dateBetweenRevisions: string;
  readonly orderPinnedBeforeChange: string;
  readonly orderPinnedAfterChange: string;
  readonly createdOrderNumber: string;
  readonly releasedOrderNumber: string;
  readonly inProgressOrderNumber: string;
  readonly finishedLotCustomerCode: string;
  readonly finishedLotCustomerName: string;
  readonly finishedLotShipmentNumber: string;
  readonly customersFromSupplierLot: number;
  readonly splitShipmentLotNumber: string;
}

function lotNumber(lot: SimLot): string {
  return ids.lotNumber(lot.seq, lot.createdAt);
}

function orderNumber(order: SimOrder): string {
  return ids.orderNumber(order.seq);
}

function firstBySeq<T extends { seq: number }>(records: readonly T[], what: string): T {
  const first = [...records].sort((a, b) => a.seq - b.seq)[0];
  if (!first) throw new Error(`the demo has no ${what}`);
  return first;
}

/**
 * Reads the story's identifiers off the simulation and checks the properties the examples
 * promise (a deep backward chain, a supplier lot reaching several finished lots, ...).
 */
export function demoFacts(sim: DemoSimulation): DemoFacts {
  const parents = new Map<SimLot, SimLink[]>();
  const children = new Map<SimLot, SimLink[]>();
  for (const link of sim.links) {
    parents.set(link.child, [...(parents.get(link.child) ?? []), link]);
    children.set(link.parent, [...(children.get(link.parent) ?? []), link]);
  }
  const depth = (lot: SimLot): number =>
    1 + Math.max(0, ...(parents.get(lot) ?? []).map((link) => depth(link.parent)));
  const ancestors = (lot: SimLot, into = new Set<SimLot>()): Set<SimLot> => {
    for (const link of parents.get(lot) ?? []) {
      if (!into.has(link.parent)) {
        into.add(link.parent);
        ancestors(link.parent, into);
      }
    }
    return into;
  };
  const descendants = (lot: SimLot, into = new Set<SimLot>()): Set<SimLot> => {
    for (const link of children.get(lot) ?? []) {
      if (!into.has(link.child)) {
        into.add(link.child);
        descendants(link.child, into);
      }
    }
    return into;
  };
  const { story } = sim;

  const across = firstBySeq(
    sim.lots.filter((l) => l.order === story.acrossSystems),
    'lot across systems',
  );
  const finalInspection = sim.inspections.find(
    (i) => i.lot === across && i.type === 'FINAL' && i.status === 'PASSED',
  );
  if (!finalInspection || depth(across) < 5)
    throw new Error('the lot across systems lost its chain or inspection');

  const supplierLots = [...ancestors(across)].filter(
    (l) => l.origin === 'PURCHASED' && l.item.number === 'RM-3001',
  );
  const reach = (lot: SimLot) =>
    [...descendants(lot)].filter((d) => d.item.type === 'FINISHED_GOOD').length;
  const supplierLot = [...supplierLots].sort((a, b) => reach(b) - reach(a) || a.seq - b.seq)[0];
  const supplier = SUPPLIERS.find((s) => s.id === supplierLot?.supplier?.id);
  if (!supplierLot || !supplier || !supplierLot.supplierLotNumber || reach(supplierLot) < 3) {
    throw new Error('no supplier lot reaches several finished lots');
  }

  const heldLot = firstBySeq(
    sim.lots.filter((l) => l.order === story.held && l.quality.status === 'ON_HOLD'),
    'held lot',
  );
  const heldNc = sim.nonconformances.find((n) => n.lot === heldLot && n.status === 'OPEN');
  if (!heldNc) throw new Error('the held lot has no open nonconformance');

  const rejected = firstBySeq(
    sim.nonconformances.filter(
      (n) =>
        n.lot.item.number === 'RM-3003' &&
        n.lot.plant.id === 'plant-lyon' &&
        n.disposition === 'RETURN_TO_SUPPLIER' &&
        n.lot.quality.status === 'REJECTED',
    ),
    'rejected compound lot',
  );
  for (const status of ['OPEN', 'DISPOSITIONED', 'CLOSED'] as const) {
    if (!sim.nonconformances.some((n) => n.status === status))
      throw new Error(`no ${status} nonconformance`);
  }

  const changeItem = story.acrossSystems.item;
  const before = changeItem.revisions.find((r) => r.revision === 'A');
  const after = changeItem.revisions.find((r) => r.revision === 'B');
  if (!before || !after || story.acrossSystems.pinned !== after)
    throw new Error('the revision change story is broken');
  const pinnedBefore = [...sim.orders]
    .filter(
      (o) =>
        o.item === changeItem &&
        o.plant === story.acrossSystems.plant &&
        o.pinned === before &&
        o.status === 'CLOSED',
    )
    .sort((a, b) => b.seq - a.seq)[0];
  if (!pinnedBefore) throw new Error('no closed order pinned to the earlier revision');

  const expectStatus = (order: SimOrder, status: SimOrder['status']) => {
    if (order.status !== status)
      throw new Error(`${orderNumber(order)} is ${order.status}, the story needs ${status}`);
    return orderNumber(order);
  };
  expectStatus(story.acrossSystems, 'CLOSED');
  expectStatus(story.held, 'ON_HOLD');
  expectStatus(story.gap, 'COMPLETED');

  const deliveries = demoDeliveries(sim);
  const acrossDelivery = deliveries.find((d) => d.lot === across);
  const shipped = shipmentRows(sim);
  const acrossLine = shipped.shipment_line.find((l) => l.lot_id === ids.lot(across.seq));
  const acrossShipment = shipped.shipment.find((s) => s.id === acrossLine?.shipment_id);
  if (!acrossDelivery || !acrossShipment) throw new Error('the lot across systems never shipped');
  const recalled = new Set(
    [...descendants(supplierLot)].filter((d) => d.item.type === 'FINISHED_GOOD'),
  );
  const recallCustomers = new Set(
    deliveries.filter((d) => recalled.has(d.lot)).map((d) => d.customer.id),
  );
  const split = firstBySeq(
    [...new Set(deliveries.map((d) => d.lot))].filter(
      (lot) => new Set(deliveries.filter((d) => d.lot === lot).map((d) => d.customer)).size > 1,
    ),
    'lot shipped to two customers',
  );

  return {
    plantLyon: 'plant-lyon',
    plantMonterrey: 'plant-monterrey',
    finishedLotId: ids.lot(across.seq),
    finishedLotNumber: lotNumber(across),
    finishedItemNumber: across.item.number,
    finishedLotOrderNumber: orderNumber(story.acrossSystems),
    finishedLotBackwardDepth: depth(across),
    finishedLotFinalInspectionNumber: ids.inspectionNumber(finalInspection.seq),
    supplierLotNumber: supplierLot.supplierLotNumber,
    supplierCode: supplier.code,
    supplierName: supplier.name,
    supplierLotLotNumber: lotNumber(supplierLot),
    supplierLotItemNumber: supplierLot.item.number,
    finishedLotsFromSupplierLot: reach(supplierLot),
    heldLotNumber: lotNumber(heldLot),
    heldLotOrderNumber: orderNumber(story.held),
    heldLotInspectionNumber: ids.inspectionNumber(heldNc.inspection.seq),
    heldLotNonconformanceNumber: ids.nonconformanceNumber(heldNc.seq),
    rejectedLotNumber: lotNumber(rejected.lot),
    rejectedLotNonconformanceNumber: ids.nonconformanceNumber(rejected.seq),
    gapOrderNumber: orderNumber(story.gap),
    gapComponentNumber: 'RM-3007',
    revisionChangeItemNumber: changeItem.number,
    revisionBefore: before.revision,
    revisionAfter: after.revision,
    revisionChangeDate: new Date(after.effectiveFrom).toISOString(),
    dateBetweenRevisions: new Date(instant('2026-05-15T12:00:00Z')).toISOString(),
    orderPinnedBeforeChange: orderNumber(pinnedBefore),
    orderPinnedAfterChange: orderNumber(story.acrossSystems),
    createdOrderNumber: expectStatus(story.created, 'CREATED'),
    releasedOrderNumber: expectStatus(story.released, 'RELEASED'),
    inProgressOrderNumber: expectStatus(story.inProgress, 'IN_PROGRESS'),
    finishedLotCustomerCode: acrossDelivery.customer.code,
    finishedLotCustomerName: acrossDelivery.customer.name,
    finishedLotShipmentNumber: acrossShipment.number,
    customersFromSupplierLot: recallCustomers.size,
    splitShipmentLotNumber: lotNumber(split),
  };
}
