import { Decimal } from 'decimal.js';
import {
  badUserInput,
  toConnection,
  type Connection,
  type PageRequest,
  type Quantity,
} from '@plantgraph/platform';

export type OrderStatus =
  'CREATED' | 'RELEASED' | 'IN_PROGRESS' | 'COMPLETED' | 'CLOSED' | 'CANCELLED' | 'ON_HOLD';
export type ItemTracking = 'LOT' | 'SERIAL' | 'NONE';

/** What ERP says an order should have consumed: its pinned BOM and planned quantity. */
export interface OrderSpec {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly plannedQuantity: Quantity;
  /** Null before release: no BOM is pinned. */
  readonly bom: {
    /** The quantity of the order's item the line quantities make. */
    readonly baseQuantity: Quantity;
    readonly lines: readonly {
      readonly lineNumber: number;
      readonly componentId: string;
      readonly tracking: ItemTracking;
      /** Per `baseQuantity`, in the component's base unit. */
      readonly quantityInBaseUnit: Quantity;
    }[];
  } | null;
}

/** What an order produced in one unit: the sum of its lots' quantities. */
export interface ProducedTotal {
  readonly quantity: Quantity;
  readonly lots: number;
}

/** What an order consumed of one item in one unit: the sum of its links. */
export interface ConsumedTotal {
  readonly componentId: string;
  readonly quantity: Quantity;
  readonly links: number;
}

export type ConsumptionStatus =
  | 'WITHIN_TOLERANCE'
  | 'NOT_CONSUMED'
  | 'UNDER_CONSUMED'
  | 'OVER_CONSUMED'
  | 'UNIT_MISMATCH'
  | 'NOT_LOT_TRACKED';

export type GenealogyGapKind =
  | 'LINE_NOT_CONSUMED'
  | 'UNDER_CONSUMED'
  | 'OVER_CONSUMED'
  | 'UNIT_MISMATCH'
  | 'UNEXPECTED_COMPONENT'
  | 'NO_OUTPUT'
  | 'OUTPUT_ABOVE_PLAN';

/** One BOM line against what the order's genealogy recorded. */
export interface LineConsumption {
  readonly lineNumber: number;
  readonly componentId: string;
  readonly lotTracked: boolean;
  readonly expectedQuantity: Quantity;
  readonly consumedQuantity: Quantity;
  readonly deviation: number | null;
  readonly status: ConsumptionStatus;
  /** The order, to look up the links behind the consumed quantity. */
  readonly orderId: string;
}

/** Something the order's genealogy lacks or gets wrong. */
export interface GenealogyGap {
  readonly kind: GenealogyGapKind;
  readonly orderId: string;
  readonly lineNumber: number | null;
  readonly componentId: string | null;
  readonly expectedQuantity: Quantity | null;
  readonly actualQuantity: Quantity | null;
  readonly message: string;
}

/** An order's genealogy completeness and mass balance. */
export interface OrderCompleteness {
  readonly orderId: string;
  readonly score: number;
  readonly complete: boolean;
  readonly tolerance: number;
  readonly plannedQuantity: Quantity;
  readonly producedQuantity: Quantity;
  readonly outputRatio: number;
  readonly lines: readonly LineConsumption[];
  readonly gaps: readonly GenealogyGap[];
}

/** Orders whose production is over: the ones a plant's figure counts. */
export const FINISHED_STATUSES: ReadonlySet<OrderStatus> = new Set(['COMPLETED', 'CLOSED']);

const GAP_OF_STATUS: Partial<Record<ConsumptionStatus, GenealogyGapKind>> = {
  NOT_CONSUMED: 'LINE_NOT_CONSUMED',
  UNDER_CONSUMED: 'UNDER_CONSUMED',
  OVER_CONSUMED: 'OVER_CONSUMED',
  UNIT_MISMATCH: 'UNIT_MISMATCH',
};

/** A ratio rounded to four decimals: enough for a score, stable to compare. */
function ratio(value: Decimal): number {
  return value.toDecimalPlaces(4).toNumber();
}

