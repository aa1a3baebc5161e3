/**
 * Genealogy traces at plant scale: backward and forward traces of depth 10 from random lots of the
 * scale dataset, through the gateway, straight to the genealogy subgraph, and as the raw walk
 * statement alone, in the same run. Prints p50/p99 of each, their ratio, what each hop adds, and
 * how many subgraph requests one trace takes.
 *
 * Needs the scale dataset on a PostgreSQL server:
 *   createdb -h 127.0.0.1 -U postgres plantgraph_bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/plantgraph_bench node scripts/seed.ts --scale 1000000
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/plantgraph_bench node bench/genealogy-trace.ts [lots]
 */
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { sql } from 'kysely';
import { startGateway } from '@plantgraph/gateway';
import { createLogger, openDatabase, readCommonConfig } from '@plantgraph/platform';
import { mulberry32, scaleIds } from '@plantgraph/seed';
import { SUBGRAPH_NAMES } from '@plantgraph/stack';
import { genealogyDb } from '../subgraphs/genealogy/src/db/genealogy-db.ts';
import {
  walkLots,
  type WalkDirection,
} from '../subgraphs/genealogy/src/db/repositories/lot-walks.ts';
import { readGenealogyLimits } from '../subgraphs/genealogy/src/config.ts';
import { startBenchStack } from './bench-stack.ts';
import { ms, percentile } from './stats.ts';

const sampleSize = Number(process.argv[2] ?? 200);
const DEPTH = 10;
const common = readCommonConfig();
if (common.database.kind !== 'postgres') {
  console.error(
    'bench/genealogy-trace.ts needs DATABASE_URL: a PostgreSQL server with the scale dataset',
  );
  process.exit(2);
}
const database = await openDatabase(common.database);
const root = database.root;
const counted = await sql<{ n: number }>`
  select count(*)::int as n from genealogy.lot where id like 'lot-s%'`.execute(root);
const scaleLots = counted.rows[0]?.n ?? 0;
if (scaleLots === 0) {
  console.error('no scale dataset here: run `node scripts/seed.ts --scale 1000000` first');
  process.exit(2);
}
const links = await sql<{ n: number }>`select count(*)::int as n from genealogy.lot_link`.execute(
  root,
);

const stack = await startBenchStack(database);
const limits = readGenealogyLimits();
const genealogyUrl = stack.subgraphs.genealogy.url;

/** Lots drawn at random (with a fixed seed) from the whole scale dataset. */
const random = mulberry32(20261126);
const lotIds = Array.from({ length: sampleSize }, () =>
  scaleIds.lot(Math.floor(random() * scaleLots)),
);

const TRACE = /* GraphQL */ `
  query Trace($lotId: ID!, $direction: TraceDirection!, $maxDepth: Int) {
    trace(lotId: $lotId, direction: $direction, maxDepth: $maxDepth) {
      depth
      truncated
      nodes {
        depth
        lot {
          id
          number
        }
      }
      edges {
        parentId
        childId
        quantity {
          value
          uom
        }
        linkedAt
      }
    }
  }
`;

/** The same trace as a dashboard asks it: every node with its item, quality status and order. */
const DASHBOARD = /* GraphQL */ `
  query TraceDashboard($lotId: ID!, $direction: TraceDirection!, $maxDepth: Int) {
    trace(lotId: $lotId, direction: $direction, maxDepth: $maxDepth) {
      truncated
      nodes {
        depth
        lot {
          number
          item {
            number
          }
          qualityStatus
          producedBy {
            number
            status
          }
        }
      }
      edges {
        parentId
        childId
        quantity {
          value
          uom
        }
      }
    }
  }
`;

interface TraceAnswer {
  data?: { trace: { nodes: unknown[]; edges: unknown[] } | null };
  errors?: unknown;
}

/**
 * The client: node:http over a kept-alive connection, as lean as a client in another process
 * would be. (The bench runs in the same process as the stack, so a client's own CPU time counts;
 * `fetch` spends about 0.7 ms more per request than node:http here.)
 */
