import { sql } from 'kysely';
import { DEMO } from '@plantgraph/seed';
import { postGraphql } from './support/graphql-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { until } from './support/until.ts';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
}, 180_000);

afterAll(async () => {
  await t?.close();
});

const RELEASE = /* GraphQL */ `
  mutation ($number: String!) {
    releaseOrder(
      input: { idempotencyKey: "flow-release-1", orderNumber: $number, actor: "planner.flow" }
    ) {
      acknowledgment {
        orderNumber
        status
      }
      errors {
        code
        field
        message
      }
    }
  }
`;

const ORDER = /* GraphQL */ `
  query ($number: String!) {
    orderByNumber(number: $number) {
      status
      execution {
        status
      }
      operations {
        sequence
        status
      }
      inspections {
        type
        status
      }
    }
  }
`;

interface OrderView {
  orderByNumber: {
    status: string;
    execution: { status: string } | null;
    operations: { sequence: number; status: string }[];
  } | null;
}

describe('events between subgraphs in the running stack', () => {
  it('turns a release in erp into an execution record in mes and planned inspection points in quality', async () => {
    const before = await postGraphql<OrderView>(t.gatewayUrl, ORDER, {
      number: DEMO.createdOrderNumber,
    });
    expect(before.data?.orderByNumber?.execution).toBeNull();
    expect(before.data?.orderByNumber?.operations).toEqual([]);

    const released = await postGraphql<{
      releaseOrder: { acknowledgment: { status: string } | null; errors: unknown[] };
    }>(t.gatewayUrl, RELEASE, { number: DEMO.createdOrderNumber });
    expect(released.errors).toBeUndefined();
    expect(released.data?.releaseOrder.errors).toEqual([]);
    expect(released.data?.releaseOrder.acknowledgment?.status).toBe('RELEASED');

    // Nothing but the relay, the bus and the consumers carries order.released to mes and quality.
    const after = await until(
      () => postGraphql<OrderView>(t.gatewayUrl, ORDER, { number: DEMO.createdOrderNumber }),
      // The execution and its operations commit together, but the gateway reads them in two
      // subgraph statements: wait until both are seen.
      (r) =>
        (r.data?.orderByNumber?.operations.length ?? 0) > 0 &&
        r.data?.orderByNumber?.execution != null,
    );
    expect(after.errors).toBeUndefined();
    const order = after.data?.orderByNumber;
    expect(order?.status).toBe('RELEASED');
    expect(order?.execution?.status).toBe('NOT_STARTED');
    expect(order?.operations.length).toBeGreaterThanOrEqual(3);
    expect(order?.operations.every((o) => o.status === 'PENDING')).toBe(true);
    expect(order?.operations.map((o) => o.sequence)).toEqual(
      [...(order?.operations.map((o) => o.sequence) ?? [])].sort((a, b) => a - b),
    );
    // Quality planned an inspection for every routing step that calls for one.
    const db = t.database.handle.root;
    const steps = await sql<{ n: number }>`
      select count(*)::int as n from erp.production_order o
      join erp.routing_step s on s.routing_id = o.pinned_routing_id
      where o.number = ${DEMO.createdOrderNumber} and s.requires_inspection`.execute(db);
    const planned = await until(
      async () =>
        (
          await sql<{ n: number }>`
            select count(*)::int as n from quality.inspection_point p
            join erp.production_order o on o.id = p.order_id
            where o.number = ${DEMO.createdOrderNumber}`.execute(db)
        ).rows[0]?.n ?? 0,
      (n) => n > 0,
    );
    expect(steps.rows[0]?.n).toBeGreaterThan(0);
    expect(planned).toBe(steps.rows[0]?.n);
  }, 60_000);
});
