import path from 'node:path';

/** Raised when an environment variable is missing or malformed; the process refuses to start. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Readonly<Record<string, string | undefined>>;

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

/** Where the data lives: a PostgreSQL server, or PostgreSQL in-process (PGlite). */
export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number }
  | {
      readonly kind: 'pglite';
      /** Directory that keeps the data across restarts; `null` keeps it in memory only. */
      readonly dataDir: string | null;
      /** Wipe the data directory before opening it. */
      readonly reset: boolean;
    };

/** The settings every service shares. */
export interface CommonConfig {
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly database: DatabaseConfig;
}

/** Reads a TCP port (0 = any free port). */
export function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a TCP port between 0 and 65535, got "${raw}"`);
  }
  return port;
}

/** Reads a positive integer. */
export function readPositiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

/** Reads a boolean written as true/false/1/0/yes/no. */
export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

/** Reads an http(s) URL. */
export function readHttpUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw;
}

function readLogLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw === '') return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (!level)
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
}

function readDatabase(env: Env, cwd: string): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://`);
    }
    return { kind: 'postgres', url, poolSize: readPositiveInt(env, 'DB_POOL_SIZE', 10) };
  }
  const dir = env.PGLITE_DATA_DIR;
  const dataDir =
    dir === 'memory://'
      ? null
      : path.resolve(cwd, dir === undefined || dir === '' ? '.data/pglite' : dir);
  return { kind: 'pglite', dataDir, reset: readBoolean(env, 'RESET_DATA', false) };
}

/** Reads the settings every service shares, once, at start-up. */
export function readCommonConfig(
  env: Env = process.env,
  cwd: string = process.cwd(),
): CommonConfig {
  return Object.freeze({
    host: env.HOST === undefined || env.HOST === '' ? '127.0.0.1' : env.HOST,
    logLevel: readLogLevel(env),
    database: Object.freeze(readDatabase(env, cwd)),
  });
}
