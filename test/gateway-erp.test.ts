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

/** No stack frame, source file, SQL or driver message may reach a client. */
const INTERNALS = /stack|\.ts:\d|node_modules|select |insert |from "|relation |syntax error|ECONN/i;

describe('gateway over erp', () => {
  it('answers erp data through the gateway', async () => {
    const plants = await stack.db
      .selectFrom('plant')
      .select(['code', 'name'])
      .orderBy('code')
      .execute();
    const response = await postGraphql(stack.gateway.url, '{ plants { code name } }');
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ plants });
    expect(plants).toHaveLength(2);
  });

  it('plans a query over several erp entities and filters by argument', async () => {
    const response = await postGraphql(
      stack.gateway.url,
      `query ($status: OrderStatus!) {
        orders(status: $status) { nodes { number status plant { code } item { number } } }
      }`,
      { status: 'IN_PROGRESS' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      orders: {
        nodes: [
          {
            number: 'PO-1001',
            status: 'IN_PROGRESS',
            plant: { code: 'HH01' },
            item: { number: 'FG-100' },
          },
          {
            number: 'PO-1002',
            status: 'IN_PROGRESS',
            plant: { code: 'HH01' },
            item: { number: 'FG-200' },
          },
        ],
      },
    });
  });

  it('carries the client correlation id to the subgraph and back into the response', async () => {
    const correlationId = 'corr-gateway-erp-1';
    const before = stack.erpRequests.length;
    const response = await postGraphql(
      stack.gateway.url,
      '{ plants { code } }',
      {},
      { 'x-correlation-id': correlationId },
    );
    expect(response.errors).toBeUndefined();
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    const reachedErp = stack.erpRequests.slice(before);
    expect(reachedErp.length).toBeGreaterThan(0);
    for (const request of reachedErp) {
      expect(request).toEqual({
        sentCorrelationId: correlationId,
        answeredCorrelationId: correlationId,
      });
    }
  });

  it('writes the client correlation id into every error it returns', async () => {
    const correlationId = 'corr-gateway-erp-2';
    const response = await postGraphql(
      stack.gateway.url,
      '{ orders(first: 0) { nodes { number } } }',
      {},
      { 'x-correlation-id': correlationId },
    );
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors ?? []) {
      expect(error.extensions?.correlationId).toBe(correlationId);
    }
  });

  it('makes up a correlation id when the client sends none or a malformed one', async () => {
    const response = await postGraphql(
      stack.gateway.url,
      '{ plants { code } }',
      {},
      { 'x-correlation-id': 'not valid; <script>' },
    );
    const issued = response.headers.get('x-correlation-id');
    expect(issued).toMatch(/^[0-9a-f-]{36}$/);
    expect(stack.erpRequests.at(-1)?.sentCorrelationId).toBe(issued);
  });
});

describe('gateway error boundary', () => {
  it('rejects a malformed DateTime variable with BAD_USER_INPUT and a readable message', async () => {
    const response = await postGraphql(
      stack.gateway.url,
      'query ($asOf: DateTime) { itemByNumber(number: "FG-100") { revisionAt(asOf: $asOf) { revision } } }',
      { asOf: '15/03/2026' },
    );
    const [error, ...others] = response.errors ?? [];
    expect(others).toEqual([]);
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain('$asOf');
    expect(error?.message).toContain('ISO-8601');
    expect(JSON.stringify(response.errors)).not.toMatch(INTERNALS);
  });

  it('rejects a malformed DateTime literal with GRAPHQL_VALIDATION_FAILED and a readable message', async () => {
    const response = await postGraphql(
      stack.gateway.url,
      '{ itemByNumber(number: "FG-100") { revisionAt(asOf: "yesterday") { revision } } }',
    );
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0]?.message).toContain('"yesterday"');
    expect(response.errors?.[0]?.message).toContain('ISO-8601');
    expect(JSON.stringify(response.errors)).not.toMatch(INTERNALS);
  });

  it('rejects a negative page size naming the argument, without internals', async () => {
    const response = await postGraphql(
      stack.gateway.url,
      '{ orders(first: -5) { nodes { number } } }',
    );
    expect(response.status).toBe(200);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({
      message: 'first must be between 1 and 500; got -5',
      path: ['orders'],
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', serviceName: 'erp' },
    });
    expect(JSON.stringify(response.errors)).not.toMatch(INTERNALS);
  });

  it('rejects a field the graph does not have with GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await postGraphql(stack.gateway.url, '{ plants { code password } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toContain('password');
  });
});
