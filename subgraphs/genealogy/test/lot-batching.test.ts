import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { genealogyDb } from '../src/db/genealogy-db.ts';
import type { NewLotRow } from '../src/db/tables/lot.ts';
import type { NewLotLinkRow } from '../src/db/tables/lot-link.ts';
import { startGenealogy } from '../src/server.ts';

/**
 * CHAINS independent builds: raw lot R → mid lot M → finished lot F, and every mid lot also
 * takes the next build's raw lot (fan-in). Lots on the other side of a link are never among
 * the lots asked for, so each size has to load them.
 */
const CHAINS = 60;
const ITEMS = 30;
const pad = (i: number) => String(i).padStart(3, '0');
const midId = (i: number) => `lot-m-${pad(i)}`;

let statements = 0;
let database: TestDatabase;
let genealogy: RunningSubgraph;

beforeAll(async () => {
  database = await openTestDatabase({
    onQuery: () => {
      statements += 1;
    },
  });
  genealogy = await startGenealogy({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('genealogy', 'silent'),
  });
  const lots: NewLotRow[] = [];
  const links: NewLotLinkRow[] = [];
  const at = (hour: number) => new Date(Date.UTC(2026, 2, 1, hour));
  for (let i = 0; i < CHAINS; i += 1) {
    const common = { plant_id: 'plant-1', uom: 'EA', created_at: at(0) };
    lots.push(
      {
        ...common,
        id: `lot-r-${pad(i)}`,
        number: `R-${pad(i)}`,
        item_id: `item-${i % ITEMS}`,
        quantity: '10',
        origin: 'PURCHASED',
        order_id: null,
      },
      {
        ...common,
        id: midId(i),
        number: `M-${pad(i)}`,
        item_id: `item-${(i + 1) % ITEMS}`,
        quantity: '5',
        origin: 'PRODUCED',
        order_id: `ord-m-${pad(i)}`,
      },
      {
        ...common,
        id: `lot-f-${pad(i)}`,
        number: `F-${pad(i)}`,
        item_id: `item-${(i + 2) % ITEMS}`,
        quantity: '5',
        origin: 'PRODUCED',
        order_id: `ord-f-${pad(i)}`,
      },
    );
    links.push(
      {
        id: `link-rm-${pad(i)}`,
        parent_lot_id: `lot-r-${pad(i)}`,
        child_lot_id: midId(i),
        quantity: '4',
        uom: 'EA',
        order_id: `ord-m-${pad(i)}`,
        linked_at: at(1),
      },
      {
        id: `link-rn-${pad(i)}`,
        parent_lot_id: `lot-r-${pad((i + 1) % CHAINS)}`,
        child_lot_id: midId(i),
        quantity: '1',
        uom: 'EA',
        order_id: `ord-m-${pad(i)}`,
        linked_at: at(2),
      },
      {
        id: `link-mf-${pad(i)}`,
        parent_lot_id: midId(i),
        child_lot_id: `lot-f-${pad(i)}`,
        quantity: '5',
        uom: 'EA',
        order_id: `ord-f-${pad(i)}`,
        linked_at: at(3),
      },
    );
  }
  const db = genealogyDb(database.handle.root);
  await db.insertInto('lot').values(lots).execute();
  await db.insertInto('lot_link').values(links).execute();
});

afterAll(async () => {
  await genealogy.close();
  await database.destroy();
});

/** Runs one request and answers its data with the number of SQL statements it ran. */
async function countStatements<T>(query: string, variables: Record<string, unknown>) {
  statements = 0;
  const response = await postGraphql<T>(genealogy.url, query, variables);
  expect(response.errors).toBeUndefined();
  return { data: response.data, statements };
}

const LOT_ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Lot {
        number
        parents {
          lot {
            number
            item {
              id
            }
          }
          quantity {
            value
          }
        }
        children {
          lot {
            number
          }
        }
      }
    }
  }
