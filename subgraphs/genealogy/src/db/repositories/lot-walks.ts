import { sql, type RawBuilder } from 'kysely';
import { GENEALOGY_SCHEMA } from '../database.ts';
import type { GenealogyDb } from '../genealogy-db.ts';
import type { LotRow } from '../tables/lot.ts';
import type { LotLinkRow } from '../tables/lot-link.ts';

/** BACKWARD walks from children to parents (where-from), FORWARD from parents to children. */
export type WalkDirection = 'BACKWARD' | 'FORWARD';

/** What one walk is asked to do. */
export interface WalkRequest {
  /**
   * Walks to run in the same statement: each starts from all its lots at once, named by id or
   * by number (unknown ones are left out).
   */
  readonly starts: readonly {
    readonly key: string;
    readonly lotIds?: readonly string[];
    readonly lotNumbers?: readonly string[];
  }[];
  readonly direction: WalkDirection;
  /** Links followed at most from a start lot. */
  readonly maxDepth: number;
  /** The walk stops expanding after the depth at which it holds this many lots. */
  readonly maxLots: number;
  /** Only links recorded at or before this instant; null follows every link. */
  readonly asOf: Date | null;
  /** Also return the links followed (traces need them, recalls do not). */
  readonly withEdges: boolean;
}

/** A lot a walk reached, at its fewest links from the start. */
export type WalkNodeRow = LotRow & { readonly walk: string; readonly depth: number };
/** A link a walk followed. */
export type WalkEdgeRow = LotLinkRow & { readonly walk: string; readonly depth: number };
/** A walk cut short: links leave the lots of its last depth unfollowed. */
export interface WalkCutRow {
  readonly walk: string;
  readonly depth: number;
}

/** The rows of one walk statement, per kind. */
export interface WalkRows {
  readonly nodes: WalkNodeRow[];
  readonly edges: WalkEdgeRow[];
  readonly cuts: WalkCutRow[];
}

interface RawWalkRow {
  kind: 'node' | 'edge' | 'cut';
  walk: string;
  depth: number;
  id: string;
  number: string;
  item_id: string;
  plant_id: string;
  quantity: string;
  uom: string;
  origin: LotRow['origin'];
  order_id: string | null;
  created_ms: number;
  revision: number;
  updated_ms: number;
  parent_lot_id: string;
  child_lot_id: string;
  linked_ms: number;
}

/** A timestamp as whole epoch milliseconds: thousands of rows become Dates faster than from text. */
function epochMs(column: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`floor(extract(epoch from ${column}) * 1000)::float8`;
}

/**
 * Walks the genealogy graph breadth first in one recursive statement. Each step carries the
 * walk's frontier (the lots found at the previous depth) and every lot visited so far; a lot
 * joins the frontier only if it was never visited, so each lot is expanded once, at its fewest
 * links from the start, and a cycle cannot loop. The walk ends at `maxDepth`, when nothing new
 * is found, or after the depth where it holds `maxLots` lots. Then one statement returns the
 * reached lots, the links out of every expanded lot, and a row per walk cut short.
 */
