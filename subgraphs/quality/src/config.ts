import { readCommonConfig, readPort, type CommonConfig, type Env } from '@plantgraph/platform';

export interface QualityConfig extends CommonConfig {
  readonly port: number;
}

/** Reads quality's settings from the environment once; tests pass their own `env`. */
export function readQualityConfig(env: Env = process.env): QualityConfig {
  return Object.freeze({ ...readCommonConfig(env), port: readPort(env, 'QUALITY_PORT', 4003) });
}
