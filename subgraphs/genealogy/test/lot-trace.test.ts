import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql, type GraphqlResponse } from '../../../test/support/graphql-client.ts';
import { readGenealogyLimits } from '../src/config.ts';
import { genealogyDb } from '../src/db/genealogy-db.ts';
import { startGenealogy } from '../src/server.ts';
import { LINKS, LOTS, seedChain, type FixtureLink } from './chain-fixture.ts';

/** A loop no real plant records, but a bad import could: X → Y → Z → X. */
const CYCLE_LOTS = ['lot-x', 'lot-y', 'lot-z'].map((id, i) => ({
  id,
  number: `CY-${i + 1}`,
  item_id: 'item-loop',
  plant_id: 'plant-lyon',
  quantity: '10',
  uom: 'EA',
  origin: 'PRODUCED' as const,
  order_id: null,
  created_at: new Date('2026-03-01T00:00:00Z'),
}));
const CYCLE_LINKS = [
  ['lot-x', 'lot-y'],
  ['lot-y', 'lot-z'],
  ['lot-z', 'lot-x'],
].map(([parent, child], i) => ({
  id: `link-cycle-${i}`,
  parent_lot_id: parent ?? '',
  child_lot_id: child ?? '',
  quantity: '1',
  uom: 'EA',
  order_id: null,
  linked_at: new Date('2026-03-01T01:00:00Z'),
}));

let statements = 0;
let database: TestDatabase;
let genealogy: RunningSubgraph;
/** The same service with a limit of three lots per walk. */
let small: RunningSubgraph;

beforeAll(async () => {
  database = await openTestDatabase({
    onQuery: () => {
      statements += 1;
    },
  });
  const log = createLogger('genealogy', 'silent');
  const options = { host: '127.0.0.1', port: 0, database: database.handle, log };
  genealogy = await startGenealogy({ ...options, limits: readGenealogyLimits({}) });
  small = await startGenealogy({
    ...options,
    limits: readGenealogyLimits({ TRACE_MAX_LOTS: '3' }),
  });
  const db = genealogyDb(database.handle.root);
  await seedChain(db);
  await db.insertInto('lot').values(CYCLE_LOTS).execute();
  await db.insertInto('lot_link').values(CYCLE_LINKS).execute();
});

afterAll(async () => {
  await small?.close();
  await genealogy?.close();
  await database?.destroy();
});

const TRACE = /* GraphQL */ `
  query (
    $lotId: ID
    $lotNumber: String
    $direction: TraceDirection!
    $maxDepth: Int
    $asOf: DateTime
  ) {
    trace(
      lotId: $lotId
      lotNumber: $lotNumber
      direction: $direction
      maxDepth: $maxDepth
      asOf: $asOf
    ) {
      direction
      maxDepth
      asOf
      root {
        number
      }
      depth
      truncated
      truncatedBy
      nodes {
        depth
        lot {
          id
          number
        }
      }
      edges {
        parentId
        childId
        parent {
          id
        }
        child {
          id
        }
        quantity {
          value
          uom
        }
        order {
          id
        }
        linkedAt
      }
    }
  }
`;

interface TraceData {
  trace: {
    direction: string;
    maxDepth: number;
    asOf: string | null;
    root: { number: string };
    depth: number;
    truncated: boolean;
    truncatedBy: string | null;
    nodes: { depth: number; lot: { id: string; number: string } }[];
    edges: {
      parentId: string;
      childId: string;
      parent: { id: string };
      child: { id: string };
      quantity: { value: string; uom: string };
      order: { id: string } | null;
      linkedAt: string;
    }[];
  } | null;
}

function trace(variables: Record<string, unknown>, url = genealogy.url) {
  return postGraphql<TraceData>(url, TRACE, variables);
}

type Link = Pick<FixtureLink, 'id' | 'parent_lot_id' | 'child_lot_id' | 'linked_at'>;

/**
 * The expected trace, by a plain breadth-first search over the fixture's links: each lot at its
 * fewest links from the start, and the links out of every lot closer than `maxDepth`.
 */
function expectedTrace(
  start: string,
  direction: 'BACKWARD' | 'FORWARD',
  maxDepth: number,
  links: readonly Link[] = LINKS,
  asOf: Date | null = null,
) {
  const usable = links.filter((l) => asOf === null || l.linked_at.getTime() <= asOf.getTime());
  const near = (l: Link) => (direction === 'BACKWARD' ? l.child_lot_id : l.parent_lot_id);
  const far = (l: Link) => (direction === 'BACKWARD' ? l.parent_lot_id : l.child_lot_id);
  const depth = new Map([[start, 0]]);
  let frontier = [start];
  const followed: Link[] = [];
  for (let d = 0; d < maxDepth && frontier.length > 0; d += 1) {
    const next: string[] = [];
    for (const lot of frontier) {
      for (const link of usable.filter((l) => near(l) === lot)) {
        followed.push(link);
        if (!depth.has(far(link))) {
          depth.set(far(link), d + 1);
          next.push(far(link));
        }
      }
    }
    frontier = next;
  }
  const beyond = frontier.some((lot) => usable.some((l) => near(l) === lot));
  return {
    nodes: [...depth].map(([id, d]) => ({ id, depth: d })),
    edges: followed.map((l) => l.id),
    truncated: beyond,
  };
}

