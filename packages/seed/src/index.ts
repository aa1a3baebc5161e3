export { migrateAll, isEmpty, dropAll, SUBGRAPH_SCHEMAS } from './migrate-all.ts';
export { seedDemo, DatabaseNotEmptyError, type SeedCounts } from './seed-demo.ts';
export { generateDemo, DemoDriftError } from './demo-dataset.ts';
export type { DemoRows } from './demo-rows.ts';
export { DEMO } from './demo.ts';
export type { DemoFacts } from './demo-facts.ts';
export { HISTORY_START, SEED_NOW } from './clock.ts';
export {
  seedScale,
  scaleIds,
  ScaleAlreadyLoadedError,
  type ScaleOptions,
  type ScaleProgress,
  type ScaleSummary,
} from './seed-scale.ts';
export { SCALE_MAX_LOTS, SCALE_MIN_LOTS } from './scale-layout.ts';
export { parseSeedArgs, SEED_USAGE, UsageError, type SeedCommand } from './seed-args.ts';
export { createRandom, mulberry32, type Random } from './random.ts';
