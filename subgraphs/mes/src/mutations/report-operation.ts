import { appendToOutbox } from '@plantgraph/events';
import {
  accepted,
  checkActor,
  recordAudit,
  rejected,
  requestHash,
  ruleBroken,
  type IdempotencyErrorCode,
  type MutationOutcome,
} from '@plantgraph/platform';
import type { MesDb } from '../db/mes-db.ts';
import {
  findOperationsOfOrder,
  updateExecution,
  updateOperation,
} from '../db/repositories/execution-records.ts';
import {
  findOperationEvent,
  insertOperationEvent,
  lastEventSequence,
} from '../db/repositories/operation-events.ts';
import { rowToExecution } from '../domain/execution.ts';
import {
  applyOperationReport,
  checkOperationReport,
  operationEventType,
  readOperationReportAnswer,
  type OperationReport,
  type OperationReportAnswer,
  type OperationReportErrorCode,
} from '../domain/operation-report.ts';
import { rowToOperation } from '../domain/operation.ts';
import type { OrderOpenErrorCode } from '../domain/order-open.ts';
import { idempotent, MES_SOURCE } from './guard.ts';
import { lockReleasedOrder, pinnedRevisions } from './open-order.ts';

/** A start, progress or completion report of one operation, as the MES sends it. */
export interface OperationReportRequest extends OperationReport {
  readonly idempotencyKey: string;
  readonly orderNumber: string;
  readonly sequence: number;
  readonly actor: string;
}

export type OperationReportCode =
  OperationReportErrorCode | IdempotencyErrorCode | 'ACTOR_REQUIRED' | OrderOpenErrorCode;

const OPERATIONS = {
  START: 'mes.startOperation',
  PROGRESS: 'mes.reportOperationProgress',
  COMPLETE: 'mes.completeOperation',
} as const;

/**
 * Applies one operation report in one transaction: the operation's status, quantities and
 * timestamps, the `operation.*` event in the outbox and an audit entry. A report whose event
 * sequence was already applied answers the first answer (a different report under that number is
 * SEQUENCE_REUSED); an older sequence is STALE_SEQUENCE; every other broken rule answers its code.
 */
export function reportOperation(
  context: { readonly db: MesDb; readonly correlationId: string },
  request: OperationReportRequest,
): Promise<MutationOutcome<OperationReportAnswer, OperationReportCode>> {
  const { idempotencyKey, ...input } = request;
  const operationName = OPERATIONS[request.kind];
  return idempotent.run(
    context.db,
    { operation: operationName, key: idempotencyKey, input },
    async (trx): Promise<MutationOutcome<OperationReportAnswer, OperationReportCode>> => {
      const actorErrors = checkActor(request.actor);
      if (actorErrors.length > 0) return rejected(actorErrors);
      const open = await lockReleasedOrder(trx, request.orderNumber, request.occurredAt);
      if (!open.ok) return open;
      const { order, execution } = open.value;
      const operations = (await findOperationsOfOrder(trx, order.order_id)).map(rowToOperation);
      const operation = operations.find((o) => o.sequence === request.sequence);
      if (operation === undefined) {
        return rejected([
          ruleBroken(
            'OPERATION_NOT_FOUND',
            'sequence',
            `order ${order.order_number} has no operation ${request.sequence}`,
          ),
        ]);
      }

      const contentHash = requestHash({
        kind: request.kind,
        occurredAt: request.occurredAt,
        goodQuantity: request.goodQuantity,
        scrapQuantity: request.scrapQuantity,
      });
      const earlier = await findOperationEvent(trx, operation.id, request.eventSequence);
      if (earlier !== undefined) {
        if (earlier.content_hash === contentHash)
          return accepted(readOperationReportAnswer(earlier.response));
        return rejected([
          ruleBroken(
            'SEQUENCE_REUSED',
            'eventSequence',
            `event ${request.eventSequence} of operation ${operation.sequence} was a different report`,
          ),
        ]);
      }
      const errors = checkOperationReport(request, {
        operation,
        operations,
        execution: rowToExecution(execution),
        releasedAt: order.released_at,
        lastEventSequence: await lastEventSequence(trx, operation.id),
      });
      if (errors.length > 0) return rejected(errors);

      const change = applyOperationReport(operation, request);
      const updated = await updateOperation(trx, operation, {
        status: change.status,
        good_quantity: change.goodQuantity,
        scrap_quantity: change.scrapQuantity,
        started_at: change.startedAt,
        completed_at: change.completedAt,
      });
      if (request.kind === 'START' && execution.status === 'NOT_STARTED') {
        await updateExecution(trx, execution, {
          status: 'IN_PROGRESS',
          started_at: request.occurredAt,
        });
      }
      const data = {
        operationId: updated.id,
        orderId: order.order_id,
        orderNumber: order.order_number,
        plantId: order.plant_id,
        sequence: updated.sequence,
        operationCode: updated.operation_code,
        status: updated.status,
        goodQuantity: { value: updated.good_quantity, uom: updated.uom },
        scrapQuantity: { value: updated.scrap_quantity, uom: updated.uom },
        startedAt: updated.started_at?.toISOString() ?? null,
        completedAt: updated.completed_at?.toISOString() ?? null,
        revision: updated.revision,
        eventSequence: request.eventSequence,
        occurredAt: request.occurredAt.toISOString(),
      };
      const [event] = await appendToOutbox(trx, MES_SOURCE, [
        {
          type: operationEventType(request.kind),
          subject: `${order.order_number}/${updated.sequence}`,
          aggregateType: 'Operation',
          aggregateId: updated.id,
          aggregateVersion: updated.revision,
          plant: order.plant_id,
          data,
          correlationId: context.correlationId,
          causationId: null,
        },
      ]);
      if (event === undefined) throw new Error('the outbox returned no event');
      const { plantId: _plantId, ...reported } = data;
      const answer: OperationReportAnswer = {
        ...reported,
        correlationId: context.correlationId,
        eventId: event.id,
      };
      await insertOperationEvent(trx, {
        operation_id: updated.id,
        event_sequence: request.eventSequence,
        kind: request.kind,
        content_hash: contentHash,
        occurred_at: request.occurredAt,
        response: JSON.stringify(answer),
        recorded_at: new Date(),
      });
      await recordAudit(trx, [
        {
          actor: request.actor,
          correlationId: context.correlationId,
          operation: operationName,
          idempotencyKey,
          aggregateType: 'Operation',
          aggregateId: updated.id,
          aggregateRevision: updated.revision,
          revisionsInEffect: { ...pinnedRevisions(order), eventSequence: request.eventSequence },
          eventIds: [event.id],
        },
      ]);
      return accepted(answer);
    },
  );
}
