import { Decimal } from 'decimal.js';
import { SEED_NOW, addDays, addHours, instant } from './clock.ts';
import { ITEMS, PLANTS, itemByNumber } from './catalog.ts';
import type { PlantDef } from './catalog-types.ts';
import { buildInspectionPlans, type PlanVersion } from './inspection-plans.ts';
import { ProductionSimulator, type OrderSpec } from './production.ts';
import { createRandom } from './random.ts';
import type {
  SimInspection,
  SimLink,
  SimLot,
  SimNonconformance,
  SimOrder,
} from './simulation-types.ts';

/** The seed of the demo's pseudo-random choices; change it and every DEMO value changes. */
export const DEMO_SEED = 20261120;

/** The orders the demo's examples are built around. */
export interface DemoStory {
  /** A closed CP-100 order made under revision B; its first lot is the "lot across systems". */
  readonly acrossSystems: SimOrder;
  /** A CP-150 order on hold because its first lot failed final inspection. */
  readonly held: SimOrder;
  /** A completed CP-100 order whose supply cable consumption was never reported. */
  readonly gap: SimOrder;
  readonly created: SimOrder;
  readonly released: SimOrder;
  readonly inProgress: SimOrder;
}

/** Everything the demo holds, numbered, before it becomes rows. */
export interface DemoSimulation {
  readonly plans: readonly PlanVersion[];
  readonly orders: readonly SimOrder[];
  readonly lots: readonly SimLot[];
  readonly links: readonly SimLink[];
  readonly inspections: readonly SimInspection[];
  readonly nonconformances: readonly SimNonconformance[];
  readonly story: DemoStory;
}

interface DemandLine {
  readonly plant: PlantDef;
  readonly item: string;
  readonly first: string;
  readonly everyDays: number;
  readonly quantity: readonly [number, number];
}

/** The finished-goods demand each plant builds to, from late January on. */
const DEMAND: readonly DemandLine[] = [
  {
    plant: PLANTS.lyon,
    item: 'FG-1000',
    first: '2026-01-12T07:00:00Z',
    everyDays: 14,
    quantity: [24, 48],
  },
  {
    plant: PLANTS.lyon,
    item: 'FG-1001',
    first: '2026-01-26T07:00:00Z',
    everyDays: 21,
    quantity: [20, 40],
  },
  {
    plant: PLANTS.lyon,
    item: 'FG-1003',
    first: '2026-02-02T07:00:00Z',
    everyDays: 35,
    quantity: [40, 80],
  },
  {
    plant: PLANTS.monterrey,
    item: 'FG-1002',
    first: '2026-01-14T14:00:00Z',
    everyDays: 14,
    quantity: [24, 48],
  },
  {
    plant: PLANTS.monterrey,
    item: 'FG-1000',
    first: '2026-02-09T14:00:00Z',
    everyDays: 42,
    quantity: [20, 36],
  },
  {
    plant: PLANTS.monterrey,
    item: 'FG-1004',
    first: '2026-01-28T14:00:00Z',
    everyDays: 35,
    quantity: [30, 50],
  },
];

function byTimeThenIndex<T extends { index: number }>(time: (x: T) => number) {
  return (a: T, b: T) => time(a) - time(b) || a.index - b.index;
}

function number<T extends { seq: number; index: number }>(
  records: T[],
  time: (x: T) => number,
): T[] {
  const sorted = [...records].sort(byTimeThenIndex(time));
  sorted.forEach((record, i) => {
    record.seq = i + 1;
  });
  return sorted;
}