function lineStatus(
  lotTracked: boolean,
  expected: Decimal,
  consumed: Decimal,
  otherUnits: boolean,
  tolerance: number,
): { status: ConsumptionStatus; deviation: number | null } {
  const deviation = expected.isZero() ? null : ratio(consumed.sub(expected).div(expected));
  if (!lotTracked) return { status: 'NOT_LOT_TRACKED', deviation };
  if (otherUnits) return { status: 'UNIT_MISMATCH', deviation };
  if (expected.isZero()) {
    return { status: consumed.isZero() ? 'WITHIN_TOLERANCE' : 'OVER_CONSUMED', deviation };
  }
  if (consumed.isZero()) return { status: 'NOT_CONSUMED', deviation };
  if (deviation === null || Math.abs(deviation) <= tolerance) {
    return { status: 'WITHIN_TOLERANCE', deviation };
  }
  return { status: deviation < 0 ? 'UNDER_CONSUMED' : 'OVER_CONSUMED', deviation };
}

function describe(quantity: Quantity): string {
  return `${quantity.value} ${quantity.uom}`;
}

/**
 * Checks one order's genealogy against its pinned BOM: each lot-tracked component must be
 * consumed with lots, within `tolerance` (a fraction) of BOM quantity × produced quantity ÷ BOM
 * base quantity, in the component's base unit; nothing else may be consumed; a finished order
 * must have produced lots, and no order more than its plan allows. Components not tracked by lot
 * are listed but never a gap. Lines of the same component are checked together, on the first.
 * Null when no BOM is pinned (before release).
 */
export function checkOrderCompleteness(
  spec: OrderSpec,
  production: readonly ProducedTotal[],
  consumption: readonly ConsumedTotal[],
  tolerance: number,
): OrderCompleteness | null {
  const bom = spec.bom;
  if (bom === null) return null;
  const gaps: GenealogyGap[] = [];
  const gap = (fields: Omit<GenealogyGap, 'orderId'>) =>
    gaps.push({ ...fields, orderId: spec.orderId });

  const unit = spec.plannedQuantity.uom;
  let produced = new Decimal(0);
  for (const total of production) {
    if (total.quantity.uom === unit) produced = produced.add(total.quantity.value);
    else
      gap({
        kind: 'UNIT_MISMATCH',
        lineNumber: null,
        componentId: null,
        expectedQuantity: null,
        actualQuantity: total.quantity,
        message: `${total.lots} lots are in ${total.quantity.uom}, the order in ${unit}`,
      });
  }
  const producedQuantity = { value: produced.toString(), uom: unit };
  const planned = new Decimal(spec.plannedQuantity.value);
  const producedLots = production.reduce((count, total) => count + total.lots, 0);

  const byComponent = new Map<string, ConsumedTotal[]>();
  for (const total of consumption) {
    const list = byComponent.get(total.componentId);
    if (list) list.push(total);
    else byComponent.set(total.componentId, [total]);
  }

  const lines: LineConsumption[] = [];
  const seen = new Set<string>();
  for (const line of bom.lines) {
    if (seen.has(line.componentId)) continue;
    seen.add(line.componentId);
    const sameComponent = bom.lines.filter((other) => other.componentId === line.componentId);
    const perBase = sameComponent.reduce(
      (total, other) => total.add(other.quantityInBaseUnit.value),
      new Decimal(0),
    );
    const componentUnit = line.quantityInBaseUnit.uom;
    const expected = perBase.mul(produced).div(bom.baseQuantity.value);
    const totals = byComponent.get(line.componentId) ?? [];
    const consumed = totals
      .filter((t) => t.quantity.uom === componentUnit)
      .reduce((sum, t) => sum.add(t.quantity.value), new Decimal(0));
    const otherUnits = totals.some((t) => t.quantity.uom !== componentUnit);
    const lotTracked = line.tracking !== 'NONE';
    const { status, deviation } = lineStatus(lotTracked, expected, consumed, otherUnits, tolerance);
    const expectedQuantity = { value: expected.toDecimalPlaces(6).toString(), uom: componentUnit };
    const consumedQuantity = { value: consumed.toString(), uom: componentUnit };
    lines.push({
      lineNumber: line.lineNumber,
      componentId: line.componentId,
      lotTracked,
      expectedQuantity,
      consumedQuantity,
      deviation,
      status,
      orderId: spec.orderId,
    });
    const kind = GAP_OF_STATUS[status];
    if (kind) {
      gap({
        kind,
        lineNumber: line.lineNumber,
        componentId: line.componentId,
        expectedQuantity,
        actualQuantity: consumedQuantity,
        message:
          kind === 'LINE_NOT_CONSUMED'
            ? `line ${line.lineNumber}: no lot consumed, ${describe(expectedQuantity)} expected`
            : kind === 'UNIT_MISMATCH'
              ? `line ${line.lineNumber}: consumption recorded in a unit other than ${componentUnit}`
              : `line ${line.lineNumber}: ${describe(consumedQuantity)} consumed, ${describe(expectedQuantity)} expected`,
      });
    }
  }

  for (const [componentId, totals] of byComponent) {
    if (seen.has(componentId)) continue;
    const links = totals.reduce((count, t) => count + t.links, 0);
    gap({
      kind: 'UNEXPECTED_COMPONENT',
      lineNumber: null,
      componentId,
      expectedQuantity: null,
      actualQuantity: totals[0]?.quantity ?? null,
      message: `lots of an item the pinned BOM does not list were consumed (${links} links)`,
    });
  }

  if (FINISHED_STATUSES.has(spec.status) && producedLots === 0) {
    gap({
      kind: 'NO_OUTPUT',
      lineNumber: null,
      componentId: null,
      expectedQuantity: spec.plannedQuantity,
      actualQuantity: producedQuantity,
      message: `the order is ${spec.status} but recorded no lots`,
    });
  }
  if (produced.gt(planned.mul(1 + tolerance))) {
    gap({
      kind: 'OUTPUT_ABOVE_PLAN',
      lineNumber: null,
      componentId: null,
      expectedQuantity: spec.plannedQuantity,
      actualQuantity: producedQuantity,
      message: `${describe(producedQuantity)} produced, ${describe(spec.plannedQuantity)} planned`,
    });
  }

  const tracked = lines.filter((line) => line.lotTracked);
  const within = tracked.filter((line) => line.status === 'WITHIN_TOLERANCE').length;
  return {
    orderId: spec.orderId,
    score: tracked.length === 0 ? 1 : ratio(new Decimal(within).div(tracked.length)),
    complete: gaps.length === 0,
    tolerance,
    plannedQuantity: spec.plannedQuantity,
    producedQuantity,
    outputRatio: planned.isZero() ? 0 : ratio(produced.div(planned)),
    lines,
    gaps,
  };
}

