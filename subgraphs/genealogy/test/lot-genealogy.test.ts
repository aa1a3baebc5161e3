import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { genealogyDb } from '../src/db/genealogy-db.ts';
import { startGenealogy } from '../src/server.ts';
import {
  LOTS,
  PLANT,
  UPDATED_AT,
  expectedChildren,
  expectedConsumed,
  expectedParents,
  fixtureLot,
  seedChain,
  sortedNumbers,
} from './chain-fixture.ts';

let database: TestDatabase;
let genealogy: RunningSubgraph;

beforeAll(async () => {
  database = await openTestDatabase();
  genealogy = await startGenealogy({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('genealogy', 'silent'),
  });
  await seedChain(genealogyDb(database.handle.root));
});

afterAll(async () => {
  await genealogy.close();
  await database.destroy();
});

const LINK_FIELDS = /* GraphQL */ `lot { number } quantity { value uom } order { id } linkedAt`;

const LOT_BY_NUMBER = /* GraphQL */ `
  query ($number: String!) {
    lotByNumber(number: $number) {
      number
      parents { ${LINK_FIELDS} }
      children { ${LINK_FIELDS} }
    }
  }
`;

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order {
        id
        producedLots { number origin }
        consumedLots { ${LINK_FIELDS} }
      }
      ... on Item {
        id
        firstLot: lots(first: 1) { nodes { number } pageInfo { hasNextPage endCursor } }
        allLots: lots { nodes { number } pageInfo { hasNextPage } }
      }
      ... on Lot {
        number
        parents { lot { number } }
      }
    }
  }
