import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { readGenealogyLimits } from '../src/config.ts';
import { genealogyDb } from '../src/db/genealogy-db.ts';
import { startGenealogy } from '../src/server.ts';
import { LINKS, seedChain } from './chain-fixture.ts';

/** Every lot reachable from `start` in `direction` (the start included), from the fixture. */
function reach(start: string, direction: 'BACKWARD' | 'FORWARD'): Set<string> {
  const reached = new Set([start]);
  for (let grew = true; grew;) {
    grew = false;
    for (const link of LINKS) {
      const [from, to] =
        direction === 'BACKWARD'
          ? [link.child_lot_id, link.parent_lot_id]
          : [link.parent_lot_id, link.child_lot_id];
      if (reached.has(from) && !reached.has(to)) {
        reached.add(to);
        grew = true;
      }
    }
  }
  return reached;
}

/** The backward trace of a pump: every lot that went into it. */
const PUMP_TRACE = reach('lot-pump-1', 'BACKWARD').size;
/** Room for one such trace and a little more, not for two. */
const BUDGET = PUMP_TRACE + 2;

let database: TestDatabase;
let genealogy: RunningSubgraph;

beforeAll(async () => {
  database = await openTestDatabase();
  genealogy = await startGenealogy({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('genealogy', 'silent'),
    limits: readGenealogyLimits({ TRACE_REQUEST_MAX_LOTS: String(BUDGET) }),
  });
  await seedChain(genealogyDb(database.handle.root));
});

afterAll(async () => {
  await genealogy?.close();
  await database?.destroy();
});

interface Answer {
  data?: Record<string, { nodes: { lot: { id: string } }[] } | null> | null;
  errors?: readonly {
    message: string;
    path?: readonly (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

const THREE_TRACES = /* GraphQL */ `
  {
    a: trace(lotId: "lot-pump-1", direction: BACKWARD) {
      nodes {
        lot {
          id
        }
      }
    }
    b: trace(lotId: "lot-pump-2", direction: BACKWARD) {
      nodes {
        lot {
          id
        }
      }
    }
    c: trace(lotId: "lot-steel-a", direction: FORWARD, maxDepth: 1) {
      nodes {
        lot {
          id
        }
      }
    }
  }
`;

describe('the lots one request may walk', () => {
  it('answers aliased traces while they fit, and refuses the rest with LOT_BUDGET_EXCEEDED', async () => {
    const response: Answer = await postGraphql(genealogy.url, THREE_TRACES);
    expect(response.data?.a?.nodes).toHaveLength(PUMP_TRACE);
    expect(response.data?.b).toBeNull();
    expect(response.data?.c).toBeNull();
    expect(response.errors?.map((e) => e.path)).toEqual([['b'], ['c']]);
    for (const error of response.errors ?? []) {
      expect(error.extensions).toMatchObject({
        code: 'LOT_BUDGET_EXCEEDED',
        limit: 'TRACE_REQUEST_MAX_LOTS',
        maxLots: BUDGET,
      });
      expect(error.message).toContain('TRACE_REQUEST_MAX_LOTS');
    }
  });

  it('gives every request its own budget', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response: Answer = await postGraphql(
        genealogy.url,
        '{ a: trace(lotId: "lot-pump-1", direction: BACKWARD) { nodes { lot { id } } } }',
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.a?.nodes).toHaveLength(PUMP_TRACE);
    }
  });

  it('counts recalls against the same budget as traces', async () => {
    const opened = await postGraphql<{ recallImpact: { id: string } }>(
      genealogy.url,
      '{ recallImpact(lotIds: ["lot-steel-a"]) { id } }',
    );
    const id = opened.data?.recallImpact.id;
    if (!id) throw new Error('no recall id');
    const response = await postGraphql<{
      _entities: ({ summary: { lotsReached: number } } | null)[];
    }>(
      genealogy.url,
      /* GraphQL */ `
        query ($representations: [_Any!]!) {
          a: trace(lotId: "lot-pump-1", direction: BACKWARD) {
            depth
          }
          _entities(representations: $representations) {
            ... on RecallImpact {
              summary {
                lotsReached
              }
            }
          }
        }
      `,
      {
        representations: [
          {
            __typename: 'RecallImpact',
            id,
            supplierLots: [],
            finishedGoodItems: [{ id: 'item-pump' }],
          },
        ],
      },
    );
    expect(reach('lot-steel-a', 'FORWARD').size).toBeGreaterThan(BUDGET - PUMP_TRACE);
    expect(response.data?._entities).toEqual([null]);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['LOT_BUDGET_EXCEEDED']);
  });
});