const clientAgent = new Agent({ keepAlive: true });
function postJson(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent: clientAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** One trace over HTTP (through the gateway, or straight to the genealogy subgraph). */
async function viaHttp(
  url: string,
  query: string,
  lotId: string,
  direction: WalkDirection,
): Promise<{ ms: number; nodes: number; edges: number }> {
  const started = performance.now();
  const text = await postJson(
    url,
    JSON.stringify({ query, variables: { lotId, direction, maxDepth: DEPTH } }),
  );
  const answer = JSON.parse(text) as TraceAnswer;
  const elapsed = performance.now() - started;
  if (answer.errors || !answer.data?.trace) {
    throw new Error(`trace of ${lotId} failed: ${JSON.stringify(answer.errors)}`);
  }
  return {
    ms: elapsed,
    nodes: answer.data.trace.nodes.length,
    edges: answer.data.trace.edges.length,
  };
}

const genealogy = genealogyDb(root);
async function rawWalk(lotId: string, direction: WalkDirection): Promise<number> {
  const started = performance.now();
  await walkLots(genealogy, {
    starts: [{ key: 'trace', lotIds: [lotId] }],
    direction,
    maxDepth: DEPTH,
    maxLots: limits.traceMaxLots,
    asOf: null,
    withEdges: true,
  });
  return performance.now() - started;
}

/** A proxy in front of one subgraph that counts the GraphQL requests the gateway sends it. */
async function countingProxy(
  target: string,
  count: () => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST') count();
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && key !== 'host' && key !== 'content-length')
          headers.set(key, value);
      }
      fetch(target, {
        method: req.method ?? 'GET',
        headers,
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      })
        .then(async (response) => {
          res.statusCode = response.status;
          res.setHeader('content-type', response.headers.get('content-type') ?? 'application/json');
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

const results: Record<string, unknown>[] = [];
for (const direction of ['BACKWARD', 'FORWARD'] as const) {
  for (const lotId of lotIds.slice(0, 20)) {
    await viaHttp(stack.gateway.url, TRACE, lotId, direction);
    await viaHttp(genealogyUrl, TRACE, lotId, direction);
    await rawWalk(lotId, direction);
  }
  const gateway: number[] = [];
  const subgraph: number[] = [];
  const raw: number[] = [];
  const dashboard: number[] = [];
  const nodes: number[] = [];
  const edges: number[] = [];
  for (const lotId of lotIds) {
    const answer = await viaHttp(stack.gateway.url, TRACE, lotId, direction);
    gateway.push(answer.ms);
    nodes.push(answer.nodes);
    edges.push(answer.edges);
    raw.push(await rawWalk(lotId, direction));
    subgraph.push((await viaHttp(genealogyUrl, TRACE, lotId, direction)).ms);
    dashboard.push((await viaHttp(stack.gateway.url, DASHBOARD, lotId, direction)).ms);
  }
  const gatewayP50 = percentile(gateway, 50);
  const subgraphP50 = percentile(subgraph, 50);
  const rawP50 = percentile(raw, 50);
  results.push({
    direction,
    lots: lotIds.length,
    maxDepth: DEPTH,
    nodesP50: percentile(nodes, 50),
    nodesP99: percentile(nodes, 99),
    edgesP50: percentile(edges, 50),
    gatewayP50: ms(gatewayP50),
    gatewayP99: ms(percentile(gateway, 99)),
    rawSqlP50: ms(rawP50),
    rawSqlP99: ms(percentile(raw, 99)),
    ratioP50: Number((gatewayP50 / rawP50).toFixed(2)),
    ratioP99: Number((percentile(gateway, 99) / percentile(raw, 99)).toFixed(2)),
    // Where the gateway's time goes: the same operation sent straight to the genealogy subgraph
    // (one HTTP hop, one GraphQL execution), and what the gateway's hop adds on top of that.
    subgraphAloneP50: ms(subgraphP50),
    subgraphOverRawP50: ms(subgraphP50 - rawP50),
    gatewayOverSubgraphP50: ms(gatewayP50 - subgraphP50),
    dashboardP50: ms(percentile(dashboard, 50)),
    dashboardP99: ms(percentile(dashboard, 99)),
  });
}

// Subgraph requests per trace, through a second gateway whose subgraphs sit behind counters.
const requests = new Map<string, number>();
const proxies = await Promise.all(
  SUBGRAPH_NAMES.map(async (name) => {
    const proxy = await countingProxy(stack.subgraphs[name].url, () =>
      requests.set(name, (requests.get(name) ?? 0) + 1),
    );
    return [name, proxy] as const;
  }),
);
const countingGateway = await startGateway({
  host: '127.0.0.1',
  port: 0,
  supergraphSdl: await readFile(new URL('../supergraph.graphql', import.meta.url), 'utf8'),
  subgraphUrls: Object.fromEntries(proxies.map(([name, proxy]) => [name, proxy.url])),
  log: createLogger('gateway', 'error'),
});
const perTrace: Record<string, unknown>[] = [];
for (const direction of ['BACKWARD', 'FORWARD'] as const) {
  const sized = [];
  for (const lotId of lotIds.slice(0, 40)) {
    const size = await viaHttp(stack.gateway.url, TRACE, lotId, direction);
    sized.push({ lotId, nodes: size.nodes });
  }
  sized.sort((a, b) => a.nodes - b.nodes);
  const picks = [sized[0], sized[Math.floor(sized.length / 2)], sized.at(-1)];
  for (const pick of picks) {
    if (!pick) continue;
    for (const [name, query] of [
      ['trace', TRACE],
      ['dashboard', DASHBOARD],
    ] as const) {
      requests.clear();
      await viaHttp(countingGateway.url, query, pick.lotId, direction);
      perTrace.push({
        direction,
        query: name,
        nodes: pick.nodes,
        subgraphRequests: Object.fromEntries(requests),
        total: [...requests.values()].reduce((a, b) => a + b, 0),
      });
    }
  }
}

console.log(
  JSON.stringify(
    {
      bench: 'genealogy traces of depth 10 through the gateway and as raw SQL',
      database: 'postgres',
      // Other work on the machine shows in the timings: its CPUs and their load while this ran.
      cpus: cpus().length,
      loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
      scaleLots,
      links: links.rows[0]?.n,
      results,
      subgraphRequestsPerTrace: perTrace,
    },
    null,
    2,
  ),
);
await countingGateway.close();
for (const [, proxy] of proxies) {
  proxy.server.closeAllConnections();
  await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
}
await stack.close();
await database.close();
