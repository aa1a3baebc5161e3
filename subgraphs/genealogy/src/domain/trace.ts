import { badUserInput, type Quantity } from '@plantgraph/platform';
import type { WalkDirection, WalkRows } from '../db/repositories/lot-walks.ts';
import type { GenealogyLimits } from '../config.ts';
import { entityRef, type EntityRef } from './entity-ref.ts';
import { rowToLot, type Lot } from './lot.ts';

export type TraceDirection = WalkDirection;
/** The limit that cut a trace short. */
export type TraceLimit = 'DEPTH' | 'LOTS';

/** A lot a trace reached, `depth` links from the start lot. */
export interface TraceNode {
  readonly depth: number;
  readonly lot: Lot;
}

/** A link a trace followed: `quantity` of `parent` went into `child`. */
export interface TraceEdge {
  readonly id: string;
  readonly parentId: string;
  readonly childId: string;
  readonly parent: Lot;
  readonly child: Lot;
  readonly quantity: Quantity;
  readonly order: EntityRef | null;
  readonly linkedAt: Date;
  /** Depth of the lot the link was followed from. */
  readonly depth: number;
}

/** A lot's genealogy in one direction. */
export interface Trace {
  readonly direction: TraceDirection;
  readonly maxDepth: number;
  readonly asOf: Date | null;
  readonly root: Lot;
  readonly nodes: readonly TraceNode[];
  readonly edges: readonly TraceEdge[];
  readonly depth: number;
  readonly truncated: boolean;
  readonly truncatedBy: TraceLimit | null;
}

/**
 * The depth a walk may go: the client's `maxDepth`, or the configured default. Outside 1 to the
 * configured bound it is a BAD_USER_INPUT error naming `maxDepth`.
 */
export function walkDepth(
  requested: number | null | undefined,
  fallback: number,
  limits: GenealogyLimits,
): number {
  const depth = requested ?? fallback;
  if (!Number.isInteger(depth) || depth < 1 || depth > limits.traceMaxDepth) {
    throw badUserInput(
      `maxDepth must be between 1 and ${limits.traceMaxDepth}; got ${depth}`,
      'maxDepth',
    );
  }
  return depth;
}

function byNumber(a: Lot, b: Lot): number {
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

/**
 * Builds the trace of one walk from its rows: nodes by depth then number, edges by depth then
 * time, and why it stopped when it was cut short. Null when the walk found no start lot.
 */
export function assembleTrace(
  rows: WalkRows,
  request: {
    readonly direction: TraceDirection;
    readonly maxDepth: number;
    readonly asOf: Date | null;
  },
): Trace | null {
  const lots = new Map<string, Lot>();
  const nodes: TraceNode[] = [];
  for (const row of rows.nodes) {
    const lot = rowToLot(row);
    lots.set(lot.id, lot);
    nodes.push({ depth: row.depth, lot });
  }
  nodes.sort((a, b) => a.depth - b.depth || byNumber(a.lot, b.lot));
  const root = nodes[0];
  if (root === undefined) return null;
  const lotOf = (id: string): Lot => {
    const lot = lots.get(id);
    // An expanded lot's neighbours are all visited, so a link never leaves the trace's lots.
    if (!lot) throw new Error(`trace link points to lot ${id}, which the walk did not return`);
    return lot;
  };
  const edges = rows.edges
    .map((row): TraceEdge => ({
      id: row.id,
      parentId: row.parent_lot_id,
      childId: row.child_lot_id,
      parent: lotOf(row.parent_lot_id),
      child: lotOf(row.child_lot_id),
      quantity: { value: row.quantity, uom: row.uom },
      order: row.order_id === null ? null : entityRef(row.order_id),
      linkedAt: row.linked_at,
      depth: row.depth,
    }))
    .sort(
      (a, b) =>
        a.depth - b.depth ||
        a.linkedAt.getTime() - b.linkedAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const cut = rows.cuts[0];
  return {
    direction: request.direction,
    maxDepth: request.maxDepth,
    asOf: request.asOf,
    root: root.lot,
    nodes,
    edges,
    depth: nodes.reduce((deepest, node) => Math.max(deepest, node.depth), 0),
    truncated: cut !== undefined,
    truncatedBy: cut === undefined ? null : cut.depth >= request.maxDepth ? 'DEPTH' : 'LOTS',
  };
}
