import { Decimal } from 'decimal.js';
import { badUserInput, type Quantity } from '@plantgraph/platform';
import type { WalkNodeRow } from '../db/repositories/lot-walks.ts';
import { rowToLot, type Lot } from './lot.ts';

/** Most lots and lot numbers one recall may name. */
export const MAX_RECALL_SOURCES = 500;

/** Where a recall starts and how far it looks. */
export interface RecallRequest {
  readonly lotIds: readonly string[];
  readonly lotNumbers: readonly string[];
  readonly supplierLotNumber: string | null;
  readonly maxDepth: number;
  readonly asOf: Date | null;
}

/** A recall as genealogy resolves it: its request and what ERP added to it, once known. */
export interface RecallImpact {
  readonly id: string;
  readonly request: RecallRequest;
  /** Lots ERP received under the supplier lot number; null until ERP answered. */
  readonly supplierLotIds: readonly string[] | null;
  /** Items ERP classes as finished goods; null until ERP answered. */
  readonly finishedGoodItemIds: readonly string[] | null;
}

/** A set of finished-goods lots, named by their sorted ids; `lots` when already loaded. */
export interface RecallFinishedGoods {
  readonly lotIds: readonly string[];
  readonly lots: readonly Lot[] | null;
}

/** What the walk from the source lots found. */
export interface RecallOutcome {
  readonly sourceLots: readonly Lot[];
  /** Every lot downstream of the sources (the sources not counted). */
  readonly reachedLots: readonly Lot[];
  /** Finished-goods lots among everything reached (a source lot included), by number. */
  readonly finishedLots: readonly Lot[];
  /** The orders that made the finished lots, by id. */
  readonly orderIds: readonly string[];
  readonly truncated: boolean;
}

/** The figures of a recall. */
export interface RecallSummary {
  readonly sourceLots: number;
  readonly lotsReached: number;
  readonly finishedLots: number;
  readonly orders: number;
  readonly finishedQuantities: readonly Quantity[];
  readonly truncated: boolean;
}

/** Checks a recall's start: at least one lot or a supplier lot number, a bounded number of lots. */
export function recallRequest(args: {
  lotIds?: readonly string[] | null;
  lotNumbers?: readonly string[] | null;
  supplierLotNumber?: string | null;
  maxDepth: number;
  asOf?: Date | null;
}): RecallRequest {
  const lotIds = [...new Set(args.lotIds ?? [])].sort();
  const lotNumbers = [...new Set(args.lotNumbers ?? [])].sort();
  const supplierLotNumber = args.supplierLotNumber?.trim() || null;
  if (lotIds.length + lotNumbers.length > MAX_RECALL_SOURCES) {
    throw badUserInput(
      `a recall names at most ${MAX_RECALL_SOURCES} lots (lotIds and lotNumbers together); got ${lotIds.length + lotNumbers.length}`,
      lotIds.length > 0 ? 'lotIds' : 'lotNumbers',
    );
  }
  if (lotIds.length === 0 && lotNumbers.length === 0 && supplierLotNumber === null) {
    throw badUserInput('give lotIds, lotNumbers or supplierLotNumber to start a recall', 'lotIds');
  }
  return {
    lotIds,
    lotNumbers,
    supplierLotNumber,
    maxDepth: args.maxDepth,
    asOf: args.asOf ?? null,
  };
}

/** The recall's id: its request, written so that the same request always gives the same id. */
export function recallId(request: RecallRequest): string {
  const body = JSON.stringify([
    1,
    request.lotIds,
    request.lotNumbers,
    request.supplierLotNumber,
    request.maxDepth,
    request.asOf?.toISOString() ?? null,
  ]);
  return `recall:${Buffer.from(body, 'utf8').toString('base64url')}`;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The request a recall id names, or null when the id is not one this service issued. */
export function parseRecallId(id: string): RecallRequest | null {
  if (!id.startsWith('recall:')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(id.slice('recall:'.length), 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 6 || parsed[0] !== 1) return null;
  const [, lotIds, lotNumbers, supplierLotNumber, maxDepth, asOf] = parsed;
  if (!isStringArray(lotIds) || !isStringArray(lotNumbers)) return null;
  if (supplierLotNumber !== null && typeof supplierLotNumber !== 'string') return null;
  if (typeof maxDepth !== 'number' || !Number.isInteger(maxDepth)) return null;
  if (asOf !== null && (typeof asOf !== 'string' || Number.isNaN(Date.parse(asOf)))) return null;
  return {
    lotIds,
    lotNumbers,
    supplierLotNumber,
    maxDepth,
    asOf: asOf === null ? null : new Date(asOf),
  };
}

function byNumber(a: Lot, b: Lot): number {
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

/** Sorts what a forward walk from the source lots reached into the recall's answer. */
export function recallOutcome(
  nodes: readonly WalkNodeRow[],
  truncated: boolean,
  finishedGoodItemIds: ReadonlySet<string>,
): RecallOutcome {
  const sourceLots: Lot[] = [];
  const reachedLots: Lot[] = [];
  const finishedLots: Lot[] = [];
  const orderIds = new Set<string>();
  for (const row of nodes) {
    const lot = rowToLot(row);
    (row.depth === 0 ? sourceLots : reachedLots).push(lot);
    if (finishedGoodItemIds.has(lot.itemId)) {
      finishedLots.push(lot);
      if (lot.orderId !== null) orderIds.add(lot.orderId);
    }
  }
  return {
    sourceLots: sourceLots.sort(byNumber),
    reachedLots: reachedLots.sort(byNumber),
    finishedLots: finishedLots.sort(byNumber),
    orderIds: [...orderIds].sort(),
    truncated,
  };
}

/** Quantities summed per unit, in decimal arithmetic, by unit. */
export function sumPerUnit(quantities: readonly Quantity[]): Quantity[] {
  const totals = new Map<string, Decimal>();
  for (const { value, uom } of quantities) {
    totals.set(uom, (totals.get(uom) ?? new Decimal(0)).add(value));
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([uom, total]) => ({ value: total.toString(), uom }));
}

/** The recall's figures. */
export function summarizeRecall(outcome: RecallOutcome): RecallSummary {
  return {
    sourceLots: outcome.sourceLots.length,
    lotsReached: outcome.reachedLots.length,
    finishedLots: outcome.finishedLots.length,
    orders: outcome.orderIds.length,
    finishedQuantities: sumPerUnit(outcome.finishedLots.map((lot) => lot.quantity)),
    truncated: outcome.truncated,
  };
}

/** The finished goods of a recall's outcome, named by their ids. */
export function finishedGoodsOf(outcome: RecallOutcome): RecallFinishedGoods {
  return {
    lotIds: outcome.finishedLots.map((lot) => lot.id).sort(),
    lots: outcome.finishedLots,
  };
}
