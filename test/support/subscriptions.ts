import { randomUUID } from 'node:crypto';
import { Kind, OperationTypeNode, parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import type { FormattedExecutionResult } from 'graphql';
import { sql, type Kysely } from 'kysely';
import WebSocket from 'ws';
import type { EventBus, EventEnvelope } from '@plantgraph/events';
import type { RootDatabase } from '@plantgraph/platform';
import { postGraphql } from './graphql-client.ts';

/** True when the document's operation is a subscription. */
export function isSubscription(query: string): boolean {
  return parse(query).definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      definition.operation === OperationTypeNode.SUBSCRIPTION,
  );
}

/** The WebSocket URL of a gateway's HTTP GraphQL URL (the same path). */
export function wsUrlOf(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** A graphql-ws client (the graphql-transport-ws protocol) on the gateway; it never retries. */
export function wsClient(httpUrl: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: wsUrlOf(httpUrl),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...(connectionParams ? { connectionParams } : {}),
  });
}

/** A result's data, as the tests read it. */
export type Data = Record<string, unknown>;

/** What one subscription received, as it arrives. */
export class Recorder {
  readonly results: FormattedExecutionResult<Data, unknown>[] = [];
  errors: readonly unknown[] | null = null;
  completed = false;
  readonly #stop: () => void;
  #changed: (() => void) | null = null;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.#stop = client.subscribe<Data>(
      { query, variables },
      {
        next: (result) => {
          this.results.push(result);
          this.#changed?.();
        },
        error: (error) => {
          this.errors = Array.isArray(error) ? error : [error];
          this.#changed?.();
        },
        complete: () => {
          this.completed = true;
          this.#changed?.();
        },
      },
    );
  }

  /** Resolves once `done` holds, or rejects with what was received after `timeoutMs`. */
  async until(done: (recorder: Recorder) => boolean, what: string, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (!done(this)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `timed out waiting for ${what}; received ${this.results.length} results, the last: ${JSON.stringify(this.results.slice(-3))}; errors: ${JSON.stringify(this.errors)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.#changed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#changed = null;
    }
    return this;
  }

  /** Waits for `count` results. */
  received(count: number, timeoutMs?: number): Promise<this> {
    return this.until((r) => r.results.length >= count, `${count} results`, timeoutMs);
  }

  /** Waits for the `error` message. */
  async failed(timeoutMs?: number): Promise<readonly unknown[]> {
    await this.until((r) => r.errors !== null, 'an error message', timeoutMs);
    return this.errors ?? [];
  }

  stop(): void {
    this.#stop();
  }
}

/** True for a JSON object. */
export function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The subscription field's value of each result (results with errors included as they are). */
export function payloads(recorder: Recorder, field: string): Data[] {
  return recorder.results.map((result) => {
    const value = result.data?.[field];
    if (!isData(value)) throw new Error(`result without ${field}: ${JSON.stringify(result)}`);
    return value;
  });
}

/** Lets the gateway admit subscriptions just sent (they are only live once admitted). */
export function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A planned inspection of the demo data, with what recording a failure needs. */
export interface PlannedInspection {
  readonly number: string;
  readonly plantId: string;
  readonly itemId: string;
  readonly lotId: string;
  readonly lotNumber: string;
  readonly orderNumber: string | null;
  readonly characteristics: readonly { code: string; upperLimit: string | null }[];
}

interface PlannedInspectionsData {
  inspections: {
    nodes: {
      number: string;
      order: { number: string } | null;
      lot: { id: string; number: string; plant: { id: string }; item: { id: string } };
      plan: { characteristics: { code: string; upperLimit: string | null }[] };
    }[];
  };
}

/** Every PLANNED inspection, as the graph shows it. */
export async function plannedInspections(gatewayUrl: string): Promise<PlannedInspection[]> {
  const response = await postGraphql<PlannedInspectionsData>(
    gatewayUrl,
    `{ inspections(status: PLANNED, first: 500) { nodes {
        number order { number }
        lot { id number plant { id } item { id } }
        plan { characteristics { code upperLimit } } } } }`,
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return (response.data?.inspections.nodes ?? []).map((node) => ({
    number: node.number,
    plantId: node.lot.plant.id,
    itemId: node.lot.item.id,
    lotId: node.lot.id,
    lotNumber: node.lot.number,
    orderNumber: node.order?.number ?? null,
    characteristics: node.plan.characteristics,
  }));
}

/**
 * Copies a planned inspection `count` times (same lot, order, operation and plan; new ids and
 * numbers), so a test can record as many failures as it needs. Returns the new numbers in order.
 */
export async function copyPlannedInspection(
  root: Kysely<RootDatabase>,
  template: string,
  count: number,
): Promise<string[]> {
  const prefix = `INS-T${randomUUID().slice(0, 6).toUpperCase()}-`;
  const rows = await sql<{ number: string }>`
    insert into quality.inspection
      (id, number, lot_id, order_id, operation_id, type, status, plan_id, created_at)
    select ${`ins-${prefix}`} || g, ${prefix} || lpad(g::text, 3, '0'), lot_id, order_id,
      operation_id, type, 'PLANNED', plan_id, now()
    from quality.inspection, generate_series(1, ${count}::int) g
    where number = ${template}
    order by g
    returning number`.execute(root);
  return rows.rows.map((row) => row.number).sort();
}

interface RecordData {
  recordInspectionResults: {
    outcome: { status: string; eventIds: string[] } | null;
    errors: { code: string; message: string }[];
  };
}

/**
 * Records results out of every upper limit through the gateway (the real mutation): the
 * inspection fails. Returns the ids of the events it wrote.
 */
export async function recordFailure(
  gatewayUrl: string,
  inspectionNumber: string,
  characteristics: PlannedInspection['characteristics'],
  correlationId: string = randomUUID(),
): Promise<string[]> {
  const response = await postGraphql<RecordData>(
    gatewayUrl,
    `mutation Fail($input: RecordInspectionResultsInput!) {
      recordInspectionResults(input: $input) { outcome { status eventIds } errors { code message } }
    }`,
    {
      input: {
        idempotencyKey: randomUUID(),
        inspectionNumber,
        inspectedAt: new Date().toISOString(),
        actor: 'subscription-test',
        results: characteristics.map((c) => ({
          characteristicCode: c.code,
          measured: String(Number(c.upperLimit ?? '0') + 1000),
        })),
      },
    },
    { 'x-correlation-id': correlationId },
  );
  const outcome = response.data?.recordInspectionResults.outcome;
  if (!outcome || outcome.status !== 'FAILED') {
    throw new Error(`recording a failure did not fail: ${JSON.stringify(response)}`);
  }
  return outcome.eventIds;
}

/** Publishes synthetic events of `type` with `bytes` of data each on the real bus. */
export async function publishBulk(
  bus: EventBus,
  type: string,
  count: number,
  bytes: number,
): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for (let i = 0; i < count; i += 1) {
    const event: EventEnvelope = {
      specversion: '1.0',
      id: randomUUID(),
      source: 'plantgraph/test',
      type,
      subject: `bulk-${i}`,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: { index: i, filler: 'x'.repeat(bytes) },
      correlationid: randomUUID(),
      causationid: null,
      plant: 'plant-test',
      aggregatetype: 'Bulk',
      aggregateid: `bulk-${i}`,
      aggregateversion: 1,
    };
    await bus.publish(event);
    events.push(event);
  }
  return events;
}
