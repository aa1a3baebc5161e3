import {
  ConfigError,
  readCommonConfig,
  readPort,
  readPositiveInt,
  type CommonConfig,
  type Env,
} from '@plantgraph/platform';

/** Bounds on what one request may make the database walk, and the checks' default tolerance. */
export interface GenealogyLimits {
  /** `maxDepth` of a trace when the client gives none. */
  readonly traceDefaultDepth: number;
  /** The largest `maxDepth` a client may ask for (traces and recalls). */
  readonly traceMaxDepth: number;
  /** Most lots one walk collects; it stops after the depth where it reached this many. */
  readonly traceMaxLots: number;
  /** Most lots all the walks of one request collect together (aliased traces and recalls). */
  readonly requestMaxLots: number;
  /** Default tolerance of the completeness checks, as a fraction (0.02 = 2 %). */
  readonly completenessTolerance: number;
}

export interface GenealogyConfig extends CommonConfig {
  readonly port: number;
  readonly limits: GenealogyLimits;
}

function readFraction(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value > 1) {
    throw new ConfigError(`${name} must be a fraction from 0 to 1, such as 0.02; got "${raw}"`);
  }
  return value;
}

/** Reads genealogy's limits from the environment; tests pass their own `env`. */
export function readGenealogyLimits(env: Env = process.env): GenealogyLimits {
  const traceMaxDepth = readPositiveInt(env, 'TRACE_MAX_DEPTH', 50);
  const traceDefaultDepth = readPositiveInt(
    env,
    'TRACE_DEFAULT_DEPTH',
    Math.min(10, traceMaxDepth),
  );
  if (traceDefaultDepth > traceMaxDepth) {
    throw new ConfigError(
      `TRACE_DEFAULT_DEPTH (${traceDefaultDepth}) must not exceed TRACE_MAX_DEPTH (${traceMaxDepth})`,
    );
  }
  return Object.freeze({
    traceDefaultDepth,
    traceMaxDepth,
    traceMaxLots: readPositiveInt(env, 'TRACE_MAX_LOTS', 20_000),
    requestMaxLots: readPositiveInt(env, 'TRACE_REQUEST_MAX_LOTS', 100_000),
    completenessTolerance: readFraction(env, 'COMPLETENESS_TOLERANCE', 0.02),
  });
}

/** Reads genealogy's settings from the environment once; tests pass their own `env`. */
export function readGenealogyConfig(env: Env = process.env): GenealogyConfig {
  return Object.freeze({
    ...readCommonConfig(env),
    port: readPort(env, 'GENEALOGY_PORT', 4004),
    limits: readGenealogyLimits(env),
  });
}
