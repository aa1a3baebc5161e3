import { ErrorCode } from '@plantgraph/platform';
import { GraphQLError } from 'graphql';
import type { WalkRows } from '../db/repositories/lot-walks.ts';

/** The environment variable that sets the budget, named in the error a client gets. */
export const BUDGET_SETTING = 'TRACE_REQUEST_MAX_LOTS';

function budgetExceeded(limit: number): GraphQLError {
  return new GraphQLError(
    `this request's traces and recalls would walk more than ${limit} lots together ` +
      `(${BUDGET_SETTING}); ask for fewer in one request, or for less depth`,
    { extensions: { code: ErrorCode.LotBudgetExceeded, limit: BUDGET_SETTING, maxLots: limit } },
  );
}

/**
 * The lots one request may make the database walk, over all its traces and recalls (however many
 * aliases ask for them). Walks run one after another, in the order the request asks for them, so
 * the fields that fit are answered and the first that does not is refused, whatever the timing.
 */
export class WalkBudget {
  readonly limit: number;
  #spent = 0;
  /** Settles when the walk before the next one is over. */
  #turn: Promise<unknown> = Promise.resolve();

  constructor(limit: number) {
    this.limit = limit;
  }

  /**
   * Runs one walk allowed `wanted` lots (its own bound), or what is left of the budget if less,
   * and counts the lots it collected. Refuses it, with a LOT_BUDGET_EXCEEDED error, when nothing
   * is left, or when the budget, not the walk's own bound, cut it short.
   */
  walk(wanted: number, run: (maxLots: number) => Promise<WalkRows>): Promise<WalkRows> {
    const walked = this.#turn.then(async () => {
      const left = this.limit - this.#spent;
      if (left <= 0) throw budgetExceeded(this.limit);
      const allowed = Math.min(wanted, left);
      const rows = await run(allowed);
      this.#spent += rows.nodes.length;
      const cutByBudget = allowed < wanted && rows.nodes.length >= allowed && rows.cuts.length > 0;
      if (cutByBudget) throw budgetExceeded(this.limit);
      return rows;
    });
    this.#turn = walked.catch(() => undefined);
    return walked;
  }
}
