import { readCommonConfig, readPort, type CommonConfig, type Env } from '@plantgraph/platform';

export interface ErpConfig extends CommonConfig {
  readonly port: number;
}

/** Reads erp's settings from the environment once; tests pass their own `env`. */
export function readErpConfig(env: Env = process.env): ErpConfig {
  return Object.freeze({ ...readCommonConfig(env), port: readPort(env, 'ERP_PORT', 4001) });
}
