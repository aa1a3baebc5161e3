import { openDatabase, readCommonConfig, type DatabaseConfig } from '@plantgraph/platform';
import {
  DEMO,
  UsageError,
  SEED_USAGE,
  dropAll,
  isEmpty,
  migrateAll,
  parseSeedArgs,
  seedDemo,
  seedScale,
  type SeedCommand,
} from '@plantgraph/seed';

function describe(database: DatabaseConfig): string {
  if (database.kind === 'postgres') return 'PostgreSQL server (DATABASE_URL)';
  return database.dataDir === null ? 'PGlite in memory' : `PGlite in ${database.dataDir}`;
}

async function run(command: Exclude<SeedCommand, { kind: 'help' }>): Promise<number> {
  const config = readCommonConfig();
  const database = await openDatabase(config.database);
  console.log(`seed: ${describe(config.database)}`);
  try {
    if (command.reset) {
      await dropAll(database.root);
      console.log('seed: dropped the erp, mes, quality and genealogy schemas');
    }
    const applied = await migrateAll(database.root);
    console.log(
      applied.length > 0
        ? `seed: migrations applied: ${applied.join(', ')}`
        : 'seed: schemas up to date',
    );

    if (command.kind === 'scale') {
      const summary = await seedScale(database.root, {
        lots: command.lots,
        seed: command.seed,
        onProgress: (p) =>
          console.log(
            `seed: ${p.lotsWritten}/${p.lotsTotal} lots, ${p.linksWritten} links, ${(p.elapsedMs / 1000).toFixed(1)} s`,
          ),
      });
      console.log(
        `seed: scale dataset loaded: ${summary.lots} lots, ${summary.links} links, ${summary.orders} orders` +
          `${summary.demoLoaded ? ' (on top of the demo, loaded first)' : ''} in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
      );
      return 0;
    }

    if (!(await isEmpty(database.root))) {
      console.log(
        'seed: the database already holds data; nothing loaded (pass --reset to replace it with the demo)',
      );
      return 0;
    }
    const started = performance.now();
    const counts = await seedDemo(database.root);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `seed: demo plant loaded: ${counts['erp.production_order']} orders, ${counts['genealogy.lot']} lots, ` +
        `${counts['genealogy.lot_link']} links, ${counts['quality.inspection']} inspections ` +
        `(${total} rows in ${Math.round(performance.now() - started)} ms)`,
    );
    console.log(
      `seed: try lot ${DEMO.finishedLotNumber} (order ${DEMO.finishedLotOrderNumber}), ` +
        `supplier lot ${DEMO.supplierLotNumber} from ${DEMO.supplierName}, ` +
        `held lot ${DEMO.heldLotNumber}`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let command: SeedCommand;
  try {
    command = parseSeedArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`seed: ${error.message}\n\n${SEED_USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    console.log(SEED_USAGE);
    return 0;
  }
  return run(command);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('seed: failed:', error);
    process.exitCode = 1;
  },
);
