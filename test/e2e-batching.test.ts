import { postGraphql } from './support/graphql-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let t: TestStack;
const statements: string[] = [];

beforeAll(async () => {
  t = await startTestStack({ onQuery: (text) => statements.push(text) });
}, 180_000);

afterAll(async () => {
  await t?.close();
});

const LOTS = /* GraphQL */ `
  query ($first: Int!) {
    lots(first: $first, origin: PRODUCED) {
      nodes {
        number
        item {
          number
          description
        }
        qualityStatus
        producedBy {
          number
          status
        }
      }
    }
  }
`;

async function statementsFor(first: number): Promise<{ count: number; lots: number }> {
  statements.length = 0;
  const response = await postGraphql<{ lots: { nodes: unknown[] } }>(t.gatewayUrl, LOTS, { first });
  expect(response.errors).toBeUndefined();
  return { count: statements.length, lots: response.data?.lots.nodes.length ?? 0 };
}

describe('SQL statements per cross-system query', () => {
  // Produced lots only, so both pages reach every subgraph (a purchased lot has no producing order).
  it('does not grow with the number of lots', async () => {
    const few = await statementsFor(10);
    const many = await statementsFor(100);
    expect(few.lots).toBe(10);
    expect(many.lots).toBe(100);
    expect(many.count).toBe(few.count);
    // One query per subgraph hop: the lot page, items, quality status, producing order (mes + erp).
    expect(many.count).toBeLessThanOrEqual(6);
  });
});
