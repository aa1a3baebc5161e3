import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createLogger } from '@plantgraph/platform';
import { startGateway } from '../gateway/src/server.ts';
import { postGraphql } from './support/graphql-client.ts';
import {
  seedErpBasics,
  startErpBehindGateway,
  type ErpBehindGateway,
} from './support/erp-behind-gateway.ts';

let stack: ErpBehindGateway;

beforeAll(async () => {
  stack = await startErpBehindGateway(seedErpBasics);
});

afterAll(async () => {
  await stack.close();
});

function readyUrl(graphqlUrl: string): string {
  return new URL('/ready', graphqlUrl).toString();
}

describe('gateway with the mes subgraph down', () => {
  it("returns erp's data and a SUBGRAPH_UNAVAILABLE error naming mes for mes's fields", async () => {
    const orderNumbers = (
      await stack.db.selectFrom('production_order').select('number').orderBy('number').execute()
    ).map((row) => row.number);
    const response = await postGraphql(
      stack.gateway.url,
      '{ orders { nodes { number execution { status } } } }',
      {},
      { 'x-correlation-id': 'corr-mes-down' },
    );
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      orders: { nodes: orderNumbers.map((number) => ({ number, execution: null })) },
    });
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors ?? [];
    expect(error?.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'mes',
      correlationId: 'corr-mes-down',
    });
    expect(error?.message).toMatch(/\bmes\b/);
    expect(error?.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|FetchError/);
  });

  it('answers the erp half of a query whose other root field lives on mes', async () => {
    const response = await postGraphql(
      stack.gateway.url,
      '{ plants { code } operation(id: "op-1") { sequence } }',
    );
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      plants: [{ code: 'HH01' }, { code: 'LY02' }],
      operation: null,
    });
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.serviceName])).toEqual([
      ['SUBGRAPH_UNAVAILABLE', 'mes'],
    ]);
  });

  it('names genealogy when a query starts on a subgraph that is down', async () => {
    const response = await postGraphql(
      stack.gateway.url,
      '{ lotByNumber(number: "L-1") { number } }',
    );
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ lotByNumber: null });
    expect(response.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(response.errors?.[0]?.extensions?.serviceName).toBe('genealogy');
    expect(response.errors?.[0]?.message).toContain('genealogy');
  });

  it('logs the unreachable subgraph with the correlation id, for operators', async () => {
    await postGraphql(
      stack.gateway.url,
      '{ operation(id: "op-2") { sequence } }',
      {},
      { 'x-correlation-id': 'corr-mes-log' },
    );
    const logged = stack.gatewayLog.find(
      (line) => line.correlationId === 'corr-mes-log' && line.msg === 'subgraph unavailable',
    );
    expect(logged).toMatchObject({ subgraph: 'mes' });
  });

  it('stays ready and reports each subgraph in the readiness detail', async () => {
    const response = await fetch(readyUrl(stack.gateway.url));
    const body = (await response.json()) as { status: string; detail: string };
    expect(response.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.detail).toContain('schema loaded');
    expect(body.detail).toContain('erp: ready');
    for (const down of ['mes', 'quality', 'genealogy']) {
      expect(body.detail).toContain(`${down}: unreachable`);
    }
  });

  it('answers /health', async () => {
    const response = await fetch(new URL('/health', stack.gateway.url));
    expect(await response.json()).toEqual({ status: 'ok', service: 'gateway' });
  });
});

describe('gateway with a subgraph behind a failing proxy', () => {
  it('reports a 502 without a GraphQL body as SUBGRAPH_UNAVAILABLE, not an internal error', async () => {
    const proxy = createServer((_req, res) => {
      res.statusCode = 502;
      res.setHeader('content-type', 'text/html');
      res.end('<html><body>502 Bad Gateway (nginx)</body></html>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const gateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      supergraphSdl: await readFile(new URL('../supergraph.graphql', import.meta.url), 'utf8'),
      subgraphUrls: { erp: stack.erp.url, mes: `http://127.0.0.1:${address.port}/graphql` },
      log: createLogger('gateway', 'silent'),
    });
    try {
      const response = await postGraphql(
        gateway.url,
        '{ plants { code } operation(id: "op-1") { sequence } }',
      );
      expect(response.data).toEqual({
        plants: [{ code: 'HH01' }, { code: 'LY02' }],
        operation: null,
      });
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect(response.errors?.[0]?.extensions?.serviceName).toBe('mes');
      expect(JSON.stringify(response.errors)).not.toMatch(/nginx|502/);
    } finally {
      await gateway.close();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
