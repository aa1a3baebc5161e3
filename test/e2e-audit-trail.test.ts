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

interface Entry {
  id: string;
  subgraph: string;
  occurredAt: string;
  actor: string;
  correlationId: string;
  operation: string;
  idempotencyKey: string;
  aggregateType: string;
  aggregateId: string;
  aggregateRevision: number;
  revisionsInEffect: { name: string; value: string | null }[];
  eventIds: string[];
}
interface Page {
  entries: { nodes: Entry[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
type PerSubgraph = Record<'erp' | 'mes' | 'quality', Page | null>;

const ENTRY = /* GraphQL */ `
  fragment Entry on AuditEntry {
    id
    subgraph
    occurredAt
    actor
    correlationId
    operation
    idempotencyKey
    aggregateType
    aggregateId
    aggregateRevision
    revisionsInEffect {
      name
      value
    }
    eventIds
  }
`;

const TRAIL = /* GraphQL */ `
  query ($correlationId: ID!) {
    auditTrail(correlationId: $correlationId) {
      correlationId
      erp {
        entries {
          nodes {
            ...Entry
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      mes {
        entries {
          nodes {
            ...Entry
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      quality {
        entries {
          nodes {
            ...Entry
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
    correlationTrail(correlationId: $correlationId) {
      erp {
        published {
          event {
            id
            causationId
          }
        }
      }
      mes {
        published {
          event {
            id
            causationId
          }
        }
      }
      quality {
        published {
          event {
            id
            causationId
          }
        }
      }
    }
  }
  ${ENTRY}
`;

const HISTORY = /* GraphQL */ `
  query (
    $type: String!
    $id: ID!
    $first: Int
    $after: String
    $since: DateTime
    $until: DateTime
  ) {
    auditHistory(aggregateType: $type, aggregateId: $id) {
      aggregateType
      aggregateId
      erp {
        entries(first: $first, after: $after, since: $since, until: $until) {
          nodes {
            ...Entry
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      mes {
        entries(first: $first, after: $after, since: $since, until: $until) {
          nodes {
            ...Entry
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      quality {
        entries(first: $first, after: $after, since: $since, until: $until) {
          nodes {
            ...Entry
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
  ${ENTRY}
`;

async function mutate(query: string, correlationId: string) {
  const response = await postGraphql(
    t.gatewayUrl,
    query,
    {},
    { 'x-correlation-id': correlationId },
  );
  expect(response.errors).toBeUndefined();
  expect(JSON.stringify(response.data)).toContain('"errors":[]');
  return response.data;
}

async function history(variables: Record<string, unknown>) {
  const response = await postGraphql<{ auditHistory: PerSubgraph }>(t.gatewayUrl, HISTORY, {
    type: 'LotQuality',
    ...variables,
  });
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data.auditHistory;
}

const nodes = (page: Page | null) => page?.entries.nodes ?? [];

describe('the audit trail through the gateway', () => {
  let lotId: string;

  it('answers what one request changed in erp, mes and quality, with the events each change wrote', async () => {
    const lot = await postGraphql<{ lotByNumber: { id: string } | null }>(
      t.gatewayUrl,
      `{ lotByNumber(number: "${DEMO.finishedLotNumber}") { id } }`,
    );
    lotId = lot.data?.lotByNumber?.id ?? '';
    // One request, three subgraphs: the gateway runs the mutation fields one after the other.
    await mutate(
      `mutation {
        releaseOrder(input: { idempotencyKey: "audit-release", orderNumber: "${DEMO.createdOrderNumber}",
          actor: "planner.anna" }) { acknowledgment { status } errors { code } }
        startOperation(input: { idempotencyKey: "audit-start", orderNumber: "${DEMO.releasedOrderNumber}",
          sequence: 10, eventSequence: 1, occurredAt: "${new Date().toISOString()}", actor: "mes.line-2" }) {
          report { status } errors { code }
        }
        dispositionLot(input: { idempotencyKey: "audit-hold", lotNumber: "${DEMO.finishedLotNumber}",
          disposition: HOLD, reason: "Customer complaint under review", actor: "qe.maria" }) {
          decision { status } errors { code }
        }
      }`,
      'audit-e2e-1',
    );

    const response = await postGraphql<{
      auditTrail: PerSubgraph & { correlationId: string };
      correlationTrail: Record<
        'erp' | 'mes' | 'quality',
        { published: { event: { id: string; causationId: string | null } }[] }
      >;
    }>(t.gatewayUrl, TRAIL, { correlationId: 'audit-e2e-1' });
    expect(response.errors).toBeUndefined();
    const trail = response.data?.auditTrail;
    expect(trail?.correlationId).toBe('audit-e2e-1');
    const summary = (page: Page | null) =>
      nodes(page).map((e) => [e.subgraph, e.operation, e.actor, e.aggregateType, e.idempotencyKey]);
    expect(summary(trail?.erp ?? null)).toEqual([
      ['erp', 'erp.releaseOrder', 'planner.anna', 'Order', 'audit-release'],
    ]);
    expect(summary(trail?.mes ?? null)).toEqual([
      ['mes', 'mes.startOperation', 'mes.line-2', 'Operation', 'audit-start'],
    ]);
    expect(summary(trail?.quality ?? null)).toEqual([
      ['quality', 'quality.dispositionLot', 'qe.maria', 'LotQuality', 'audit-hold'],
    ]);
    for (const subgraph of ['erp', 'mes', 'quality'] as const) {
      const [entry] = nodes(trail?.[subgraph] ?? null);
      expect(entry?.id).toMatch(new RegExp(`^${subgraph}:\\d+$`));
      expect(entry?.correlationId).toBe('audit-e2e-1');
      // The events an entry names are those the request itself made the subgraph publish (its
      // consumers may publish more under the same correlation id, caused by other events).
      expect(entry?.eventIds).toEqual(
        response.data?.correlationTrail[subgraph].published
          .filter((p) => p.event.causationId === null)
          .map((p) => p.event.id),
      );
      expect(trail?.[subgraph]?.entries.pageInfo.hasNextPage).toBe(false);
    }
    const [release] = nodes(trail?.erp ?? null);
    expect(release).toMatchObject({ aggregateId: 'order-000230', aggregateRevision: 2 });
    expect(release?.revisionsInEffect).toContainEqual({
      name: 'itemRevision',
      value: 'item-fg-pump-100-rev-b',
    });
    expect(nodes(trail?.quality ?? null)[0]).toMatchObject({ aggregateId: lotId });
  });

  it('answers what happened to one record, newest first, page by page and within a time range', async () => {
    await mutate(
      `mutation {
        dispositionLot(input: { idempotencyKey: "audit-release-lot", lotNumber: "${DEMO.finishedLotNumber}",
          disposition: RELEASE, reason: "Complaint not confirmed", actor: "qe.lead" }) {
          decision { status } errors { code }
        }
      }`,
      'audit-e2e-2',
    );
    const all = await history({ id: lotId });
    expect(nodes(all.erp)).toEqual([]);
    expect(nodes(all.mes)).toEqual([]);
    const changes = nodes(all.quality);
    expect(changes.map((e) => [e.actor, e.correlationId])).toEqual([
      ['qe.lead', 'audit-e2e-2'],
      ['qe.maria', 'audit-e2e-1'],
    ]);
    expect(changes.map((e) => e.aggregateRevision)).toEqual(
      [...changes.map((e) => e.aggregateRevision)].sort((a, b) => b - a),
    );

    const first = await history({ id: lotId, first: 1 });
    expect(nodes(first.quality).map((e) => e.id)).toEqual([changes[0]?.id]);
    expect(first.quality?.entries.pageInfo.hasNextPage).toBe(true);
    const next = await history({
      id: lotId,
      first: 1,
      after: first.quality?.entries.pageInfo.endCursor,
    });
    expect(nodes(next.quality).map((e) => e.id)).toEqual([changes[1]?.id]);
    expect(next.quality?.entries.pageInfo.hasNextPage).toBe(false);

    const newest = changes[0]?.occurredAt ?? '';
    const before = await history({ id: lotId, until: newest });
    expect(nodes(before.quality).map((e) => e.id)).toEqual([changes[1]?.id]);
    const since = await history({ id: lotId, since: newest });
    expect(nodes(since.quality).map((e) => e.id)).toEqual([changes[0]?.id]);
  });

  it('refuses bad arguments with BAD_USER_INPUT naming them', async () => {
    const blank = await postGraphql(t.gatewayUrl, HISTORY, { type: ' ', id: lotId });
    expect(blank.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'aggregateType',
    });
    const cursor = await postGraphql(t.gatewayUrl, HISTORY, {
      type: 'LotQuality',
      id: lotId,
      after: 'bm90LW1pbmU',
    });
    expect(cursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'after',
    });
    const range = await postGraphql(t.gatewayUrl, HISTORY, {
      type: 'LotQuality',
      id: lotId,
      since: '2026-11-02T00:00:00Z',
      until: '2026-11-01T00:00:00Z',
    });
    expect(range.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'until',
    });
  });
});
