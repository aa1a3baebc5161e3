import { DEMO } from '@plantgraph/seed';
import { postGraphql } from './support/graphql-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
}, 180_000);

afterAll(async () => {
  await t?.close();
});

const QUERY = /* GraphQL */ `
  query ($number: String!) {
    lotByNumber(number: $number) {
      number
      item {
        number
      }
      qualityStatus
      producedBy {
        number
        operations {
          sequence
          status
        }
      }
    }
  }
`;

interface Result {
  lotByNumber: {
    number: string;
    item: { number: string };
    qualityStatus: string | null;
    producedBy: { number: string; operations: unknown[] } | null;
  } | null;
}

describe('a subgraph that is down', () => {
  it('leaves the other subgraphs answering, with an error naming the one that is down', async () => {
    const before = await postGraphql<Result>(t.gatewayUrl, QUERY, {
      number: DEMO.finishedLotNumber,
    });
    expect(before.errors).toBeUndefined();
    expect(before.data?.lotByNumber?.producedBy?.number).toBe(DEMO.finishedLotOrderNumber);

    await t.stack.stopSubgraph('mes');
    const after = await postGraphql<Result>(t.gatewayUrl, QUERY, {
      number: DEMO.finishedLotNumber,
    });
    expect(after.status).toBe(200);
    expect(after.data?.lotByNumber?.number).toBe(DEMO.finishedLotNumber);
    expect(after.data?.lotByNumber?.item.number).toBe(DEMO.finishedItemNumber);
    expect(after.data?.lotByNumber?.qualityStatus).toBe(before.data?.lotByNumber?.qualityStatus);
    expect(after.data?.lotByNumber?.producedBy).toBeNull();
    expect(after.errors?.length).toBeGreaterThan(0);
    expect(after.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(after.errors?.[0]?.extensions?.serviceName).toBe('mes');
    expect(after.errors?.[0]?.message).toMatch(/mes/);
  });
});
