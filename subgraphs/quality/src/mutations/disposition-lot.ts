import { randomUUID } from 'node:crypto';
import { appendToOutbox } from '@plantgraph/events';
import {
  accepted,
  checkActor,
  recordAudit,
  rejected,
  ruleBroken,
  type IdempotencyErrorCode,
  type MutationOutcome,
} from '@plantgraph/platform';
import type { QualityDb } from '../db/quality-db.ts';
import { insertDisposition } from '../db/repositories/dispositions.ts';
import { lockLotQuality } from '../db/repositories/lot-quality-writes.ts';
import { findLotRefByNumber } from '../db/repositories/lot-refs.ts';
import { findOpenNonconformanceNumbers } from '../db/repositories/nonconformance-writes.ts';
import {
  checkLotDisposition,
  statusAfter,
  type LotDisposition,
  type LotDispositionAnswer,
  type LotDispositionErrorCode,
} from '../domain/lot-disposition.ts';
import { rowToLotQuality } from '../domain/lot-quality.ts';
import { idempotent, QUALITY_SOURCE } from './guard.ts';
import { changeLotStatus } from './lot-status-change.ts';

/** A decision on a lot, as a quality engineer makes it. */
export interface LotDispositionRequest {
  readonly idempotencyKey: string;
  readonly lotNumber: string;
  readonly disposition: LotDisposition;
  readonly reason: string;
  readonly actor: string;
  readonly expectedRevision: number | null;
}

export type LotDispositionCode = LotDispositionErrorCode | IdempotencyErrorCode | 'ACTOR_REQUIRED';

const OPERATION = 'quality.dispositionLot';

/**
 * Releases, holds or rejects a lot in one transaction, with the decision (reason, who) recorded,
 * `lot.hold.changed` in the outbox and an audit entry. Any broken rule changes nothing.
 */
export function dispositionLot(
  context: { readonly db: QualityDb; readonly correlationId: string },
  request: LotDispositionRequest,
): Promise<MutationOutcome<LotDispositionAnswer, LotDispositionCode>> {
  const { idempotencyKey, ...input } = request;
  return idempotent.run(
    context.db,
    { operation: OPERATION, key: idempotencyKey, input },
    async (trx): Promise<MutationOutcome<LotDispositionAnswer, LotDispositionCode>> => {
      const actorErrors = checkActor(request.actor);
      if (actorErrors.length > 0) return rejected(actorErrors);
      const ref = await findLotRefByNumber(trx, request.lotNumber);
      if (ref === undefined) {
        return rejected([ruleBroken('LOT_NOT_FOUND', 'lotNumber', `no lot ${request.lotNumber}`)]);
      }
      const current = await lockLotQuality(trx, ref.lot_id);
      const errors = checkLotDisposition(
        ref.lot_number,
        current ? rowToLotQuality(current) : null,
        request,
        await findOpenNonconformanceNumbers(trx, ref.lot_id),
      );
      if (errors.length > 0) return rejected(errors);

      const decidedAt = new Date();
      const dispositionId = `disposition-${randomUUID()}`;
      await insertDisposition(trx, {
        id: dispositionId,
        subject_type: 'LOT',
        subject_id: ref.lot_id,
        disposition: request.disposition,
        reason: request.reason,
        decided_by: request.actor,
        decided_at: decidedAt,
        correlation_id: context.correlationId,
      });
      const change = await changeLotStatus(trx, {
        lotId: ref.lot_id,
        ref,
        current,
        status: statusAfter(request.disposition),
        reason: request.reason,
        at: decidedAt,
        correlationId: context.correlationId,
      });
      const [event] = await appendToOutbox(trx, QUALITY_SOURCE, [change.event]);
      if (event === undefined) throw new Error('the outbox returned no event');
      await recordAudit(trx, [
        {
          actor: request.actor,
          correlationId: context.correlationId,
          operation: OPERATION,
          idempotencyKey,
          aggregateType: 'LotQuality',
          aggregateId: ref.lot_id,
          aggregateRevision: change.row.revision,
          revisionsInEffect: { disposition: request.disposition },
          eventIds: [event.id],
          occurredAt: decidedAt,
        },
      ]);
      return accepted({
        dispositionId,
        lotId: ref.lot_id,
        lotNumber: ref.lot_number,
        disposition: request.disposition,
        status: change.row.status,
        previousStatus: current?.status ?? null,
        revision: change.row.revision,
        reason: request.reason,
        decidedBy: request.actor,
        decidedAt: decidedAt.toISOString(),
        correlationId: context.correlationId,
        eventId: event.id,
      });
    },
  );
}
