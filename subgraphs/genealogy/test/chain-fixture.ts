import type { GenealogyDb } from '../src/db/genealogy-db.ts';
import type { NewLotRow } from '../src/db/tables/lot.ts';
import type { NewLotLinkRow } from '../src/db/tables/lot-link.ts';

/**
 * A realistic pump build: two purchased steel lots go into one bracket lot (fan-in), the
 * bracket into a housing subassembly, the housing into two finished pump lots (fan-out), and a
 * purchased gasket lot into both pumps (fan-in at the finished level).
 */
export const PLANT = 'plant-lyon';
export const UPDATED_AT = new Date('2026-03-10T12:00:00Z');

export const LOTS = [
  {
    id: 'lot-steel-a',
    number: 'RM-24001',
    item_id: 'item-steel',
    plant_id: PLANT,
    quantity: '500.000',
    uom: 'KG',
    origin: 'PURCHASED',
    order_id: null,
    created_at: new Date('2026-02-20T07:15:00Z'),
    updated_at: UPDATED_AT,
  },
  {
    id: 'lot-steel-b',
    number: 'RM-24002',
    item_id: 'item-steel',
    plant_id: PLANT,
    quantity: '480.5',
    uom: 'KG',
    origin: 'PURCHASED',
    order_id: null,
    created_at: new Date('2026-02-21T07:15:00Z'),
    updated_at: UPDATED_AT,
  },
  {
    id: 'lot-gasket',
    number: 'RM-24003',
    item_id: 'item-gasket',
    plant_id: PLANT,
    quantity: '1000',
    uom: 'EA',
    origin: 'PURCHASED',
    order_id: null,
    created_at: new Date('2026-02-22T07:15:00Z'),
    updated_at: UPDATED_AT,
  },
  {
    id: 'lot-bracket',
    number: 'IM-25001',
    item_id: 'item-bracket',
    plant_id: PLANT,
    quantity: '200',
    uom: 'EA',
    origin: 'PRODUCED',
    order_id: 'ord-bracket',
    created_at: new Date('2026-03-02T16:00:00Z'),
    updated_at: UPDATED_AT,
  },
  {
    id: 'lot-housing',
    number: 'SA-26001',
    item_id: 'item-housing',
    plant_id: PLANT,
    quantity: '100',
    uom: 'EA',
    origin: 'PRODUCED',
    order_id: 'ord-housing',
    created_at: new Date('2026-03-04T15:00:00Z'),
    updated_at: UPDATED_AT,
  },
  {
    id: 'lot-pump-1',
    number: 'FG-27001',
    item_id: 'item-pump',
    plant_id: PLANT,
    quantity: '50',
    uom: 'EA',
    origin: 'PRODUCED',
    order_id: 'ord-pump',
    created_at: new Date('2026-03-06T14:00:00Z'),
    updated_at: UPDATED_AT,
  },
  {
    id: 'lot-pump-2',
    number: 'FG-27002',
    item_id: 'item-pump',
    plant_id: PLANT,
    quantity: '50',
    uom: 'EA',
    origin: 'PRODUCED',
    order_id: 'ord-pump',
    created_at: new Date('2026-03-06T18:00:00Z'),
    updated_at: UPDATED_AT,
  },
] as const satisfies readonly NewLotRow[];

