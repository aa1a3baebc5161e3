import { randomUUID } from 'node:crypto';
import { appendToOutbox, type NewEvent } from '@plantgraph/events';
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
import { findLotRefById } from '../db/repositories/lot-refs.ts';
import {
  dispositionNonconformanceRow,
  lockNonconformanceByNumber,
} from '../db/repositories/nonconformance-writes.ts';
import { checkReason } from '../domain/lot-disposition.ts';
import {
  checkNonconformanceOpen,
  lotStatusAfterDecision,
  type NonconformanceDecision,
  type NonconformanceDispositionAnswer,
  type NonconformanceDispositionErrorCode,
} from '../domain/nonconformance-disposition.ts';
import { rowToNonconformance } from '../domain/nonconformance.ts';
import { idempotent, QUALITY_SOURCE } from './guard.ts';
import { changeLotStatus } from './lot-status-change.ts';
import { plantOfOrder } from './order-plant.ts';

/** A decision on a nonconformance, as the review board makes it. */
export interface NonconformanceDispositionRequest {
  readonly idempotencyKey: string;
  readonly nonconformanceNumber: string;
  readonly disposition: NonconformanceDecision;
  readonly reason: string;
  readonly actor: string;
  readonly expectedRevision: number | null;
}

export type NonconformanceDispositionCode =
  NonconformanceDispositionErrorCode | IdempotencyErrorCode | 'ACTOR_REQUIRED' | 'REASON_REQUIRED';

const OPERATION = 'quality.dispositionNonconformance';

/**
 * Dispositions an OPEN nonconformance (USE_AS_IS, REWORK, SCRAP, RETURN_TO_SUPPLIER) in one
 * transaction, with the decision recorded. Scrapping or returning rejects the lot. Events
 * (`nonconformance.dispositioned`, and `lot.hold.changed` when the lot is rejected) and the audit
 * entry commit with the change; any broken rule changes nothing.
 */
export function dispositionNonconformance(
  context: { readonly db: QualityDb; readonly correlationId: string },
  request: NonconformanceDispositionRequest,
): Promise<MutationOutcome<NonconformanceDispositionAnswer, NonconformanceDispositionCode>> {
  const { idempotencyKey, ...input } = request;
  return idempotent.run(
    context.db,
    { operation: OPERATION, key: idempotencyKey, input },
    async (
      trx,
    ): Promise<MutationOutcome<NonconformanceDispositionAnswer, NonconformanceDispositionCode>> => {
      const actorErrors = [...checkActor(request.actor), ...checkReason(request.reason)];
      if (actorErrors.length > 0) return rejected(actorErrors);
      const row = await lockNonconformanceByNumber(trx, request.nonconformanceNumber);
      if (row === undefined) {
        return rejected([
          ruleBroken(
            'NONCONFORMANCE_NOT_FOUND',
            'nonconformanceNumber',
            `no nonconformance ${request.nonconformanceNumber}`,
          ),
        ]);
      }
      const errors = checkNonconformanceOpen(rowToNonconformance(row), request.expectedRevision);
      if (errors.length > 0) return rejected(errors);

      const decidedAt = new Date();
      const dispositionId = `disposition-${randomUUID()}`;
      await insertDisposition(trx, {
        id: dispositionId,
        subject_type: 'NONCONFORMANCE',
        subject_id: row.id,
        disposition: request.disposition,
        reason: request.reason,
        decided_by: request.actor,
        decided_at: decidedAt,
        correlation_id: context.correlationId,
      });
      const updated = await dispositionNonconformanceRow(trx, row, request.disposition);
      const lotId = row.lot_id;
      const ref = lotId === null ? undefined : await findLotRefById(trx, lotId);
      const lotQuality = lotId === null ? undefined : await lockLotQuality(trx, lotId);
      let lotStatus = lotQuality?.status ?? null;
      const events: NewEvent[] = [
        {
          type: 'nonconformance.dispositioned',
          subject: row.number,
          aggregateType: 'Nonconformance',
          aggregateId: row.id,
          aggregateVersion: updated.revision,
          plant: ref?.plant_id ?? (await plantOfOrder(trx, row.order_id)),
          data: {
            nonconformanceId: row.id,
            nonconformanceNumber: row.number,
            lotId,
            orderId: row.order_id,
            disposition: request.disposition,
            reason: request.reason,
            decidedBy: request.actor,
            decidedAt: decidedAt.toISOString(),
          },
          correlationId: context.correlationId,
          causationId: null,
        },
      ];
      // Without a lot there is nothing to reject: the decision is recorded, and the lots the order
      // made meanwhile (held by it) are decided one by one.
      const target = lotStatusAfterDecision(request.disposition);
      if (lotId !== null && target !== null && lotStatus !== target) {
        const change = await changeLotStatus(trx, {
          lotId,
          ref,
          current: lotQuality,
          status: target,
          reason: `${request.disposition} per ${row.number}: ${request.reason}`,
          at: decidedAt,
          correlationId: context.correlationId,
        });
        lotStatus = change.row.status;
        events.push(change.event);
      }
      const written = await appendToOutbox(trx, QUALITY_SOURCE, events);
      const eventIds = written.map((e) => e.id);
      await recordAudit(trx, [
        {
          actor: request.actor,
          correlationId: context.correlationId,
          operation: OPERATION,
          idempotencyKey,
          aggregateType: 'Nonconformance',
          aggregateId: row.id,
          aggregateRevision: updated.revision,
          revisionsInEffect: { disposition: request.disposition },
          eventIds,
          occurredAt: decidedAt,
        },
      ]);
      return accepted({
        dispositionId,
        nonconformanceId: row.id,
        nonconformanceNumber: row.number,
        disposition: request.disposition,
        status: 'DISPOSITIONED',
        revision: updated.revision,
        reason: request.reason,
        decidedBy: request.actor,
        decidedAt: decidedAt.toISOString(),
        lotId,
        lotQualityStatus: lotStatus,
        correlationId: context.correlationId,
        eventIds,
      });
    },
  );
}
