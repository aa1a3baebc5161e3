/**
 * `npm run watch-quality`: prints quality events as they happen (failed inspections, lot quality
 * status changes, nonconformances), read from the gateway's subscriptions over WebSocket. It
 * reconnects by itself and resumes after the last event it printed.
 *
 *   npm run watch-quality -- [--url ws://localhost:4000/graphql] [--plant plant-lyon]
 */
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://localhost:4000/graphql' },
    plant: { type: 'string' },
  },
});

const FEEDS = {
  inspectionFailed: `subscription InspectionFailed($plant: ID, $after: String) {
    inspectionFailed(plant: $plant, after: $after) {
      cursor time plant { code }
      inspection { number type results { characteristic { code } measured verdict } }
      lot { number item { number } }
      order { number }
      operation { sequence operationCode }
      nonconformance { number severity }
    }
  }`,
  lotQualityStatusChanged: `subscription LotStatus($plant: ID, $after: String) {
    lotQualityStatusChanged(plant: $plant, after: $after) {
      cursor time plant { code } previousQualityStatus qualityStatus lot { number item { number } }
    }
  }`,
  nonconformanceRaised: `subscription Nonconformances($plant: ID, $after: String) {
    nonconformanceRaised(plant: $plant, after: $after) {
      cursor time plant { code } severity
      nonconformance { number description } lot { number }
    }
  }`,
} as const;

type Payload = Record<string, unknown>;

function isPayload(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` as text: `-` when null, `?` when absent. */
function text(value: unknown, ...path: string[]): string {
  let current = value;
  for (const key of path) {
    if (!isPayload(current)) return '?';
    current = current[key];
  }
  return current === null || current === undefined ? '-' : String(current);
}

function failedResults(event: Payload): string {
  const inspection = event.inspection;
  const results =
    isPayload(inspection) && Array.isArray(inspection.results) ? inspection.results : [];
  return results
    .filter((r: unknown) => isPayload(r) && r.verdict === 'FAIL')
    .map((r: unknown) => `${text(r, 'characteristic', 'code')}=${text(r, 'measured')}`)
    .join(' ');
}

function line(field: keyof typeof FEEDS, event: Payload): string {
  const head = `${text(event, 'time')} ${text(event, 'plant', 'code').padEnd(5)}`;
  switch (field) {
    case 'inspectionFailed':
      return `${head} INSPECTION FAILED  ${text(event, 'inspection', 'number')} (${text(event, 'inspection', 'type')}) lot ${text(event, 'lot', 'number')} item ${text(event, 'lot', 'item', 'number')} order ${text(event, 'order', 'number')} op ${text(event, 'operation', 'sequence')}: ${failedResults(event)}; ${text(event, 'nonconformance', 'number')} ${text(event, 'nonconformance', 'severity')}`;
    case 'lotQualityStatusChanged':
      return `${head} LOT STATUS         ${text(event, 'lot', 'number')} (${text(event, 'lot', 'item', 'number')}) ${text(event, 'previousQualityStatus')} -> ${text(event, 'qualityStatus')}`;
    case 'nonconformanceRaised':
      return `${head} NONCONFORMANCE     ${text(event, 'nonconformance', 'number')} ${text(event, 'severity')} lot ${text(event, 'lot', 'number')}: ${text(event, 'nonconformance', 'description')}`;
  }
}

const client = createClient({
  url: values.url,
  webSocketImpl: WebSocket,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  on: {
    connected: () => console.error(`connected to ${values.url}`),
    closed: () => console.error('disconnected; reconnecting'),
  },
});

const FIELDS = ['inspectionFailed', 'lotQualityStatusChanged', 'nonconformanceRaised'] as const;

for (const field of FIELDS) {
  // graphql-ws sends these same variables again when it reconnects: the latest cursor resumes it.
  const variables: { plant: string | null; after: string | null } = {
    plant: values.plant ?? null,
    after: null,
  };
  client.subscribe<Payload>(
    { query: FEEDS[field], variables },
    {
      next: (result) => {
        const event = result.data?.[field];
        if (isPayload(event)) {
          variables.after = text(event, 'cursor');
          console.log(line(field, event));
        }
        if (result.errors) console.error(JSON.stringify(result.errors));
      },
      error: (error) => console.error(`${field}:`, JSON.stringify(error)),
      complete: () => console.error(`${field}: completed`),
    },
  );
}

const stop = async () => {
  await client.dispose();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
