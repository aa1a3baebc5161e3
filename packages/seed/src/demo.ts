import type { DemoFacts } from './demo-facts.ts';

/**
 * Identifiers of the demo plant that the README, the IDE examples and the tests rely on. The
 * generator builds each of them on purpose (see `simulateDemo`) and refuses to load a demo whose
 * story no longer yields these values, so they hold for as long as the seed and catalog do.
 */
export const DEMO = {
  /** The Lyon plant (Europe/Paris). */
  plantLyon: 'plant-lyon',
  /** The Monterrey plant (America/Monterrey). */
  plantMonterrey: 'plant-monterrey',

  /** Id of the "lot across systems": a CP-100 pump lot made in Lyon under revision B. */
  finishedLotId: 'lot-000286',
  /** Its lot number: the starting point of the cross-system genealogy examples. */
  finishedLotNumber: 'L2607-0286',
  /** Its item: FG-1000, centrifugal pump CP-100. */
  finishedItemNumber: 'FG-1000',
  /** The closed production order that made it. */
  finishedLotOrderNumber: 'PO-100128',
  /** Lots on its longest backward path, itself included: pump ← module ← rotor ← shaft ← steel bar. */
  finishedLotBackwardDepth: 5,
  /** Its passed final inspection, with measured results against plan IP-FG-1000-FIN. */
  finishedLotFinalInspectionNumber: 'INS-000358',

  /** A supplier lot number at the far end of that chain; a forward trace reaches dozens of finished lots. */
  supplierLotNumber: 'AR-2614782',
  /** Code of the supplier that shipped it. */
  supplierCode: 'ACR',
  /** Name of the supplier that shipped it. */
  supplierName: 'Aciéries du Rhône',
  /** Our lot number for that supplier lot (a purchased lot of steel bar). */
  supplierLotLotNumber: 'L2602-0063',
  /** Its item: RM-3001, stainless steel round bar. */
  supplierLotItemNumber: 'RM-3001',
  /** Finished-good lots a forward trace from it reaches. */
  finishedLotsFromSupplierLot: 45,

  /** The lot on hold: first lot of an on-hold CP-150 order, failed its final inspection. */
  heldLotNumber: 'L2611-0484',
  /** The order on hold that made it. */
  heldLotOrderNumber: 'PO-100219',
  /** The failed final inspection (sound pressure above the limit). */
  heldLotInspectionNumber: 'INS-000610',
  /** The nonconformance it raised, still open. */
  heldLotNonconformanceNumber: 'NC-000018',

  /** An EPDM compound lot that failed receiving inspection and went back to the supplier (REJECTED). */
  rejectedLotNumber: 'L2605-0188',
  /** Its closed nonconformance, dispositioned RETURN_TO_SUPPLIER. */
  rejectedLotNonconformanceNumber: 'NC-000006',

  /** A completed order with a seeded genealogy gap: a BOM line whose consumption was never reported. */
  gapOrderNumber: 'PO-100209',
  /** The lot-tracked component of that line: RM-3007, power cable, in revision B of FG-1000. */
  gapComponentNumber: 'RM-3007',

  /** An item whose engineering revision changed in the middle of the order history. */
  revisionChangeItemNumber: 'FG-1000',
  /** The revision in effect before the change. */
  revisionBefore: 'A',
  /** The revision in effect from the change on (the supply cable joined the BOM, the routing gained a step). */
  revisionAfter: 'B',
  /** When revision B took effect. */
  revisionChangeDate: '2026-06-01T00:00:00.000Z',
  /** A date while revision A was still in effect, before the change (an `asOf` for history queries). */
  dateBetweenRevisions: '2026-05-15T12:00:00.000Z',
  /** A closed FG-1000 order released before the change: pinned to revision A. */
  orderPinnedBeforeChange: 'PO-100096',
  /** A closed FG-1000 order released after the change: pinned to revision B. */
  orderPinnedAfterChange: 'PO-100128',

  /** An order in CREATED status, ready to be released. */
  createdOrderNumber: 'PO-100230',
  /** An order in RELEASED status, not started yet. */
  releasedOrderNumber: 'PO-100225',
  /** An order IN_PROGRESS on the shop floor. */
  inProgressOrderNumber: 'PO-100223',

  /** Code of the customer that received the lot across systems. */
  finishedLotCustomerCode: 'NPS',
  /** Name of that customer. */
  finishedLotCustomerName: 'Nordic Process Solutions',
  /** The shipment that delivered it. */
  finishedLotShipmentNumber: 'SH-000095',
  /** Customers that received finished lots made from the DEMO supplier lot (a recall's reach). */
  customersFromSupplierLot: 4,
  /** A finished lot delivered in two parts, to two customers. */
  splitShipmentLotNumber: 'L2601-0046',
} as const satisfies DemoFacts;
