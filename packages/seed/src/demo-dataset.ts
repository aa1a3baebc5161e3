import { isDeepStrictEqual } from 'node:util';
import { DEMO } from './demo.ts';
import { demoFacts } from './demo-facts.ts';
import { demoRows, type DemoRows } from './demo-rows.ts';
import { simulateDemo } from './demo-simulation.ts';

/** Raised when the generated story no longer matches the published `DEMO` identifiers. */
export class DemoDriftError extends Error {
  override name = 'DemoDriftError';
}

/**
 * Builds the demo's rows in memory (no database) and checks that its story still yields the
 * `DEMO` identifiers; the same rows on every call.
 */
export function generateDemo(): DemoRows {
  const simulation = simulateDemo();
  const facts = demoFacts(simulation);
  if (!isDeepStrictEqual(facts, DEMO)) {
    throw new DemoDriftError(
      `the demo generator no longer produces the DEMO identifiers; update demo.ts to:\n${JSON.stringify(facts, null, 2)}`,
    );
  }
  return demoRows(simulation);
}
