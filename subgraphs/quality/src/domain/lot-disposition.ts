import { ruleBroken, type MutationError } from '@plantgraph/platform';
import type { LotQuality, QualityStatus } from './lot-quality.ts';

/** What may be decided about a lot. */
export type LotDisposition = 'RELEASE' | 'HOLD' | 'REJECT';

/** Why a lot disposition was refused: one code per rule. */
export type LotDispositionErrorCode =
  | 'LOT_NOT_FOUND'
  | 'REVISION_CONFLICT'
  | 'REASON_REQUIRED'
  | 'LOT_REJECTED'
  | 'STATUS_UNCHANGED'
  | 'NONCONFORMANCE_OPEN';

type DispositionError = MutationError<LotDispositionErrorCode>;

const TARGET: Record<LotDisposition, QualityStatus> = {
  RELEASE: 'RELEASED',
  HOLD: 'ON_HOLD',
  REJECT: 'REJECTED',
};

/** The quality status a disposition puts a lot in. */
export function statusAfter(disposition: LotDisposition): QualityStatus {
  return TARGET[disposition];
}

/** A decision needs a reason. */
export function checkReason(reason: string): MutationError<'REASON_REQUIRED'>[] {
  return reason.trim() === ''
    ? [ruleBroken('REASON_REQUIRED', 'reason', 'say why (it goes into the audit trail)')]
    : [];
}

/**
 * Checks a lot disposition: a reason, the revision the caller saw, a lot not REJECTED (final), a
 * change of status, and no open nonconformance against the lot when releasing it.
 */
export function checkLotDisposition(
  lotNumber: string,
  current: LotQuality | null,
  request: {
    readonly disposition: LotDisposition;
    readonly reason: string;
    readonly expectedRevision: number | null;
  },
  openNonconformances: readonly string[],
): DispositionError[] {
  const errors: DispositionError[] = [...checkReason(request.reason)];
  const revision = current?.revision ?? 0;
  if (request.expectedRevision !== null && request.expectedRevision !== revision) {
    errors.push(
      ruleBroken(
        'REVISION_CONFLICT',
        'expectedRevision',
        `the quality status of lot ${lotNumber} is at revision ${revision}, not ${request.expectedRevision}`,
      ),
    );
  }
  if (current?.status === 'REJECTED') {
    errors.push(
      ruleBroken('LOT_REJECTED', 'lotNumber', `lot ${lotNumber} is REJECTED; that is final`),
    );
  } else if (current?.status === statusAfter(request.disposition)) {
    errors.push(
      ruleBroken(
        'STATUS_UNCHANGED',
        'disposition',
        `lot ${lotNumber} is already ${current.status}`,
      ),
    );
  }
  if (request.disposition === 'RELEASE' && openNonconformances.length > 0) {
    errors.push(
      ruleBroken(
        'NONCONFORMANCE_OPEN',
        'disposition',
        `lot ${lotNumber} has open nonconformance ${openNonconformances.join(', ')}; disposition it first`,
      ),
    );
  }
  return errors;
}

/** The answer to a lot disposition (a repeat answers the same). */
export type LotDispositionAnswer = {
  readonly dispositionId: string;
  readonly lotId: string;
  readonly lotNumber: string;
  readonly disposition: LotDisposition;
  readonly status: QualityStatus;
  readonly previousStatus: QualityStatus | null;
  readonly revision: number;
  readonly reason: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
  readonly correlationId: string;
  readonly eventId: string;
};
