import { Decimal } from 'decimal.js';
import { ruleBroken, type MutationError } from '@plantgraph/platform';
import type { Execution } from './execution.ts';
import type { LotStock } from './lot-stock.ts';
import type { Operation } from './operation.ts';

/** Why a completion was refused: one code per rule. */
export type CompletionErrorCode =
  | 'ORDER_NOT_RELEASED'
  | 'EXECUTION_COMPLETED'
  | 'REVISION_CONFLICT'
  | 'QUANTITY_NEGATIVE'
  | 'QUANTITY_NOT_POSITIVE'
  | 'QUANTITY_OVER_PLANNED'
  | 'TIMESTAMP_BEFORE_RELEASE'
  | 'LOT_NUMBER_TAKEN'
  | 'LOT_NOT_EXTENDABLE'
  | 'OPERATIONS_NOT_COMPLETED';

type CompletionError = MutationError<CompletionErrorCode>;

/** A completion as the MES reports it. */
export interface CompletionReport {
  readonly goodQuantity: string;
  readonly scrapQuantity: string;
  /** The last completion of the order: closes its execution. */
  readonly final: boolean;
  readonly completedAt: Date;
  readonly lotNumber: string | null;
  readonly expectedRevision: number | null;
}

/** What the checks read. */
export interface CompletionFacts {
  readonly orderId: string;
  readonly itemId: string;
  readonly plannedQuantity: string;
  readonly releasedAt: Date;
  /** The routing ends in a final inspection: produced lots start in QUARANTINE. */
  readonly finalInspection: boolean;
  readonly execution: Execution;
  readonly operations: readonly Operation[];
  /** The lot the MES named, when it exists; with the order that produced it, if any. */
  readonly namedLot: { readonly lot: LotStock; readonly producedBy: string | null } | null;
}

/**
 * Checks a completion: the execution is open and at the revision the caller saw, quantities are
 * not negative, a partial completion reports something, good and scrap stay within the planned
 * quantity, a named lot is new or one this order produced of its item that is still in the status
 * it started in, and a final completion comes after every operation completed.
 */
export function checkCompletion(
  report: CompletionReport,
  facts: CompletionFacts,
): CompletionError[] {
  const { execution } = facts;
  if (execution.status === 'COMPLETED') {
    return [
      ruleBroken(
        'EXECUTION_COMPLETED',
        'orderNumber',
        'the order was completed on the shop floor; it takes no more completions',
      ),
    ];
  }
  const errors: CompletionError[] = [];
  if (report.expectedRevision !== null && report.expectedRevision !== execution.revision) {
    errors.push(
      ruleBroken(
        'REVISION_CONFLICT',
        'expectedRevision',
        `the order's execution is at revision ${execution.revision}, not ${report.expectedRevision}`,
      ),
    );
  }
  const good = new Decimal(report.goodQuantity);
  const scrap = new Decimal(report.scrapQuantity);
  if (good.isNegative())
    errors.push(
      ruleBroken('QUANTITY_NEGATIVE', 'goodQuantity', 'goodQuantity must not be negative'),
    );
  if (scrap.isNegative())
    errors.push(
      ruleBroken('QUANTITY_NEGATIVE', 'scrapQuantity', 'scrapQuantity must not be negative'),
    );
  if (!good.isNegative() && !scrap.isNegative()) {
    if (!report.final && good.add(scrap).isZero()) {
      errors.push(
        ruleBroken(
          'QUANTITY_NOT_POSITIVE',
          'goodQuantity',
          'a partial completion reports some good or scrap quantity',
        ),
      );
    }
    const total = new Decimal(execution.goodQuantity.value)
      .add(execution.scrapQuantity.value)
      .add(good)
      .add(scrap);
    if (total.gt(facts.plannedQuantity)) {
      errors.push(
        ruleBroken(
          'QUANTITY_OVER_PLANNED',
          'goodQuantity',
          `good and scrap would reach ${total.toString()}, above the ${facts.plannedQuantity} planned`,
        ),
      );
    }
  }
  if (report.completedAt.getTime() < facts.releasedAt.getTime()) {
    errors.push(
      ruleBroken(
        'TIMESTAMP_BEFORE_RELEASE',
        'completedAt',
        `${report.completedAt.toISOString()} is before the order's release at ${facts.releasedAt.toISOString()}`,
      ),
    );
  }
  const named = facts.namedLot;
  if (named !== null && (named.producedBy !== facts.orderId || named.lot.itemId !== facts.itemId)) {
    errors.push(
      ruleBroken(
        'LOT_NUMBER_TAKEN',
        'lotNumber',
        `lot ${report.lotNumber ?? ''} exists and was not produced by this order`,
      ),
    );
  } else if (
    named !== null &&
    named.lot.qualityStatus !== initialLotStatus(facts.finalInspection)
  ) {
    errors.push(
      ruleBroken(
        'LOT_NOT_EXTENDABLE',
        'lotNumber',
        `lot ${report.lotNumber ?? ''} is ${named.lot.qualityStatus ?? 'without a status'}; only a lot still ${initialLotStatus(facts.finalInspection)} takes more output`,
      ),
    );
  }
  if (report.final) {
    const open = facts.operations.filter((o) => o.status !== 'COMPLETED');
    if (open.length > 0) {
      errors.push(
        ruleBroken(
          'OPERATIONS_NOT_COMPLETED',
          'final',
          `a final completion needs every operation completed; ${open.map((o) => o.sequence).join(', ')} ${open.length === 1 ? 'is' : 'are'} not`,
        ),
      );
    }
  }
  return errors;
}

/** The status a produced lot starts in: QUARANTINE until its final inspection, else RELEASED. */
export function initialLotStatus(finalInspection: boolean): 'QUARANTINE' | 'RELEASED' {
  return finalInspection ? 'QUARANTINE' : 'RELEASED';
}

/** The number the MES gives a produced lot when it names none: order number and a counter. */
export function generatedLotNumber(orderNumber: string, lotsSoFar: number): string {
  return `${orderNumber}-L${String(lotsSoFar + 1).padStart(2, '0')}`;
}

/** A consumption a completion linked its lot to. */
export type LinkedConsumption = {
  readonly consumptionId: string;
  readonly lotId: string;
  readonly lotNumber: string;
  readonly itemId: string;
  readonly quantity: { readonly value: string; readonly uom: string };
};

/** The answer to a completion (a repeat answers the same); also the `production.completed` payload. */
export type CompletionAnswer = {
  readonly completionId: string;
  readonly orderId: string;
  readonly orderNumber: string;
  readonly plantId: string;
  readonly itemId: string;
  readonly itemRevisionId: string;
  /** The produced lot; null when nothing good was made. */
  readonly lot: {
    readonly id: string;
    readonly number: string;
    /** False when the completion extended a lot an earlier completion created. */
    readonly created: boolean;
    readonly qualityStatus: 'QUARANTINE' | 'RELEASED';
    /** What the lot holds after this completion. */
    readonly quantity: { readonly value: string; readonly uom: string };
  } | null;
  readonly goodQuantity: { readonly value: string; readonly uom: string };
  readonly scrapQuantity: { readonly value: string; readonly uom: string };
  readonly final: boolean;
  readonly executionStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED';
  readonly completedAt: string;
  /** The routing ends in a final inspection: quality inspects the lot before it is released. */
  readonly finalInspection: boolean;
  readonly consumptions: readonly LinkedConsumption[];
  readonly correlationId: string;
  readonly eventId: string;
};