function linkIdOf(edge: { parentId: string; childId: string; linkedAt: string }): string {
  const link = [...LINKS, ...CYCLE_LINKS].find(
    (l) =>
      l.parent_lot_id === edge.parentId &&
      l.child_lot_id === edge.childId &&
      l.linked_at.toISOString() === edge.linkedAt,
  );
  if (!link)
    throw new Error(`the trace returned an edge the fixture lacks: ${JSON.stringify(edge)}`);
  return link.id;
}

function sorted<T>(values: readonly T[]): T[] {
  return [...values].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe('trace', () => {
  it('walks back from a finished lot to every purchased lot, each at its fewest links', async () => {
    statements = 0;
    const response = await trace({ lotNumber: 'FG-27001', direction: 'BACKWARD' });
    expect(response.errors).toBeUndefined();
    const result = response.data?.trace;
    const expected = expectedTrace('lot-pump-1', 'BACKWARD', 10);
    expect(sorted(result?.nodes.map((n) => ({ id: n.lot.id, depth: n.depth })) ?? [])).toEqual(
      sorted(expected.nodes),
    );
    expect(sorted(result?.edges.map(linkIdOf) ?? [])).toEqual(sorted(expected.edges));
    expect(result?.root.number).toBe('FG-27001');
    expect(result?.depth).toBe(Math.max(...expected.nodes.map((n) => n.depth)));
    expect(result?.truncated).toBe(false);
    expect(result?.truncatedBy).toBeNull();
    // One statement finds the lot and walks its genealogy.
    expect(statements).toBe(1);
  });

  it('walks forward from a purchased lot, reaching a lot by its shortest path', async () => {
    const response = await trace({ lotId: 'lot-steel-a', direction: 'FORWARD' });
    expect(response.errors).toBeUndefined();
    const result = response.data?.trace;
    const expected = expectedTrace('lot-steel-a', 'FORWARD', 10);
    expect(sorted(result?.nodes.map((n) => ({ id: n.lot.id, depth: n.depth })) ?? [])).toEqual(
      sorted(expected.nodes),
    );
    // The housing took steel directly (a rework transfer) as well as through the bracket.
    expect(result?.nodes.find((n) => n.lot.id === 'lot-housing')?.depth).toBe(1);
    expect(sorted(result?.edges.map(linkIdOf) ?? [])).toEqual(sorted(expected.edges));
  });

  it('orders nodes by depth then number, and gives each edge its quantity, order and time', async () => {
    const response = await trace({ lotId: 'lot-pump-2', direction: 'BACKWARD', maxDepth: 1 });
    const result = response.data?.trace;
    expect(result?.nodes.map((n) => [n.depth, n.lot.number])).toEqual([
      [0, 'FG-27002'],
      [1, 'RM-24003'],
      [1, 'SA-26001'],
    ]);
    const byTime = LINKS.filter((l) => l.child_lot_id === 'lot-pump-2').sort(
      (a, b) => a.linked_at.getTime() - b.linked_at.getTime(),
    );
    expect(result?.edges).toEqual(
      byTime.map((l) => ({
        parentId: l.parent_lot_id,
        childId: l.child_lot_id,
        parent: { id: l.parent_lot_id },
        child: { id: l.child_lot_id },
        quantity: { value: l.quantity, uom: l.uom },
        order: l.order_id === null ? null : { id: l.order_id },
        linkedAt: l.linked_at.toISOString(),
      })),
    );
  });

  it('flags a trace cut short by maxDepth, and follows no link beyond it', async () => {
    const response = await trace({ lotId: 'lot-pump-1', direction: 'BACKWARD', maxDepth: 2 });
    const result = response.data?.trace;
    const expected = expectedTrace('lot-pump-1', 'BACKWARD', 2);
    expect(expected.truncated).toBe(true);
    expect(result?.truncated).toBe(true);
    expect(result?.truncatedBy).toBe('DEPTH');
    expect(result?.maxDepth).toBe(2);
    expect(result?.depth).toBe(2);
    expect(sorted(result?.nodes.map((n) => ({ id: n.lot.id, depth: n.depth })) ?? [])).toEqual(
      sorted(expected.nodes),
    );
    expect(sorted(result?.edges.map(linkIdOf) ?? [])).toEqual(sorted(expected.edges));
  });

  it('does not flag a trace whose last depth has no links onward', async () => {
    const full = expectedTrace('lot-pump-1', 'BACKWARD', 10);
    const deepest = Math.max(...full.nodes.map((n) => n.depth));
    const response = await trace({ lotId: 'lot-pump-1', direction: 'BACKWARD', maxDepth: deepest });
    expect(response.data?.trace?.nodes).toHaveLength(full.nodes.length);
    expect(response.data?.trace?.truncated).toBe(false);
  });

  it('follows only links recorded by asOf', async () => {
    // The gasket lot went into pump 1 at 09:00 and pump 2 at 11:05.
    const asOf = new Date('2026-03-06T10:00:00Z');
    const response = await trace({
      lotId: 'lot-gasket',
      direction: 'FORWARD',
      asOf: asOf.toISOString(),
    });
    const result = response.data?.trace;
    const expected = expectedTrace('lot-gasket', 'FORWARD', 10, LINKS, asOf);
    expect(result?.nodes.map((n) => n.lot.id).sort()).toEqual(
      expected.nodes.map((n) => n.id).sort(),
    );
    expect(result?.nodes.map((n) => n.lot.id)).not.toContain('lot-pump-2');
    expect(result?.asOf).toBe(asOf.toISOString());
    const later = await trace({ lotId: 'lot-gasket', direction: 'FORWARD' });
    expect(later.data?.trace?.nodes.map((n) => n.lot.id)).toContain('lot-pump-2');
  });

  it('terminates on a cycle, visiting each lot once', async () => {
    const response = await trace({ lotId: 'lot-x', direction: 'FORWARD', maxDepth: 50 });
    expect(response.errors).toBeUndefined();
    const result = response.data?.trace;
    expect(result?.nodes.map((n) => [n.lot.id, n.depth])).toEqual([
      ['lot-x', 0],
      ['lot-y', 1],
      ['lot-z', 2],
    ]);
    expect(result?.edges.map(linkIdOf).sort()).toEqual(CYCLE_LINKS.map((l) => l.id).sort());
    expect(result?.truncated).toBe(false);
  });

  it('stops after the depth where the walk holds the configured most lots, and says so', async () => {
    const response = await trace({ lotId: 'lot-steel-a', direction: 'FORWARD' }, small.url);
    const result = response.data?.trace;
    // Depth 0 holds the steel lot, depth 1 the bracket and the housing: three lots, the limit.
    expect(result?.nodes.map((n) => n.lot.id).sort()).toEqual(
      ['lot-bracket', 'lot-housing', 'lot-steel-a'].sort(),
    );
    expect(result?.truncated).toBe(true);
    expect(result?.truncatedBy).toBe('LOTS');
  });

  it('answers null for a lot that does not exist', async () => {
    const byId = await trace({ lotId: 'lot-none', direction: 'BACKWARD' });
    const byNumber = await trace({ lotNumber: 'NO-SUCH-LOT', direction: 'FORWARD' });
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toEqual({ trace: null });
    expect(byNumber.data).toEqual({ trace: null });
  });

  it.each([0, -1, 51, 1000])('rejects maxDepth %i, naming the argument', async (maxDepth) => {
    const response = await trace({ lotId: 'lot-pump-1', direction: 'BACKWARD', maxDepth });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.argumentName).toBe('maxDepth');
    expect(response.errors?.[0]?.message).toContain('between 1 and 50');
  });

  it('asks for exactly one of lotId and lotNumber', async () => {
    for (const variables of [
      { direction: 'FORWARD' },
      { lotId: 'lot-pump-1', lotNumber: 'FG-27001', direction: 'FORWARD' },
    ]) {
      const response = await trace(variables);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.argumentName).toBe('lotId');
    }
  });
});

interface LotPage {
  lots: {
    nodes: { number: string }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

describe('lot search', () => {
  it('pages the lots created in a range, by number', async () => {
    const from = new Date('2026-02-21T00:00:00Z');
    const before = new Date('2026-03-05T00:00:00Z');
    const query = /* GraphQL */ `
      query ($from: DateTime, $before: DateTime, $after: String) {
        lots(createdFrom: $from, createdBefore: $before, first: 2, after: $after) {
          nodes {
            number
          }
          pageInfo {
            endCursor
            hasNextPage
          }
        }
      }
    `;
    const expected = [...LOTS, ...CYCLE_LOTS]
      .filter((l) => l.created_at >= from && l.created_at < before)
      .map((l) => l.number)
      .sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const response: GraphqlResponse<LotPage> = await postGraphql<LotPage>(genealogy.url, query, {
        from: from.toISOString(),
        before: before.toISOString(),
        after,
      });
      expect(response.errors).toBeUndefined();
      seen.push(...(response.data?.lots.nodes.map((n) => n.number) ?? []));
      if (!response.data?.lots.pageInfo.hasNextPage) break;
      after = response.data.lots.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(expected.length).toBeGreaterThan(2);
  });
});