`;

interface LotEntities {
  _entities: {
    number: string;
    parents: { lot: { number: string } }[];
    children: { lot: { number: string } }[];
  }[];
}

const ITEM_ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Item {
        id
        lots(first: 1) {
          nodes {
            number
          }
        }
      }
    }
  }
`;

interface ItemEntities {
  _entities: { id: string; lots: { nodes: { number: string }[] } }[];
}

describe('genealogy batching', () => {
  it('runs the same number of statements for the parents and children of 5 lots as of 50', async () => {
    const lotsOf = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ __typename: 'Lot', id: midId(i) }));
    const five = await countStatements<LotEntities>(LOT_ENTITIES, { representations: lotsOf(5) });
    const fifty = await countStatements<LotEntities>(LOT_ENTITIES, { representations: lotsOf(50) });

    expect(fifty.data?._entities).toHaveLength(50);
    for (const [i, lot] of (fifty.data?._entities ?? []).entries()) {
      expect(lot).toEqual({
        number: `M-${pad(i)}`,
        parents: [
          {
            lot: { number: `R-${pad(i)}`, item: { id: `item-${i % ITEMS}` } },
            quantity: { value: '4' },
          },
          {
            lot: { number: `R-${pad(i + 1)}`, item: { id: `item-${(i + 1) % ITEMS}` } },
            quantity: { value: '1' },
          },
        ],
        children: [{ lot: { number: `F-${pad(i)}` } }],
      });
    }
    expect(five.data?._entities).toEqual(fifty.data?._entities.slice(0, 5));
    expect(fifty.statements).toBe(five.statements);
    // The lots asked for, the links on each side, the lots on the other side (one statement per
    // side at most; PGlite often answers both sides in one).
    expect(five.statements).toBeLessThanOrEqual(5);
  });

  it('pages the lots of 3 items and of 30 items in one statement', async () => {
    const itemsOf = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ __typename: 'Item', id: `item-${i}` }));
    const three = await countStatements<ItemEntities>(ITEM_ENTITIES, {
      representations: itemsOf(3),
    });
    const thirty = await countStatements<ItemEntities>(ITEM_ENTITIES, {
      representations: itemsOf(30),
    });

    // Every item has six lots; its first by number is an F lot (F < M < R).
    const firstLotOf = (item: number) => {
      const numbers: string[] = [];
      for (let i = 0; i < CHAINS; i += 1) {
        if (i % ITEMS === item) numbers.push(`R-${pad(i)}`);
        if ((i + 1) % ITEMS === item) numbers.push(`M-${pad(i)}`);
        if ((i + 2) % ITEMS === item) numbers.push(`F-${pad(i)}`);
      }
      return numbers.sort()[0];
    };
    expect(thirty.data?._entities).toEqual(
      Array.from({ length: 30 }, (_, i) => ({
        id: `item-${i}`,
        lots: { nodes: [{ number: firstLotOf(i) }] },
      })),
    );
    expect(three.statements).toBe(1);
    expect(thirty.statements).toBe(1);
  });

  it('loads produced and consumed lots of many orders in a fixed number of statements', async () => {
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Order {
            id
            producedLots {
              number
            }
            consumedLots {
              lot {
                number
              }
            }
          }
        }
      }
    `;
    const ordersOf = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ __typename: 'Order', id: `ord-m-${pad(i)}` }));
    const two = await countStatements(query, { representations: ordersOf(2) });
    const forty = await countStatements<{
      _entities: {
        id: string;
        producedLots: { number: string }[];
        consumedLots: { lot: { number: string } }[];
      }[];
    }>(query, { representations: ordersOf(40) });
    expect(forty.data?._entities[7]).toEqual({
      id: 'ord-m-007',
      producedLots: [{ number: 'M-007' }],
      consumedLots: [{ lot: { number: 'R-007' } }, { lot: { number: 'R-008' } }],
    });
    expect(forty.statements).toBe(two.statements);
    expect(two.statements).toBeLessThanOrEqual(3);
  });
});
