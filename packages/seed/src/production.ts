import { Decimal } from 'decimal.js';
import { convertQuantity } from '@plantgraph/platform';
import { SEED_NOW, addDays, addHours } from './clock.ts';
import type { BomLineDef, ItemDef, PlantDef, RevisionDef, SupplierDef } from './catalog-types.ts';
import { SUPPLIERS, itemByNumber } from './catalog.ts';
import { planFor, type PlanVersion } from './inspection-plans.ts';
import { QualityRecorder, type ForcedOutcome, type InspectionEvent } from './quality-recorder.ts';
import type { Random } from './random.ts';
import type { OrderStatus, SimLink, SimLot, SimOrder } from './simulation-types.ts';

/** Where an order sits in time: one instant of its life is fixed, the rest follows from it. */
export type OrderAnchor =
  | { readonly kind: 'created'; readonly at: number }
  | { readonly kind: 'started'; readonly at: number }
  | { readonly kind: 'finished'; readonly at: number }
  /** Put on hold while step `step` (0-based) is `fraction` done. */
  | {
      readonly kind: 'held';
      readonly at: number;
      readonly step: number;
      readonly fraction: number;
    };

/** An order to simulate. */
export interface OrderSpec {
  readonly item: ItemDef;
  readonly plant: PlantDef;
  readonly quantity: number;
  readonly anchor: OrderAnchor;
  readonly cancel?: 'before-release' | 'after-release';
  /** Days from creation to release, and from release to start (drawn when not given). */
  readonly releaseAfterDays?: number;
  readonly startAfterDays?: number;
  /** Scripted outcome of the inspections of every lot the order makes. */
  readonly force?: ForcedOutcome;
  /** Components whose consumption the shop floor never reports (a seeded genealogy gap). */
  readonly unreported?: readonly string[];
}

/** A receipt whose inspection outcome is scripted. */
export interface ScriptedReceipt {
  readonly itemNumber: string;
  readonly plantId: string;
  readonly after: number;
  readonly force: ForcedOutcome;
}

interface Timeline {
  readonly release: number;
  readonly start: number;
  readonly steps: readonly { readonly start: number; readonly end: number }[];
  readonly finish: number;
}

const MAX_STEPS = 6;
const CLOSE_AFTER_DAYS: readonly [number, number] = [12, 30];

/** The released (or since obsoleted) revision of `item` in effect at `at`; drafts never apply. */
export function revisionAt(item: ItemDef, at: number): RevisionDef {
  let best: RevisionDef | null = null;
  for (const revision of item.revisions) {
    if (revision.status === 'DRAFT') continue;
    if (
      revision.effectiveFrom > at ||
      (revision.effectiveTo !== null && revision.effectiveTo <= at)
    )
      continue;
    if (best === null || revision.effectiveFrom > best.effectiveFrom) best = revision;
  }
  if (best === null)
    throw new Error(`${item.number} has no revision in effect at ${new Date(at).toISOString()}`);
  return best;
}

/** A BOM line's quantity for `parentQuantity` of the parent, in the component's base unit. */
export function componentNeed(
  line: BomLineDef,
  baseQuantity: string,
  parentQuantity: Decimal,
): Decimal {
  const component = itemByNumber(line.component);
  const perBase = convertQuantity(
    { value: line.quantity, uom: line.uom },
    component.baseUom,
    component.conversions.map((c) => ({ fromUom: c.from, toUom: c.to, factor: c.factor })),
  );
  return new Decimal(perBase.value).mul(parentQuantity).div(baseQuantity);
}

function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

/**
 * Runs the demo plant forward order by order. Each lot an order makes consumes input lots in
 * first-in-first-out order; when stock runs short, a supplier receipt (raw materials) or a
 * replenishment order (made items) is scheduled early enough to cover it, so every link points
 * from an earlier, released lot to a later one.
 */
export class ProductionSimulator {
  readonly orders: SimOrder[] = [];
  readonly lots: SimLot[] = [];
  readonly links: SimLink[] = [];
  readonly quality: QualityRecorder;
  readonly #random: Random;
  readonly #plans: readonly PlanVersion[];
  readonly #stock = new Map<string, SimLot[]>();
  readonly #scriptedReceipts: ScriptedReceipt[];
  readonly #supplierLotCounters = new Map<string, number>();
  #index = 0;

  constructor(
    random: Random,
    plans: readonly PlanVersion[],
    scriptedReceipts: readonly ScriptedReceipt[],
  ) {
    this.#random = random;
    this.#plans = plans;
    this.#scriptedReceipts = [...scriptedReceipts];
    this.quality = new QualityRecorder(random, () => this.#nextIndex());
  }

  #nextIndex(): number {
    this.#index += 1;
    return this.#index;
  }

