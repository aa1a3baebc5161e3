import { ruleBroken, type MutationError } from '@plantgraph/platform';
import type { QualityStatus } from './lot-quality.ts';
import type { Nonconformance } from './nonconformance.ts';

/** What may be decided about a nonconformance. */
export type NonconformanceDecision = 'USE_AS_IS' | 'REWORK' | 'SCRAP' | 'RETURN_TO_SUPPLIER';

/** Why a nonconformance disposition was refused: one code per rule. */
export type NonconformanceDispositionErrorCode =
  'NONCONFORMANCE_NOT_FOUND' | 'NONCONFORMANCE_NOT_OPEN' | 'REVISION_CONFLICT';

/** The nonconformance is OPEN and at the revision the caller saw. */
export function checkNonconformanceOpen(
  nonconformance: Nonconformance,
  expectedRevision: number | null,
): MutationError<NonconformanceDispositionErrorCode>[] {
  const errors: MutationError<NonconformanceDispositionErrorCode>[] = [];
  if (nonconformance.status !== 'OPEN') {
    errors.push(
      ruleBroken(
        'NONCONFORMANCE_NOT_OPEN',
        'nonconformanceNumber',
        `nonconformance ${nonconformance.number} is ${nonconformance.status}`,
      ),
    );
  }
  if (expectedRevision !== null && expectedRevision !== nonconformance.revision) {
    errors.push(
      ruleBroken(
        'REVISION_CONFLICT',
        'expectedRevision',
        `nonconformance ${nonconformance.number} is at revision ${nonconformance.revision}, not ${expectedRevision}`,
      ),
    );
  }
  return errors;
}

/**
 * Scrapping a lot or returning it to its supplier rejects it; using it as is or reworking it
 * leaves its status to a lot disposition.
 */
export function lotStatusAfterDecision(decision: NonconformanceDecision): QualityStatus | null {
  return decision === 'SCRAP' || decision === 'RETURN_TO_SUPPLIER' ? 'REJECTED' : null;
}

/** The answer to a nonconformance disposition (a repeat answers the same). */
export type NonconformanceDispositionAnswer = {
  readonly dispositionId: string;
  readonly nonconformanceId: string;
  readonly nonconformanceNumber: string;
  readonly disposition: NonconformanceDecision;
  readonly status: 'DISPOSITIONED';
  readonly revision: number;
  readonly reason: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
  /** Null for a nonconformance raised against an order before it made a lot. */
  readonly lotId: string | null;
  readonly lotQualityStatus: QualityStatus | null;
  readonly correlationId: string;
  readonly eventIds: readonly string[];
};
