import { SCALE_MAX_LOTS, SCALE_MIN_LOTS } from './scale-layout.ts';

/** What `npm run seed` was asked to do. */
export type SeedCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'demo'; readonly reset: boolean }
  | {
      readonly kind: 'scale';
      readonly reset: boolean;
      readonly lots: number;
      readonly seed: number;
    };

/** A command line the seeder does not understand; the script prints it with the usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const SEED_USAGE = `usage: npm run seed -- [--reset] [--scale <lots> [--seed <n>]]

  (no flags)        load the demo plant if the database is empty; otherwise change nothing
  --reset           drop the erp, mes, quality and genealogy schemas first, then migrate and seed
  --scale <lots>    bulk-load a benchmark dataset of ${SCALE_MIN_LOTS}..${SCALE_MAX_LOTS} lots (on top of the demo)
  --seed <n>        seed of the scale dataset's random choices (default 1)
  --help            show this help

The database is the one the services use: DATABASE_URL, or PGlite in PGLITE_DATA_DIR.`;

function wholeNumber(flag: string, raw: string | undefined): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  if (!/^\d[\d_]*$/.test(raw)) throw new UsageError(`${flag} must be a whole number, got "${raw}"`);
  return Number(raw.replaceAll('_', ''));
}

/** Parses the seed script's arguments (without node and the script path). */
export function parseSeedArgs(argv: readonly string[]): SeedCommand {
  let reset = false;
  let lots: number | null = null;
  let seed: number | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--reset':
        if (inline !== undefined) throw new UsageError('--reset takes no value');
        reset = true;
        break;
      case '--scale':
        lots = wholeNumber('--scale', value());
        if (lots < SCALE_MIN_LOTS || lots > SCALE_MAX_LOTS) {
          throw new UsageError(
            `--scale must be between ${SCALE_MIN_LOTS} and ${SCALE_MAX_LOTS} lots, got ${lots}`,
          );
        }
        break;
      case '--seed':
        seed = wholeNumber('--seed', value());
        if (seed > 0xffffffff) throw new UsageError(`--seed must fit in 32 bits, got ${seed}`);
        break;
      default:
        throw new UsageError(`unknown argument "${argv[i] ?? ''}"`);
    }
  }
  if (lots === null) {
    if (seed !== null) throw new UsageError('--seed only applies with --scale');
    return { kind: 'demo', reset };
  }
  return { kind: 'scale', reset, lots, seed: seed ?? 1 };
}