  /** Simulates one order (and whatever it needs made or bought first); returns it. */
  runOrder(spec: OrderSpec): SimOrder {
    const random = this.#random;
    const make = spec.item.make;
    if (!make) throw new Error(`${spec.item.number} is not made in-house`);
    const scale = Math.min(1.5, Math.max(0.5, spec.quantity / make.batchSize));
    const stepHours = Array.from(
      { length: MAX_STEPS },
      () => random.between(...make.hoursPerStep) * scale,
    );
    const gapHours = Array.from({ length: MAX_STEPS }, () => random.between(0, 2));
    const releaseDays = spec.releaseAfterDays ?? random.between(1, 4);
    const startDays = spec.startAfterDays ?? random.between(0.3, 2);
    const timelineFor = (revision: RevisionDef, createdAt: number): Timeline => {
      const release = addDays(createdAt, releaseDays);
      const start = addDays(release, startDays);
      const steps: { start: number; end: number }[] = [];
      let t = start;
      for (const [i] of (revision.routing ?? []).entries()) {
        const stepStart = i === 0 ? t : addHours(t, gapHours[i] ?? 0);
        const end = addHours(stepStart, stepHours[i] ?? 1);
        steps.push({ start: stepStart, end });
        t = end;
      }
      return { release, start, steps, finish: t };
    };
    const anchorOffset = (timeline: Timeline, createdAt: number): number => {
      const anchor = spec.anchor;
      if (anchor.kind === 'created') return 0;
      if (anchor.kind === 'started') return timeline.start - createdAt;
      if (anchor.kind === 'finished') return timeline.finish - createdAt;
      const step = timeline.steps[anchor.step];
      if (!step) throw new Error(`${spec.item.number} has no step ${anchor.step}`);
      return step.start + (step.end - step.start) * anchor.fraction - createdAt;
    };
    // The routing (and so the timeline) depends on the revision in effect at release, which
    // depends on the timeline: settle it by fixed-point iteration.
    let revision = revisionAt(spec.item, spec.anchor.at);
    let createdAt = spec.anchor.at;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      createdAt = spec.anchor.at - anchorOffset(timelineFor(revision, 0), 0);
      const atRelease = revisionAt(spec.item, addDays(createdAt, releaseDays));
      if (atRelease === revision) break;
      revision = atRelease;
    }
    // Release does not depend on the routing, so this pins exactly what was in effect then.
    revision = revisionAt(spec.item, addDays(createdAt, releaseDays));
    const timeline = timelineFor(revision, createdAt);

    const order: SimOrder = {
      index: this.#nextIndex(),
      seq: 0,
      item: spec.item,
      plant: spec.plant,
      quantity: spec.quantity,
      status: 'CREATED',
      createdAt,
      dueDate: addDays(createdAt, random.int(14, 28)),
      releasedAt: null,
      pinned: null,
      operations: [],
      execution: null,
      lastChangeAt: createdAt,
      revision: 1,
      unreportedComponents: spec.unreported ?? [],
    };
    this.orders.push(order);

