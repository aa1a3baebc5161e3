import { SEED_NOW, addDays, addHours } from './clock.ts';
import type { CharacteristicDef, InspectionType } from './catalog-types.ts';
import type { PlanVersion } from './inspection-plans.ts';
import { measureInSpec, measureOutOfSpec, verdictOf } from './measurements.ts';
import type { Random } from './random.ts';
import type {
  QualityStatus,
  SimInspection,
  SimLot,
  SimNonconformance,
  SimOperation,
  SimOrder,
  SimResult,
} from './simulation-types.ts';

/** An inspection the lot's process calls for, at the times it would happen. */
export interface InspectionEvent {
  readonly type: InspectionType;
  readonly plan: PlanVersion;
  readonly order: SimOrder | null;
  readonly operation: SimOperation | null;
  readonly createdAt: number;
  readonly inspectedAt: number;
}

/**
 * A scripted outcome for a lot's last inspection: `pass`, `hold` (fails, nonconformance left
 * open) or `reject` (fails, returned to the supplier or scrapped).
 */
export type ForcedOutcome = 'pass' | 'hold' | 'reject';

const FAILURE_RATE: Record<InspectionType, number> = {
  RECEIVING: 0.07,
  IN_PROCESS: 0.05,
  FINAL: 0.04,
};
/** A nonconformance raised this close to the seed's "now" is still open. */
const OPEN_WINDOW_DAYS = 6;
const CRITICAL = new Set(['LEAK', 'LKG', 'BDV', 'IR']);
const MINOR = new Set(['DFT', 'RA', 'NOISE', 'SEAL']);

/** Records inspections and nonconformances and decides each lot's quality status. */
export class QualityRecorder {
  readonly inspections: SimInspection[] = [];
  readonly nonconformances: SimNonconformance[] = [];
  readonly #random: Random;
  readonly #nextIndex: () => number;

  constructor(random: Random, nextIndex: () => number) {
    this.#random = random;
    this.#nextIndex = nextIndex;
  }

