import { createServer, type Server } from 'node:http';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { SubgraphDataSource } from '../src/subgraph-data-source.ts';

let server: Server;
let url: string;
const received: string[] = [];

beforeAll(async () => {
  let requests = 0;
  // The first request of every pair loses its connection before any answer, as a kept-alive
  // connection the subgraph closed just as the gateway reused it does.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push(body);
      requests += 1;
      if (requests % 2 === 1) {
        req.socket.destroy();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { plants: [{ id: 'plant-lyon' }] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  url = `http://127.0.0.1:${address.port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function send(query: string) {
  return new SubgraphDataSource('erp', url).process({
    kind: GraphQLDataSourceRequestKind.LOADING_SCHEMA,
    request: { query },
    context: {},
  });
}

describe('requests from the gateway to a subgraph', () => {
  it('sends a query again when its connection was lost before any answer', async () => {
    received.length = 0;
    const response = await send('query Plants { plants { id } }');
    expect(response.data).toEqual({ plants: [{ id: 'plant-lyon' }] });
    expect(received).toHaveLength(2);
  });

  it('does not send a mutation twice: a lost connection answers SUBGRAPH_UNAVAILABLE', async () => {
    received.length = 0;
    const response = await send('mutation Release { releaseOrder { id } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(received).toHaveLength(1);
  });
});