    if (spec.cancel === 'before-release') {
      this.#setOrder(
        order,
        'CANCELLED',
        addDays(createdAt, releaseDays * random.between(0.2, 0.8)),
        2,
      );
      return order;
    }
    if (timeline.release > SEED_NOW) return order;
    order.releasedAt = timeline.release;
    order.pinned = revision;
    this.#setOrder(order, 'RELEASED', timeline.release, 2);
    const routing = revision.routing ?? [];
    order.operations = routing.map((step, i) => ({
      step,
      sequence: (i + 1) * 10,
      status: 'PENDING',
      planned: spec.quantity,
      good: 0,
      scrap: 0,
      startedAt: null,
      completedAt: null,
      revision: 1,
    }));
    order.execution = {
      status: 'NOT_STARTED',
      startedAt: null,
      completedAt: null,
      good: 0,
      scrap: 0,
      revision: 1,
    };
    if (spec.cancel === 'after-release') {
      this.#setOrder(
        order,
        'CANCELLED',
        addDays(timeline.release, startDays * random.between(0.2, 0.8)),
        3,
      );
      return order;
    }

    const cutoff = spec.anchor.kind === 'held' ? spec.anchor.at : SEED_NOW;
    if (timeline.start > cutoff) return order;

    // Scrap per step; what passes one step is what the next one receives.
    const scrapOf = order.operations.map((op) =>
      random.chance(0.35) ? random.int(1, Math.max(1, Math.round(op.planned * 0.02))) : 0,
    );
    let incoming = spec.quantity;
    for (const [i, op] of order.operations.entries()) {
      const window = timeline.steps[i];
      const scrap = scrapOf[i] ?? 0;
      if (!window || window.start > cutoff) break;
      op.startedAt = window.start;
      if (window.end <= cutoff) {
        op.status = 'COMPLETED';
        op.completedAt = window.end;
        op.scrap = scrap;
        op.good = incoming - scrap;
        op.revision = 3;
      } else {
        op.status = 'IN_PROGRESS';
        op.good = Math.floor(incoming * ((cutoff - window.start) / (window.end - window.start)));
        op.revision = 2;
      }
      incoming -= scrap;
    }
    const finalGood = spec.quantity - scrapOf.reduce((a, b) => a + b, 0);
    const finished = timeline.finish <= cutoff && spec.anchor.kind !== 'held';
    const lastOp = order.operations.at(-1);
    const execution = order.execution;
    execution.startedAt = timeline.start;
    execution.scrap = order.operations.reduce((sum, op) => sum + op.scrap, 0);
    execution.good = lastOp?.good ?? 0;
    execution.status = finished ? 'COMPLETED' : 'IN_PROGRESS';
    execution.completedAt = finished ? timeline.finish : null;
    execution.revision = finished ? 3 : 2;

    if (spec.anchor.kind === 'held') this.#setOrder(order, 'ON_HOLD', spec.anchor.at, 4);
    else if (!finished) this.#setOrder(order, 'IN_PROGRESS', timeline.start, 3);
    else {
      const closedAt = addDays(timeline.finish, random.between(...CLOSE_AFTER_DAYS));
      if (closedAt <= SEED_NOW) this.#setOrder(order, 'CLOSED', closedAt, 5);
      else this.#setOrder(order, 'COMPLETED', timeline.finish, 4);
    }

    // The output is split into lots, opened one after another during the first step.
    const lotCount = Math.max(1, Math.ceil(finalGood / make.maxLot));
    const firstStep = timeline.steps[0] ?? { start: timeline.start, end: timeline.finish };
    splitEvenly(finalGood, lotCount).forEach((size, i) => {
      const openedAt =
        firstStep.start + Math.round(((firstStep.end - firstStep.start) * i) / lotCount);
      if (openedAt > cutoff || size === 0) return;
      const lot = this.#newLot({
        item: spec.item,
        plant: spec.plant,
        quantity: new Decimal(size),
        origin: 'PRODUCED',
        order,
        createdAt: openedAt,
        supplier: null,
        supplierLotNumber: null,
        manufacturedOn: finished ? timeline.finish : openedAt,
        wip: !finished,
      });
      for (const line of revision.bom?.lines ?? []) {
        const component = itemByNumber(line.component);
        if (component.tracking === 'NONE' || order.unreportedComponents.includes(component.number))
          continue;
        const need = componentNeed(line, revision.bom?.baseQuantity ?? '1', lot.quantity);
        this.#consume(lot, order, component, need, openedAt);
      }
      const events: InspectionEvent[] = [];
      routing.forEach((step, s) => {
        const window = timeline.steps[s];
        const operation = order.operations[s];
        if (!step.inspection || !window || !operation) return;
        const inspectedAt =
          window.start + Math.round(((window.end - window.start) * (i + 1)) / (lotCount + 1));
        events.push({
          type: step.inspection,
          plan: planFor(this.#plans, revision, step.inspection, inspectedAt),
          order,
          operation,
          createdAt: window.start,
          inspectedAt,
        });
      });
      this.quality.settle(lot, events, finished ? timeline.finish : null, {
        ...(spec.force ? { force: spec.force } : {}),
        cutoff,
      });
      if (finished && spec.item.type === 'FINISHED_GOOD' && lot.availableAt !== null) {
        const shippedAt = addDays(lot.availableAt, random.between(3, 20));
        if (shippedAt <= SEED_NOW) lot.shippedAt = shippedAt;
      }
    });
    return order;
  }

  /** Receives a supplier lot into `plant` and runs its receiving inspection. */
  receive(
    item: ItemDef,
    plant: PlantDef,
    quantity: Decimal,
    receivedAt: number,
    force?: ForcedOutcome,
  ): SimLot {
    const random = this.#random;
    const purchase = item.purchase;
    if (!purchase) throw new Error(`${item.number} is not purchased`);
    const supplier = SUPPLIERS.find((s) => s.id === purchase.supplierId);
    if (!supplier) throw new Error(`unknown supplier ${purchase.supplierId}`);
    const scripted = this.#scriptedReceipts.findIndex(
      (r) => r.itemNumber === item.number && r.plantId === plant.id && receivedAt >= r.after,
    );
    const forced = scripted >= 0 ? this.#scriptedReceipts.splice(scripted, 1)[0]?.force : force;
    const lot = this.#newLot({
      item,
      plant,
      quantity,
      origin: 'PURCHASED',
      order: null,
      createdAt: receivedAt,
      supplier,
      supplierLotNumber: this.#supplierLotNumber(supplier, receivedAt),
      manufacturedOn: addDays(receivedAt, -random.int(5, 40)),
      wip: false,
    });
    const inspectedAt = addHours(receivedAt, random.between(2, 30));
    const revision = revisionAt(item, receivedAt);
    const event: InspectionEvent = {
      type: 'RECEIVING',
      plan: planFor(this.#plans, revision, 'RECEIVING', inspectedAt),
      order: null,
      operation: null,
      createdAt: addHours(receivedAt, 0.5),
      inspectedAt,
    };
    this.quality.settle(lot, [event], receivedAt, forced ? { force: forced } : {});
    return lot;
  }

  #supplierLotNumber(supplier: SupplierDef, at: number): string {
    const previous = this.#supplierLotCounters.get(supplier.id) ?? this.#random.int(1000, 40000);
    const next = previous + this.#random.int(3, 180);
    this.#supplierLotCounters.set(supplier.id, next);
    return `${supplier.lotPrefix}${new Date(at).toISOString().slice(2, 4)}${String(next).padStart(5, '0')}`;
  }

  #newLot(fields: {
    item: ItemDef;
    plant: PlantDef;
    quantity: Decimal;
    origin: SimLot['origin'];
    order: SimOrder | null;
    createdAt: number;
    supplier: SupplierDef | null;
    supplierLotNumber: string | null;
    manufacturedOn: number;
    wip: boolean;
  }): SimLot {
    const shelfLife =
      fields.item.purchase?.shelfLifeDays ?? fields.item.make?.shelfLifeDays ?? null;
    const lot: SimLot = {
      ...fields,
      index: this.#nextIndex(),
      seq: 0,
      remaining: fields.quantity,
      availableAt: null,
      expiresOn: shelfLife === null ? null : addDays(fields.manufacturedOn, shelfLife),
      shippedAt: null,
      movements: 0,
      lastMovementAt: fields.createdAt,
      quality: {
        status: 'QUARANTINE',
        reason: fields.wip ? 'In production' : 'Awaiting inspection',
        nonconformance: null,
        changedAt: fields.createdAt,
        revision: 1,
      },
    };
    this.lots.push(lot);
    const key = `${fields.item.id}@${fields.plant.id}`;
    const list = this.#stock.get(key);
    if (list) list.push(lot);
    else this.#stock.set(key, [lot]);
    return lot;
  }

  /** Links `need` of `component` into `child`, first in first out, replenishing when short. */
  #consume(child: SimLot, order: SimOrder, component: ItemDef, need: Decimal, at: number): void {
    let missing = need;
    for (let attempt = 0; missing.gt(0); attempt += 1) {
      if (attempt > 8)
        throw new Error(
          `cannot supply ${component.number} to ${order.item.number} at ${new Date(at).toISOString()}`,
        );
      const candidates = (this.#stock.get(`${component.id}@${child.plant.id}`) ?? [])
        .filter(
          (lot) =>
            lot.availableAt !== null &&
            lot.availableAt <= at &&
            lot.remaining.gt(0) &&
            (lot.expiresOn === null || lot.expiresOn > at),
        )
        .sort((a, b) => a.createdAt - b.createdAt || a.index - b.index);
      for (const parent of candidates) {
        const take = Decimal.min(parent.remaining, missing);
        parent.remaining = parent.remaining.sub(take);
        parent.movements += 1;
        parent.lastMovementAt = Math.max(parent.lastMovementAt, at);
        missing = missing.sub(take);
        this.links.push({
          index: this.#nextIndex(),
          seq: 0,
          parent,
          child,
          quantity: take,
          order,
          linkedAt: at,
        });
        if (missing.lte(0)) break;
      }
      if (missing.gt(0)) this.#replenish(component, child.plant, missing, at);
    }
  }

  #replenish(item: ItemDef, plant: PlantDef, missing: Decimal, neededAt: number): void {
    const random = this.#random;
    if (item.purchase) {
      const size = Decimal.max(
        new Decimal(random.int(...item.purchase.lotSize)),
        missing.mul(1.1).div(10).ceil().mul(10),
      )
        .div(10)
        .round()
        .mul(10);
      this.receive(item, plant, size, addDays(neededAt, -random.between(2, 7)));
      return;
    }
    const make = item.make;
    if (!make) throw new Error(`${item.number} is neither bought nor made`);
    const quantity = Math.max(make.batchSize, missing.div(10).ceil().mul(10).toNumber());
    this.runOrder({
      item,
      plant,
      quantity,
      anchor: { kind: 'finished', at: addDays(neededAt, -random.between(0.5, 2.5)) },
    });
  }

  #setOrder(order: SimOrder, status: OrderStatus, at: number, revision: number): void {
    order.status = status;
    order.lastChangeAt = at;
    order.revision = revision;
  }
}