`;

const LOTS_PAGE = /* GraphQL */ `
  query ($first: Int, $after: String, $itemId: ID, $origin: LotOrigin) {
    lots(first: $first, after: $after, itemId: $itemId, origin: $origin) {
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

interface LotsPage {
  lots: {
    nodes: { number: string }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

describe('genealogy lots and links', () => {
  it('answers a lot with its item, plant, quantity and source reference', async () => {
    const lot = fixtureLot('lot-bracket');
    const response = await postGraphql(
      genealogy.url,
      /* GraphQL */ `
        query ($id: ID!) {
          lot(id: $id) {
            id
            number
            origin
            createdAt
            revision
            item {
              id
            }
            plant {
              id
            }
            quantity {
              value
              uom
            }
            sourceRefs {
              system
              nativeKey
              lastChangedAt
            }
          }
        }
      `,
      { id: lot.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      lot: {
        id: lot.id,
        number: lot.number,
        origin: 'PRODUCED',
        createdAt: lot.created_at.toISOString(),
        revision: 1,
        item: { id: lot.item_id },
        plant: { id: PLANT },
        quantity: { value: lot.quantity, uom: lot.uom },
        sourceRefs: [
          { system: 'GENEALOGY', nativeKey: lot.number, lastChangedAt: UPDATED_AT.toISOString() },
        ],
      },
    });
  });

  it('shows a subassembly lot one level back to its inputs and one level forward to the finished lots', async () => {
    const response = await postGraphql(genealogy.url, LOT_BY_NUMBER, { number: 'SA-26001' });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      lotByNumber: {
        number: 'SA-26001',
        parents: expectedParents('lot-housing'),
        children: expectedChildren('lot-housing'),
      },
    });
    // Spelled out once, so the fixture helpers are checked too: the bracket went in under the
    // housing order, the rework steel without one; the housing went into both pumps.
    expect(response.data).toMatchObject({
      lotByNumber: {
        parents: [
          {
            lot: { number: 'IM-25001' },
            quantity: { value: '100', uom: 'EA' },
            order: { id: 'ord-housing' },
            linkedAt: '2026-03-04T07:00:00.000Z',
          },
          {
            lot: { number: 'RM-24001' },
            quantity: { value: '2.5', uom: 'KG' },
            order: null,
            linkedAt: '2026-03-04T08:00:00.000Z',
          },
        ],
        children: [
          {
            lot: { number: 'FG-27001' },
            quantity: { value: '50', uom: 'EA' },
            order: { id: 'ord-pump' },
          },
          {
            lot: { number: 'FG-27002' },
            quantity: { value: '50', uom: 'EA' },
            order: { id: 'ord-pump' },
          },
        ],
      },
    });
  });

  it('lists fan-in inputs of a finished lot oldest first, whatever order they were recorded in', async () => {
    const response = await postGraphql(genealogy.url, LOT_BY_NUMBER, { number: 'FG-27001' });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      lotByNumber: { number: 'FG-27001', parents: expectedParents('lot-pump-1'), children: [] },
    });
    expect(response.data).toMatchObject({
      lotByNumber: { parents: [{ lot: { number: 'RM-24003' } }, { lot: { number: 'SA-26001' } }] },
    });
  });

  it('shows where a supplier lot went and that it has no inputs of its own', async () => {
    const response = await postGraphql(genealogy.url, LOT_BY_NUMBER, { number: 'RM-24001' });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      lotByNumber: { number: 'RM-24001', parents: [], children: expectedChildren('lot-steel-a') },
    });
    expect(response.data).toMatchObject({
      lotByNumber: {
        children: [
          { lot: { number: 'IM-25001' }, quantity: { value: '120.5', uom: 'KG' } },
          { lot: { number: 'SA-26001' }, quantity: { value: '2.5', uom: 'KG' } },
        ],
      },
    });
  });

  it('answers null for an unknown lot number or id, without an error', async () => {
    const byNumber = await postGraphql(genealogy.url, LOT_BY_NUMBER, { number: 'NO-SUCH-LOT' });
    expect(byNumber.errors).toBeUndefined();
    expect(byNumber.data).toEqual({ lotByNumber: null });
    const byId = await postGraphql(genealogy.url, `query { lot(id: "lot-nope") { number } }`);
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toEqual({ lot: null });
  });

  it('pages through lots by number in two pages without overlap', async () => {
    const expected = sortedNumbers(LOTS);
    const size = Math.ceil(expected.length / 2);
    const first = await postGraphql<LotsPage>(genealogy.url, LOTS_PAGE, { first: size });
    expect(first.errors).toBeUndefined();
    const firstPage = first.data?.lots;
    expect(firstPage?.nodes.map((n) => n.number)).toEqual(expected.slice(0, size));
    expect(firstPage?.pageInfo.hasNextPage).toBe(true);

    const second = await postGraphql<LotsPage>(genealogy.url, LOTS_PAGE, {
      first: size,
      after: firstPage?.pageInfo.endCursor,
    });
    expect(second.errors).toBeUndefined();
    const secondPage = second.data?.lots;
    expect(secondPage?.nodes.map((n) => n.number)).toEqual(expected.slice(size));
    expect(secondPage?.pageInfo.hasNextPage).toBe(false);

    const seen = [...(firstPage?.nodes ?? []), ...(secondPage?.nodes ?? [])].map((n) => n.number);
    expect(new Set(seen).size).toBe(LOTS.length);
  });

  it('filters lots by item and by origin', async () => {
    const byItem = await postGraphql<LotsPage>(genealogy.url, LOTS_PAGE, { itemId: 'item-pump' });
    expect(byItem.data?.lots.nodes.map((n) => n.number)).toEqual(
      sortedNumbers(LOTS.filter((l) => l.item_id === 'item-pump')),
    );
    const purchased = await postGraphql<LotsPage>(genealogy.url, LOTS_PAGE, {
      origin: 'PURCHASED',
    });
    expect(purchased.data?.lots.nodes.map((n) => n.number)).toEqual(
      sortedNumbers(LOTS.filter((l) => l.origin === 'PURCHASED')),
    );
  });

  it.each([
    ['first: 0', 'first', { first: 0 }],
    ['first: 501', 'first', { first: 501 }],
    ['an after that is no cursor', 'after', { first: 2, after: 'not-a-cursor' }],
  ])(
    'rejects lots paging with %s as BAD_USER_INPUT naming %s',
    async (_case, argument, variables) => {
      const response = await postGraphql(genealogy.url, LOTS_PAGE, variables);
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.argumentName).toBe(argument);
      expect(JSON.stringify(response.errors)).not.toMatch(/stack|select|at .*\.ts/i);
    },
  );

  it('resolves orders as entities with the lots they produced and the lots they consumed', async () => {
    const response = await postGraphql(genealogy.url, ENTITIES, {
      representations: [
        { __typename: 'Order', id: 'ord-pump' },
        { __typename: 'Order', id: 'ord-bracket' },
        { __typename: 'Order', id: 'ord-without-genealogy' },
      ],
    });
    expect(response.errors).toBeUndefined();
    const produced = (orderId: string) =>
      sortedNumbers(LOTS.filter((l) => l.order_id === orderId)).map((number) => ({
        number,
        origin: 'PRODUCED',
      }));
    expect(response.data).toEqual({
      _entities: [
        {
          id: 'ord-pump',
          producedLots: produced('ord-pump'),
          consumedLots: expectedConsumed('ord-pump'),
        },
        {
          id: 'ord-bracket',
          producedLots: produced('ord-bracket'),
          consumedLots: expectedConsumed('ord-bracket'),
        },
        { id: 'ord-without-genealogy', producedLots: [], consumedLots: [] },
      ],
    });
    // The pump order consumed the gasket lot twice and the housing lot twice, interleaved by time.
    expect(response.data).toMatchObject({
      _entities: [
        {
          producedLots: [{ number: 'FG-27001' }, { number: 'FG-27002' }],
          consumedLots: ['RM-24003', 'SA-26001', 'SA-26001', 'RM-24003'].map((number) => ({
            lot: { number },
          })),
        },
        {},
        {},
      ],
    });
  });

  it('resolves several items as entities, each with its own page of lots, in one request', async () => {
    const items = ['item-steel', 'item-pump', 'item-housing', 'item-without-lots'];
    const response = await postGraphql<{
      _entities: {
        id: string;
        firstLot: {
          nodes: { number: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
        allLots: { nodes: { number: string }[]; pageInfo: { hasNextPage: boolean } };
      }[];
    }>(genealogy.url, ENTITIES, {
      representations: items.map((id) => ({ __typename: 'Item', id })),
    });
    expect(response.errors).toBeUndefined();
    const entities = response.data?._entities ?? [];
    expect(entities.map((e) => e.id)).toEqual(items);
    for (const [index, itemId] of items.entries()) {
      const numbers = sortedNumbers(LOTS.filter((l) => l.item_id === itemId));
      expect(entities[index]?.firstLot.nodes.map((n) => n.number)).toEqual(numbers.slice(0, 1));
      expect(entities[index]?.firstLot.pageInfo.hasNextPage).toBe(numbers.length > 1);
      expect(entities[index]?.allLots).toEqual({
        nodes: numbers.map((number) => ({ number })),
        pageInfo: { hasNextPage: false },
      });
    }

    const steelCursor = entities[0]?.firstLot.pageInfo.endCursor;
    const next = await postGraphql(
      genealogy.url,
      /* GraphQL */ `
        query ($representations: [_Any!]!, $after: String) {
          _entities(representations: $representations) {
            ... on Item {
              id
              lots(first: 1, after: $after) {
                nodes {
                  number
                }
                pageInfo {
                  hasNextPage
                }
              }
            }
          }
        }
      `,
      { representations: [{ __typename: 'Item', id: 'item-steel' }], after: steelCursor },
    );
    expect(next.errors).toBeUndefined();
    expect(next.data).toEqual({
      _entities: [
        {
          id: 'item-steel',
          lots: { nodes: [{ number: 'RM-24002' }], pageInfo: { hasNextPage: false } },
        },
      ],
    });
  });

  it('rejects an item lot page with a bad first as BAD_USER_INPUT naming the argument', async () => {
    const response = await postGraphql(
      genealogy.url,
      /* GraphQL */ `
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Item {
              lots(first: 0) {
                nodes {
                  number
                }
              }
            }
          }
        }
      `,
      { representations: [{ __typename: 'Item', id: 'item-steel' }] },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.argumentName).toBe('first');
  });

  it('resolves lots as entities and answers null for a lot it does not know', async () => {
    const response = await postGraphql(genealogy.url, ENTITIES, {
      representations: [
        { __typename: 'Lot', id: 'lot-bracket' },
        { __typename: 'Lot', id: 'lot-unknown' },
      ],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      _entities: [
        {
          number: 'IM-25001',
          parents: expectedParents('lot-bracket').map((p) => ({ lot: p.lot })),
        },
        null,
      ],
    });
    expect(response.data).toMatchObject({
      _entities: [
        { parents: [{ lot: { number: 'RM-24001' } }, { lot: { number: 'RM-24002' } }] },
        null,
      ],
    });
  });
});
