import { readCommonConfig, readPort, type CommonConfig, type Env } from '@plantgraph/platform';

export interface GenealogyConfig extends CommonConfig {
  readonly port: number;
}

/** Reads genealogy's settings from the environment once; tests pass their own `env`. */
export function readGenealogyConfig(env: Env = process.env): GenealogyConfig {
  return Object.freeze({
    ...readCommonConfig(env),
    port: readPort(env, 'GENEALOGY_PORT', 4004),
  });
}
