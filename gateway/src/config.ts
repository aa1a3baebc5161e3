import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  readCommonConfig,
  readHttpUrl,
  readPort,
  type CommonConfig,
  type Env,
} from '@plantgraph/platform';

/** Subgraph name → the environment variable that overrides its routing URL. */
const SUBGRAPH_URL_VARIABLES = {
  erp: 'ERP_URL',
  mes: 'MES_URL',
  quality: 'QUALITY_URL',
  genealogy: 'GENEALOGY_URL',
} as const;

export interface GatewayConfig extends CommonConfig {
  readonly port: number;
  /** The composed supergraph the gateway serves (`npm run compose` writes it). */
  readonly supergraphPath: string;
  /** Routing URLs that replace those recorded in the supergraph, by subgraph name. */
  readonly subgraphUrls: Readonly<Partial<Record<string, string>>>;
}

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../supergraph.graphql', import.meta.url));

/** Reads the gateway's settings from the environment once; tests pass their own `env`. */
export function readGatewayConfig(
  env: Env = process.env,
  cwd: string = process.cwd(),
): GatewayConfig {
  const subgraphUrls: Record<string, string> = {};
  for (const [name, variable] of Object.entries(SUBGRAPH_URL_VARIABLES)) {
    const url = readHttpUrl(env, variable);
    if (url !== undefined) subgraphUrls[name] = url;
  }
  const supergraph = env.SUPERGRAPH_PATH;
  return Object.freeze({
    ...readCommonConfig(env, cwd),
    port: readPort(env, 'GATEWAY_PORT', 4000),
    supergraphPath:
      supergraph === undefined || supergraph === ''
        ? DEFAULT_SUPERGRAPH
        : path.resolve(cwd, supergraph),
    subgraphUrls: Object.freeze(subgraphUrls),
  });
}
