import { readCommonConfig, readPort, type CommonConfig, type Env } from '@plantgraph/platform';

export interface MesConfig extends CommonConfig {
  readonly port: number;
}

/** Reads mes's settings from the environment once; tests pass their own `env`. */
export function readMesConfig(env: Env = process.env): MesConfig {
  return Object.freeze({ ...readCommonConfig(env), port: readPort(env, 'MES_PORT', 4002) });
}
