import { DEMO } from '@plantgraph/seed';
import { postGraphql } from './support/graphql-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { Recorder, wsClient } from './support/subscriptions.ts';
import { until } from './support/until.ts';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
}, 180_000);

afterAll(async () => {
  await t?.close();
});

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await postGraphql<T>(t.gatewayUrl, query, variables, {
    'x-correlation-id': 'e2e-in-process',
  });
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  expect(JSON.stringify(response.data)).not.toMatch(/"errors":\[\{/);
  return response.data;
}

interface OrderView {
  orderByNumber: {
    status: string;
    operations: { sequence: number }[];
    inspections: {
      number: string;
      type: string;
      status: string;
      lot: { number: string } | null;
      operation: { sequence: number } | null;
      plan: { characteristics: { code: string; upperLimit: string | null }[] };
    }[];
    nonconformances: { number: string; lot: { number: string } | null; status: string }[];
  } | null;
}

const ORDER = /* GraphQL */ `
  query ($number: String!) {
    orderByNumber(number: $number) {
      status
      operations {
        sequence
      }
      inspections {
        number
        type
        status
        lot {
          number
        }
        operation {
          sequence
        }
        plan {
          characteristics {
            code
            upperLimit
          }
        }
      }
      nonconformances {
        number
        status
        lot {
          number
        }
      }
    }
  }
`;

const order = () => gql<OrderView>(ORDER, { number: DEMO.createdOrderNumber });

describe('an in-process inspection through the running stack', () => {
  it('opens when the MES completes the inspected operation; its failure holds the order and is delivered to subscribers', async () => {
    const client = wsClient(t.gatewayUrl);
    const failures = new Recorder(
      client,
      `subscription { inspectionFailed {
        inspection { number type } lot { number } order { number }
        operation { sequence operationCode } nonconformance { number lot { number } }
      } }`,
    );
    try {
      await gql(`mutation {
        releaseOrder(input: { idempotencyKey: "ipq-release", orderNumber: "${DEMO.createdOrderNumber}",
          actor: "planner.anna" }) { acknowledgment { status } errors { code field message } }
      }`);
      await until(order, (o) => (o.orderByNumber?.operations.length ?? 0) > 0);

      // Shop-floor reports after the release (at the wall clock's now), a minute apart.
      const releasedAt = Date.now();
      let minute = 0;
      const time = () => new Date(releasedAt + (minute += 1) * 60_000).toISOString();
      for (const sequence of [10, 20, 30]) {
        await gql(`mutation {
          startOperation(input: { idempotencyKey: "ipq-start-${sequence}",
            orderNumber: "${DEMO.createdOrderNumber}", sequence: ${sequence}, eventSequence: 1,
            occurredAt: "${time()}", actor: "mes.line-1" }) { report { status } errors { code field message } }
          completeOperation(input: { idempotencyKey: "ipq-complete-${sequence}",
            orderNumber: "${DEMO.createdOrderNumber}", sequence: ${sequence}, eventSequence: 2,
            occurredAt: "${time()}", goodQuantity: "1", actor: "mes.line-1" }) {
            report { status } errors { code field message }
          }
        }`);
      }
      const opened = await until(order, (o) =>
        (o.orderByNumber?.inspections ?? []).some((i) => i.type === 'IN_PROCESS'),
      );
      const inspections = opened.orderByNumber?.inspections ?? [];
      expect(inspections.map((i) => [i.type, i.status, i.lot, i.operation])).toEqual([
        ['IN_PROCESS', 'PLANNED', null, { sequence: 30 }],
      ]);
      const [inspection] = inspections;
      const results = (inspection?.plan.characteristics ?? []).map((c, i) => ({
        characteristicCode: c.code,
        measured: i === 0 ? String(Number(c.upperLimit) + 1) : (c.upperLimit ?? '0'),
      }));
      await gql(
        `mutation ($results: [MeasuredValueInput!]!) {
          recordInspectionResults(input: { idempotencyKey: "ipq-results",
            inspectionNumber: "${inspection?.number ?? ''}", inspectedAt: "${time()}",
            actor: "inspector.kim", results: $results }) {
            outcome { status lot { id } lotQualityStatus } errors { code field message }
          }
        }`,
        { results },
      );

      await failures.received(1);
      expect(failures.results[0]?.errors).toBeUndefined();
      const nonconformances = (await order()).orderByNumber?.nonconformances ?? [];
      expect(nonconformances).toEqual([
        { number: expect.stringMatching(/^NC-/), status: 'OPEN', lot: null },
      ]);
      expect(failures.results[0]?.data).toEqual({
        inspectionFailed: {
          inspection: { number: inspection?.number, type: 'IN_PROCESS' },
          lot: null,
          order: { number: DEMO.createdOrderNumber },
          operation: { sequence: 30, operationCode: expect.any(String) },
          nonconformance: { number: nonconformances[0]?.number, lot: null },
        },
      });
      // erp's order-status consumer holds the order on the failed inspection.
      const held = await until(order, (o) => o.orderByNumber?.status === 'ON_HOLD');
      expect(held.orderByNumber?.status).toBe('ON_HOLD');
    } finally {
      failures.stop();
      await client.dispose();
    }
  }, 90_000);
});
