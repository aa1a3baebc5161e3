import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import {
  CORRELATION_HEADER,
  createLogger,
  type RunningHttpService,
  type RunningSubgraph,
} from '@plantgraph/platform';
import { erpDb, type ErpDb } from '../../subgraphs/erp/src/db/erp-db.ts';
import { startErp } from '../../subgraphs/erp/src/server.ts';
import { startGateway } from '../../gateway/src/server.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';

/** One request the gateway sent to erp, seen on the wire. */
export interface ObservedSubgraphRequest {
  /** The correlation id header the gateway sent. */
  readonly sentCorrelationId: string | undefined;
  /** The correlation id erp answered with (the one its request context used). */
  readonly answeredCorrelationId: string | null;
}

/** erp on a real database behind the gateway; mes, quality and genealogy point at closed ports. */
export interface ErpBehindGateway {
  readonly database: TestDatabase;
  readonly db: ErpDb;
  readonly erp: RunningSubgraph;
  readonly gateway: RunningHttpService;
  /** Every request that reached erp through the gateway, in order. */
  readonly erpRequests: readonly ObservedSubgraphRequest[];
  /** The gateway's log lines (JSON objects), for assertions on what it logged. */
  readonly gatewayLog: readonly Record<string, unknown>[];
  close(): Promise<void>;
}

/** A URL on which nothing listens: a port that was free a moment ago. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}/graphql`;
}

/** Forwards to `origin`, recording the correlation id going in and the one coming back. */
async function recordingProxy(
  origin: string,
  seen: ObservedSubgraphRequest[],
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && key !== 'host' && key !== 'content-length') {
          headers.set(key, value);
        }
      }
      const header = req.headers[CORRELATION_HEADER];
      const method = req.method ?? 'GET';
      const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
      fetch(new URL(req.url ?? '/', origin), { method, headers, body })
        .then(async (response) => {
          if (new URL(req.url ?? '/', origin).pathname === '/graphql') {
            seen.push({
              sentCorrelationId: typeof header === 'string' ? header : undefined,
              answeredCorrelationId: response.headers.get(CORRELATION_HEADER),
            });
          }
          res.statusCode = response.status;
          res.setHeader('content-type', response.headers.get('content-type') ?? 'text/plain');
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch(() => {
          res.statusCode = 502;
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return { url: `http://127.0.0.1:${address.port}/graphql`, server };
}

/**
 * Starts erp (migrated, then seeded by `seed`) and the gateway on the committed supergraph, erp
 * reached through a recording proxy and every other subgraph pointed at a closed port.
 */
export async function startErpBehindGateway(
  seed: (db: ErpDb) => Promise<void>,
): Promise<ErpBehindGateway> {
  const database = await openTestDatabase();
  const erp = await startErp({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('erp', 'silent'),
  });
  const db = erpDb(database.handle.root);
  await seed(db);
  const erpRequests: ObservedSubgraphRequest[] = [];
  const proxy = await recordingProxy(erp.url, erpRequests);
  const gatewayLog: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') gatewayLog.push(JSON.parse(line));
      }
      done();
    },
  });
  const supergraphSdl = await readFile(
    new URL('../../supergraph.graphql', import.meta.url),
    'utf8',
  );
  const gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    supergraphSdl,
    subgraphUrls: {
      erp: proxy.url,
      mes: await closedPortUrl(),
      quality: await closedPortUrl(),
      genealogy: await closedPortUrl(),
    },
    log: pino({ level: 'info' }, sink),
  });
  return {
    database,
    db,
    erp,
    gateway,
    erpRequests,
    gatewayLog,
    close: async () => {
      await gateway.close();
      proxy.server.closeAllConnections();
      await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
      await erp.close();
      await database.destroy();
    },
  };
}

/** Two plants, two items, three orders: enough erp data to see through the gateway. */
export async function seedErpBasics(db: ErpDb): Promise<void> {
  await db
    .insertInto('plant')
    .values([
      { id: 'plant-hh', code: 'HH01', name: 'Hamburg Works', timezone: 'Europe/Berlin' },
      { id: 'plant-ly', code: 'LY02', name: 'Lyon Assembly', timezone: 'Europe/Paris' },
    ])
    .execute();
  await db
    .insertInto('item')
    .values([
      {
        id: 'item-pump',
        number: 'FG-100',
        description: 'Pump assembly',
        base_uom: 'EA',
        tracking: 'LOT',
        type: 'FINISHED_GOOD',
        source_key: 'MATNR FG-100',
      },
      {
        id: 'item-valve',
        number: 'FG-200',
        description: 'Valve body',
        base_uom: 'EA',
        tracking: 'LOT',
        type: 'FINISHED_GOOD',
        source_key: 'MATNR FG-200',
      },
    ])
    .execute();
  const order = (
    id: string,
    number: string,
    itemId: string,
    status: 'RELEASED' | 'IN_PROGRESS',
  ) => ({
    id,
    number,
    plant_id: 'plant-hh',
    item_id: itemId,
    planned_quantity: '120',
    uom: 'EA',
    status,
    due_date: '2026-04-30',
    created_at: new Date('2026-03-01T08:00:00Z'),
    released_at: new Date('2026-03-02T08:00:00Z'),
    pinned_item_revision_id: null,
    pinned_bom_id: null,
    pinned_routing_id: null,
    source_key: `AUFNR ${number}`,
  });
  await db
    .insertInto('production_order')
    .values([
      order('order-1', 'PO-1001', 'item-pump', 'IN_PROGRESS'),
      order('order-2', 'PO-1002', 'item-valve', 'IN_PROGRESS'),
      order('order-3', 'PO-1003', 'item-pump', 'RELEASED'),
    ])
    .execute();
}