/** A page of gaps. */
export type GenealogyGapConnection = Connection<GenealogyGap>;

/** A plant's figures over the orders it checked. */
export interface CompletenessFigures {
  readonly ordersChecked: number;
  readonly ordersComplete: number;
  /** Complete orders ÷ checked orders; 1 when none were checked. */
  readonly score: number;
  /** Lot-tracked lines within tolerance ÷ lot-tracked lines; 1 when there are none. */
  readonly lineScore: number;
  /** Every gap, by order id, then line (order-level gaps last). */
  readonly gaps: readonly GenealogyGap[];
}

/** Adds up the checks of a plant's finished orders. */
export function completenessFigures(checks: readonly OrderCompleteness[]): CompletenessFigures {
  const complete = checks.filter((check) => check.complete).length;
  let lines = 0;
  let within = 0;
  for (const check of checks) {
    for (const line of check.lines) {
      if (!line.lotTracked) continue;
      lines += 1;
      if (line.status === 'WITHIN_TOLERANCE') within += 1;
    }
  }
  const gaps = checks
    .flatMap((check) => check.gaps)
    .sort(
      (a, b) =>
        (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0) ||
        (a.lineNumber ?? Number.MAX_SAFE_INTEGER) - (b.lineNumber ?? Number.MAX_SAFE_INTEGER),
    );
  return {
    ordersChecked: checks.length,
    ordersComplete: complete,
    score: checks.length === 0 ? 1 : ratio(new Decimal(complete).div(checks.length)),
    lineScore: lines === 0 ? 1 : ratio(new Decimal(within).div(lines)),
    gaps,
  };
}

/** One page of a computed list of gaps; the cursor is a position in the list. */
export function pageOfGaps(
  gaps: readonly GenealogyGap[],
  page: PageRequest,
): Connection<GenealogyGap> {
  const start = page.after === null ? 0 : Number(page.after) + 1;
  if (!Number.isInteger(start) || start < 0) {
    throw badUserInput('after is not a cursor this API returned', 'after');
  }
  const rows = gaps.slice(start, start + page.limit + 1).map((gap, i) => ({ gap, at: start + i }));
  const connection = toConnection(rows, page, (row) => String(row.at));
  return { ...connection, nodes: connection.nodes.map((row) => row.gap) };
}