  /**
   * Runs the lot's inspections up to `cutoff` and settles its status: released once `finishedAt`
   * has passed and every inspection passed (or was dispositioned to allow use); held, rejected or
   * quarantined otherwise. Only the last inspection may fail, so later steps never inspect a held lot.
   */
  settle(
    lot: SimLot,
    events: readonly InspectionEvent[],
    finishedAt: number | null,
    options: { force?: ForcedOutcome; cutoff?: number } = {},
  ): void {
    const cutoff = options.cutoff ?? SEED_NOW;
    const inspector = () => this.#random.pick(lot.plant.inspectors);
    let clearedAt = lot.createdAt;
    for (const [position, event] of events.entries()) {
      if (event.createdAt > cutoff) break;
      if (event.inspectedAt > cutoff) {
        this.#pending(lot, event, cutoff, inspector());
        this.#setStatus(lot, 'QUARANTINE', 'Awaiting inspection', null, event.createdAt);
        return;
      }
      const last = position === events.length - 1;
      const fails =
        last &&
        (options.force === 'hold' ||
          options.force === 'reject' ||
          (options.force === undefined && this.#random.chance(FAILURE_RATE[event.type])));
      if (!fails) {
        this.#record(
          lot,
          event,
          'PASSED',
          event.createdAt,
          event.inspectedAt,
          inspector(),
          this.#passingResults(event.plan),
        );
        clearedAt = Math.max(clearedAt, event.inspectedAt);
        continue;
      }
      const failing = this.#random.pick(
        event.plan.characteristics.filter((c) => c.lower !== null || c.upper !== null),
      );
      const results = event.plan.characteristics.map((c) =>
        this.#result(
          c,
          c === failing ? measureOutOfSpec(this.#random, c) : measureInSpec(this.#random, c),
        ),
      );
      const inspection = this.#record(
        lot,
        event,
        'FAILED',
        event.createdAt,
        event.inspectedAt,
        inspector(),
        results,
      );
      const failedResult = results.find((r) => r.characteristic === failing);
      const cleared = this.#nonconformance(
        lot,
        inspection,
        failing,
        failedResult?.measured ?? '',
        options.force,
      );
      if (cleared === null) return;
      clearedAt = Math.max(clearedAt, cleared);
    }
    if (finishedAt === null || finishedAt > cutoff) {
      if (lot.quality.status === 'QUARANTINE' && lot.wip) lot.quality.reason = 'In production';
      return;
    }
    const releasedAt = Math.max(clearedAt, finishedAt);
    const reason =
      lot.quality.status === 'ON_HOLD'
        ? 'Released after disposition of {nc}'
        : events.length > 0
          ? 'Inspection passed'
          : 'Released';
    this.#setStatus(lot, 'RELEASED', reason, lot.quality.nonconformance, releasedAt);
    lot.availableAt = releasedAt;
  }

  /** Handles a failed inspection; returns when the lot may be used again, or null if it may not. */
  #nonconformance(
    lot: SimLot,
    inspection: SimInspection,
    failing: CharacteristicDef,
    measured: string,
    force: ForcedOutcome | undefined,
  ): number | null {
    const random = this.#random;
    const raisedAt = addHours(
      inspection.inspectedAt ?? inspection.createdAt,
      force === 'hold' ? 0.25 : random.between(0.5, 3),
    );
    const side =
      failing.upper !== null && Number(measured) > Number(failing.upper)
        ? `above the upper limit ${failing.upper}`
        : `below the lower limit ${failing.lower ?? ''}`;
    const description = `${failing.name} ${measured} ${failing.uom} ${side} (plan ${inspection.plan.number} rev ${inspection.plan.revision})`;
    const severity = CRITICAL.has(failing.code)
      ? 'CRITICAL'
      : MINOR.has(failing.code)
        ? 'MINOR'
        : 'MAJOR';
    const base = {
      index: this.#nextIndex(),
      seq: 0,
      lot,
      inspection,
      severity,
      description,
      raisedAt,
    } as const;
    if (
      force === 'hold' ||
      (force === undefined && raisedAt > addDays(SEED_NOW, -OPEN_WINDOW_DAYS))
    ) {
      const nc: SimNonconformance = {
        ...base,
        status: 'OPEN',
        disposition: null,
        lastChangeAt: raisedAt,
        revision: 1,
      };
      this.nonconformances.push(nc);
      this.#setStatus(lot, 'ON_HOLD', 'Nonconformance {nc} open', nc, raisedAt);
      lot.availableAt = null;
      return null;
    }
    const disposition =
      force === 'reject'
        ? lot.origin === 'PURCHASED'
          ? 'RETURN_TO_SUPPLIER'
          : 'SCRAP'
        : lot.origin === 'PURCHASED'
          ? random.pick(['USE_AS_IS', 'USE_AS_IS', 'RETURN_TO_SUPPLIER'] as const)
          : random.pick(['USE_AS_IS', 'REWORK', 'REWORK', 'SCRAP'] as const);
    const dispositionedAt = addDays(raisedAt, random.between(1, 3));
    const closedAt = addDays(dispositionedAt, random.between(2, 40));
    const closed = closedAt <= SEED_NOW;
    const nc: SimNonconformance = {
      ...base,
      status: closed ? 'CLOSED' : 'DISPOSITIONED',
      disposition,
      lastChangeAt: closed ? closedAt : dispositionedAt,
      revision: closed ? 3 : 2,
    };
    this.nonconformances.push(nc);
    this.#setStatus(lot, 'ON_HOLD', 'Nonconformance {nc} open', nc, raisedAt);
    if (disposition === 'RETURN_TO_SUPPLIER' || disposition === 'SCRAP') {
      this.#setStatus(
        lot,
        'REJECTED',
        disposition === 'SCRAP' ? 'Scrapped per {nc}' : 'Returned to supplier per {nc}',
        nc,
        dispositionedAt,
      );
      lot.availableAt = null;
      return null;
    }
    if (disposition === 'REWORK') {
      const reinspectedAt = addDays(dispositionedAt, random.between(0.5, 2));
      const event = {
        type: inspection.type,
        plan: inspection.plan,
        order: inspection.order,
        operation: inspection.operation,
      };
      this.#record(
        lot,
        event,
        'PASSED',
        dispositionedAt,
        reinspectedAt,
        random.pick(lot.plant.inspectors),
        this.#passingResults(inspection.plan),
      );
      return reinspectedAt;
    }
    return dispositionedAt;
  }

  #pending(lot: SimLot, event: InspectionEvent, cutoff: number, inspector: string): void {
    const started = cutoff - event.createdAt > 2 * 3_600_000 && this.#random.chance(0.6);
    const measured = started
      ? event.plan.characteristics.slice(0, Math.ceil(event.plan.characteristics.length / 2))
      : [];
    this.#record(
      lot,
      event,
      started ? 'IN_PROGRESS' : 'PLANNED',
      event.createdAt,
      null,
      started ? inspector : null,
      measured.map((c) => this.#result(c, measureInSpec(this.#random, c))),
    );
  }

  #passingResults(plan: PlanVersion): SimResult[] {
    return plan.characteristics.map((c) => this.#result(c, measureInSpec(this.#random, c)));
  }

  #result(characteristic: CharacteristicDef, measured: string): SimResult {
    return {
      characteristic,
      measured,
      verdict: verdictOf(measured, characteristic.lower, characteristic.upper),
    };
  }

  #record(
    lot: SimLot,
    event: Pick<InspectionEvent, 'type' | 'plan' | 'order' | 'operation'>,
    status: SimInspection['status'],
    createdAt: number,
    inspectedAt: number | null,
    inspector: string | null,
    results: readonly SimResult[],
  ): SimInspection {
    const verdicts = results.map((r) => r.verdict);
    if (
      (status === 'PASSED' && verdicts.includes('FAIL')) ||
      (status === 'FAILED' && !verdicts.includes('FAIL'))
    ) {
      throw new Error(
        `inspection of ${lot.item.number} recorded ${status} against its own results`,
      );
    }
    const inspection: SimInspection = {
      index: this.#nextIndex(),
      seq: 0,
      lot,
      order: event.order,
      operation: event.operation,
      type: event.type,
      status,
      plan: event.plan,
      createdAt,
      inspectedAt,
      inspector,
      results,
    };
    this.inspections.push(inspection);
    return inspection;
  }

  #setStatus(
    lot: SimLot,
    status: QualityStatus,
    reason: string,
    nonconformance: SimNonconformance | null,
    at: number,
  ): void {
    const quality = lot.quality;
    if (quality.status !== status) quality.revision += 1;
    quality.status = status;
    quality.reason = reason;
    quality.nonconformance = nonconformance;
    quality.changedAt = Math.max(quality.changedAt, at);
  }
}