// Ids and insertion order deliberately disagree with linked_at, so "oldest first" is observable.
export const LINKS = [
  {
    id: 'link-a',
    parent_lot_id: 'lot-housing',
    child_lot_id: 'lot-pump-1',
    quantity: '50',
    uom: 'EA',
    order_id: 'ord-pump',
    linked_at: new Date('2026-03-06T10:00:00Z'),
  },
  {
    id: 'link-b',
    parent_lot_id: 'lot-gasket',
    child_lot_id: 'lot-pump-1',
    quantity: '100',
    uom: 'EA',
    order_id: 'ord-pump',
    linked_at: new Date('2026-03-06T09:00:00Z'),
  },
  {
    id: 'link-c',
    parent_lot_id: 'lot-steel-b',
    child_lot_id: 'lot-bracket',
    quantity: '80.25',
    uom: 'KG',
    order_id: 'ord-bracket',
    linked_at: new Date('2026-03-02T09:30:00Z'),
  },
  {
    id: 'link-d',
    parent_lot_id: 'lot-steel-a',
    child_lot_id: 'lot-bracket',
    quantity: '120.5',
    uom: 'KG',
    order_id: 'ord-bracket',
    linked_at: new Date('2026-03-02T08:00:00Z'),
  },
  {
    id: 'link-e',
    parent_lot_id: 'lot-bracket',
    child_lot_id: 'lot-housing',
    quantity: '100',
    uom: 'EA',
    order_id: 'ord-housing',
    linked_at: new Date('2026-03-04T07:00:00Z'),
  },
  {
    id: 'link-f',
    parent_lot_id: 'lot-gasket',
    child_lot_id: 'lot-pump-2',
    quantity: '100',
    uom: 'EA',
    order_id: 'ord-pump',
    linked_at: new Date('2026-03-06T11:05:00Z'),
  },
  {
    id: 'link-g',
    parent_lot_id: 'lot-housing',
    child_lot_id: 'lot-pump-2',
    quantity: '50',
    uom: 'EA',
    order_id: 'ord-pump',
    linked_at: new Date('2026-03-06T11:00:00Z'),
  },
  // A rework transfer recorded without an order.
  {
    id: 'link-h',
    parent_lot_id: 'lot-steel-a',
    child_lot_id: 'lot-housing',
    quantity: '2.5',
    uom: 'KG',
    order_id: null,
    linked_at: new Date('2026-03-04T08:00:00Z'),
  },
] as const satisfies readonly NewLotLinkRow[];

export type FixtureLot = (typeof LOTS)[number];
export type FixtureLink = (typeof LINKS)[number];

/** Inserts the chain. */
export async function seedChain(db: GenealogyDb): Promise<void> {
  await db
    .insertInto('lot')
    .values([...LOTS])
    .execute();
  await db
    .insertInto('lot_link')
    .values([...LINKS])
    .execute();
}

/** The fixture lot with `id`; throws when the test names one that does not exist. */
export function fixtureLot(id: string): FixtureLot {
  const lot = LOTS.find((candidate) => candidate.id === id);
  if (!lot) throw new Error(`no fixture lot ${id}`);
  return lot;
}

/** A link as the API shows it from one side, computed from the fixture alone. */
export function linkAsSeen(link: FixtureLink, otherLotId: string) {
  return {
    lot: { number: fixtureLot(otherLotId).number },
    quantity: { value: link.quantity, uom: link.uom },
    order: link.order_id === null ? null : { id: link.order_id },
    linkedAt: link.linked_at.toISOString(),
  };
}

function oldestFirst(a: FixtureLink, b: FixtureLink): number {
  return a.linked_at.getTime() - b.linked_at.getTime();
}

/** What went into `lotId`, oldest first, from the fixture. */
export function expectedParents(lotId: string) {
  return LINKS.filter((l) => l.child_lot_id === lotId)
    .sort(oldestFirst)
    .map((l) => linkAsSeen(l, l.parent_lot_id));
}

/** What `lotId` went into, oldest first, from the fixture. */
export function expectedChildren(lotId: string) {
  return LINKS.filter((l) => l.parent_lot_id === lotId)
    .sort(oldestFirst)
    .map((l) => linkAsSeen(l, l.child_lot_id));
}

/** What order `orderId` consumed, oldest first, from the fixture. */
export function expectedConsumed(orderId: string) {
  return LINKS.filter((l) => l.order_id === orderId)
    .sort(oldestFirst)
    .map((l) => linkAsSeen(l, l.parent_lot_id));
}

/** Lot numbers sorted; the fixture's numbers share one shape, so every collation agrees. */
export function sortedNumbers(lots: readonly { number: string }[]): string[] {
  return lots.map((l) => l.number).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
