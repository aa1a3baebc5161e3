import { Decimal } from 'decimal.js';
import type { CharacteristicDef } from './catalog-types.ts';
import type { Random } from './random.ts';

export type Verdict = 'PASS' | 'FAIL';

/** PASS when `measured` lies within the limits that are set (both inclusive). */
export function verdictOf(measured: string, lower: string | null, upper: string | null): Verdict {
  const value = new Decimal(measured);
  if (lower !== null && value.lt(lower)) return 'FAIL';
  if (upper !== null && value.gt(upper)) return 'FAIL';
  return 'PASS';
}

function processMean(c: CharacteristicDef): number {
  if (c.mean !== undefined) return c.mean;
  if (c.target !== null) return Number(c.target);
  if (c.lower !== null && c.upper !== null) return (Number(c.lower) + Number(c.upper)) / 2;
  return Number(c.lower ?? c.upper ?? 0);
}

/** A measured value drawn from the characteristic's process, inside the limits. */
export function measureInSpec(random: Random, c: CharacteristicDef): string {
  for (let attempt = 0; attempt < 25; attempt += 1) {
    const value = random.normal(processMean(c), c.sd).toFixed(c.decimals);
    if (verdictOf(value, c.lower, c.upper) === 'PASS') return value;
  }
  return processMean(c).toFixed(c.decimals);
}

/** A measured value just outside a limit, as a drifting process produces it. */
export function measureOutOfSpec(random: Random, c: CharacteristicDef): string {
  const unit = new Decimal(10).pow(-c.decimals);
  const excess = Decimal.max(
    unit,
    new Decimal(Math.abs(c.sd) * random.between(0.4, 1.6)).toDecimalPlaces(c.decimals),
  );
  const value =
    c.upper !== null ? new Decimal(c.upper).add(excess) : new Decimal(c.lower ?? 0).sub(excess);
  return value.toFixed(c.decimals);
}