export async function walkLots(db: GenealogyDb, request: WalkRequest): Promise<WalkRows> {
  const byId = { keys: [] as string[], refs: [] as string[] };
  const byNumber = { keys: [] as string[], refs: [] as string[] };
  for (const start of request.starts) {
    for (const lotId of start.lotIds ?? []) {
      byId.keys.push(start.key);
      byId.refs.push(lotId);
    }
    for (const lotNumber of start.lotNumbers ?? []) {
      byNumber.keys.push(start.key);
      byNumber.refs.push(lotNumber);
    }
  }
  if (byId.keys.length + byNumber.keys.length === 0) return { nodes: [], edges: [], cuts: [] };
  const [near, far] =
    request.direction === 'BACKWARD'
      ? [sql.ref('k.child_lot_id'), sql.ref('k.parent_lot_id')]
      : [sql.ref('k.parent_lot_id'), sql.ref('k.child_lot_id')];
  const recorded = request.asOf === null ? sql`true` : sql`k.linked_at <= ${request.asOf}`;
  const { maxDepth, maxLots } = request;
  // Raw SQL does not take the handle's schema; these name it.
  const lotTable = sql.table(`${GENEALOGY_SCHEMA}.lot`);
  const linkTable = sql.table(`${GENEALOGY_SCHEMA}.lot_link`);
  const edges = request.withEdges
    ? sql`
      union all
      select 'edge', n.walk, n.depth, k.id, null, null, null, k.quantity, k.uom, null, k.order_id,
        null, null, null, k.parent_lot_id, k.child_lot_id, ${epochMs(sql.ref('k.linked_at'))}
      from node n join ${linkTable} k on ${near} = n.lot_id
      where n.expanded and ${recorded}`
    : sql``;
  const result = await sql<RawWalkRow>`
    with recursive roots(walk, lot_id) as (
      select s.walk, l.id
      from unnest(${byId.keys}::text[], ${byId.refs}::text[]) as s(walk, ref)
      join ${lotTable} l on l.id = s.ref
      union
      select s.walk, l.id
      from unnest(${byNumber.keys}::text[], ${byNumber.refs}::text[]) as s(walk, ref)
      join ${lotTable} l on l.number = s.ref
    ),
    walk(walk, depth, frontier, visited) as (
      select walk, 0, array_agg(lot_id), array_agg(lot_id) from roots group by walk
      union all
      select w.walk, w.depth + 1, found.lots, w.visited || found.lots
      from walk w cross join lateral (
        select array_agg(f.lot_id) as lots from (
          select ${far} from ${linkTable} k where ${near} = any(w.frontier) and ${recorded}
          except
          select unnest(w.visited)
        ) as f(lot_id)
      ) as found
      where w.depth < ${maxDepth} and cardinality(w.visited) < ${maxLots} and found.lots is not null
    ),
    last as (
      select distinct on (walk) walk, depth, frontier,
        (depth >= ${maxDepth} or cardinality(visited) >= ${maxLots}) as stopped
      from walk order by walk, depth desc
    ),
    node as (
      select w.walk, f.lot_id, w.depth, (w.depth < l.depth or not l.stopped) as expanded
      from walk w join last l on l.walk = w.walk cross join unnest(w.frontier) as f(lot_id)
    )
    select 'node' as kind, n.walk, n.depth, l.id, l.number, l.item_id, l.plant_id, l.quantity,
      l.uom, l.origin, l.order_id, ${epochMs(sql.ref('l.created_at'))} as created_ms, l.revision,
      ${epochMs(sql.ref('l.updated_at'))} as updated_ms, null as parent_lot_id,
      null as child_lot_id, null::float8 as linked_ms
    from node n join ${lotTable} l on l.id = n.lot_id
    ${edges}
    union all
    select 'cut', l.walk, l.depth, null, null, null, null, null, null, null, null, null, null,
      null, null, null, null
    from last l
    where l.stopped and exists (
      select 1 from ${linkTable} k where ${near} = any(l.frontier) and ${recorded})
  `.execute(db);
  const rows: WalkRows = { nodes: [], edges: [], cuts: [] };
  for (const row of result.rows) {
    if (row.kind === 'node') {
      rows.nodes.push({
        walk: row.walk,
        depth: row.depth,
        id: row.id,
        number: row.number,
        item_id: row.item_id,
        plant_id: row.plant_id,
        quantity: row.quantity,
        uom: row.uom,
        origin: row.origin,
        order_id: row.order_id,
        created_at: new Date(row.created_ms),
        revision: row.revision,
        updated_at: new Date(row.updated_ms),
      });
    } else if (row.kind === 'edge') {
      rows.edges.push({
        walk: row.walk,
        depth: row.depth,
        id: row.id,
        parent_lot_id: row.parent_lot_id,
        child_lot_id: row.child_lot_id,
        quantity: row.quantity,
        uom: row.uom,
        order_id: row.order_id,
        linked_at: new Date(row.linked_ms),
      });
    } else {
      rows.cuts.push({ walk: row.walk, depth: row.depth });
    }
  }
  return rows;
}