/** Runs the demo plant from January to November 2026: same seed, same plant, every time. */
export function simulateDemo(): DemoSimulation {
  const random = createRandom(DEMO_SEED);
  const plans = buildInspectionPlans(ITEMS);
  const simulator = new ProductionSimulator(random, plans, [
    // A compound lot that fails receiving hardness and goes back to the supplier.
    {
      itemNumber: 'RM-3003',
      plantId: PLANTS.lyon.id,
      after: instant('2026-05-01T00:00:00Z'),
      force: 'reject',
    },
  ]);

  const specs: { spec: OrderSpec; role?: keyof DemoStory }[] = [];
  for (const line of DEMAND) {
    const item = itemByNumber(line.item);
    for (let k = 0; ; k += 1) {
      const createdAt = addHours(
        addDays(instant(line.first), k * line.everyDays),
        random.between(0, 48),
      );
      if (createdAt > SEED_NOW) break;
      const roll = random.next();
      specs.push({
        spec: {
          item,
          plant: line.plant,
          quantity: random.int(line.quantity[0] / 4, line.quantity[1] / 4) * 4,
          anchor: { kind: 'created', at: createdAt },
          ...(roll < 0.025
            ? { cancel: 'before-release' as const }
            : roll < 0.05
              ? { cancel: 'after-release' as const }
              : {}),
        },
      });
    }
  }
  const lyon = PLANTS.lyon;
  const monterrey = PLANTS.monterrey;
  const fg1000 = itemByNumber('FG-1000');
  const fg1001 = itemByNumber('FG-1001');
  specs.push(
    {
      role: 'acrossSystems',
      spec: {
        item: fg1000,
        plant: lyon,
        quantity: 36,
        anchor: { kind: 'created', at: instant('2026-07-06T07:30:00Z') },
        force: 'pass',
      },
    },
    {
      role: 'held',
      spec: {
        item: fg1001,
        plant: lyon,
        quantity: 24,
        anchor: { kind: 'held', at: addDays(SEED_NOW, -2), step: 3, fraction: 0.5 },
        force: 'hold',
      },
    },
    {
      role: 'gap',
      spec: {
        item: fg1000,
        plant: lyon,
        quantity: 24,
        anchor: { kind: 'finished', at: addDays(SEED_NOW, -10) },
        force: 'pass',
        unreported: ['RM-3007'],
      },
    },
    {
      role: 'created',
      spec: {
        item: fg1000,
        plant: lyon,
        quantity: 32,
        anchor: { kind: 'created', at: addDays(SEED_NOW, -1) },
        releaseAfterDays: 4,
      },
    },
    {
      role: 'released',
      spec: {
        item: fg1001,
        plant: lyon,
        quantity: 20,
        anchor: { kind: 'created', at: addDays(SEED_NOW, -3) },
        releaseAfterDays: 2,
        startAfterDays: 3,
      },
    },
    {
      role: 'inProgress',
      spec: {
        item: itemByNumber('FG-1002'),
        plant: monterrey,
        quantity: 36,
        anchor: { kind: 'started', at: addDays(SEED_NOW, -0.4) },
      },
    },
    {
      spec: {
        item: itemByNumber('FG-1003'),
        plant: lyon,
        quantity: 60,
        anchor: { kind: 'created', at: instant('2026-08-10T08:00:00Z') },
        cancel: 'before-release',
      },
    },
    {
      spec: {
        item: itemByNumber('FG-1002'),
        plant: monterrey,
        quantity: 24,
        anchor: { kind: 'created', at: instant('2026-09-21T15:00:00Z') },
        cancel: 'after-release',
      },
    },
    {
      spec: {
        item: itemByNumber('SA-2007'),
        plant: monterrey,
        quantity: 120,
        anchor: { kind: 'held', at: addDays(SEED_NOW, -5), step: 1, fraction: 0.5 },
      },
    },
    {
      spec: {
        item: itemByNumber('SA-2001'),
        plant: lyon,
        quantity: 180,
        anchor: { kind: 'created', at: addDays(SEED_NOW, -2) },
        releaseAfterDays: 1,
        startAfterDays: 3,
      },
    },
    {
      spec: {
        item: itemByNumber('SA-2004'),
        plant: monterrey,
        quantity: 320,
        anchor: { kind: 'created', at: addDays(SEED_NOW, -0.5) },
        releaseAfterDays: 2,
      },
    },
    {
      spec: {
        item: itemByNumber('SA-2006'),
        plant: lyon,
        quantity: 120,
        anchor: { kind: 'started', at: addDays(SEED_NOW, -0.6) },
      },
    },
  );

  // Demand is worked in the order it was placed; replenishment is scheduled backwards from it.
  const anchorTime = (spec: OrderSpec) => spec.anchor.at;
  const story: Partial<Record<keyof DemoStory, SimOrder>> = {};
  for (const { spec, role } of [...specs].sort((a, b) => anchorTime(a.spec) - anchorTime(b.spec))) {
    const order = simulator.runOrder(spec);
    if (role) story[role] = order;
  }

  // Receipts still waiting for their receiving inspection at the seed's "now".
  simulator.receive(itemByNumber('RM-3004'), lyon, new Decimal(1200), addDays(SEED_NOW, -0.2));
  simulator.receive(itemByNumber('RM-3001'), lyon, new Decimal(860), addHours(SEED_NOW, -20));
  simulator.receive(itemByNumber('RM-3002'), monterrey, new Decimal(200), addHours(SEED_NOW, -6));
  simulator.receive(itemByNumber('RM-3007'), monterrey, new Decimal(750), addHours(SEED_NOW, -1));

  const { acrossSystems, held, gap, created, released, inProgress } = story;
  if (!acrossSystems || !held || !gap || !created || !released || !inProgress) {
    throw new Error('the demo story is incomplete');
  }
  return {
    plans,
    orders: number(simulator.orders, (o) => o.createdAt),
    lots: number(simulator.lots, (l) => l.createdAt),
    links: number(simulator.links, (l) => l.linkedAt),
    inspections: number(simulator.quality.inspections, (i) => i.createdAt),
    nonconformances: number(simulator.quality.nonconformances, (n) => n.raisedAt),
    story: { acrossSystems, held, gap, created, released, inProgress },
  };
}
