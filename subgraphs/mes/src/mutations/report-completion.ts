import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { appendToOutbox } from '@plantgraph/events';
import {
  accepted,
  checkActor,
  recordAudit,
  rejected,
  type IdempotencyErrorCode,
  type MutationOutcome,
} from '@plantgraph/platform';
import type { MesDb } from '../db/mes-db.ts';
import {
  countLotsOfOrder,
  findLotProduction,
  insertCompletion,
  insertLotProduction,
} from '../db/repositories/completions.ts';
import { linkOpenConsumptions } from '../db/repositories/consumptions.ts';
import { findOperationsOfOrder, updateExecution } from '../db/repositories/execution-records.ts';
import {
  insertLot,
  lockLotByNumber,
  lockLotNumber,
  setLotQuantity,
} from '../db/repositories/lot-stock.ts';
import {
  checkCompletion,
  generatedLotNumber,
  initialLotStatus,
  type CompletionAnswer,
  type CompletionErrorCode,
  type CompletionReport,
} from '../domain/completion.ts';
import { rowToExecution } from '../domain/execution.ts';
import { rowToLotStock } from '../domain/lot-stock.ts';
import { rowToOperation } from '../domain/operation.ts';
import type { OrderOpenErrorCode } from '../domain/order-open.ts';
import { idempotent, MES_SOURCE } from './guard.ts';
import { lockReleasedOrder, pinnedRevisions } from './open-order.ts';

/** A completion as the MES reports it. */
export interface CompletionRequest extends Omit<CompletionReport, 'completedAt'> {
  readonly idempotencyKey: string;
  readonly orderNumber: string;
  readonly actor: string;
  /** When the output was made; null means now. */
  readonly completedAt: Date | null;
}

export type CompletionCode =
  CompletionErrorCode | IdempotencyErrorCode | 'ACTOR_REQUIRED' | OrderOpenErrorCode;

const OPERATION = 'mes.reportCompletion';

/**
 * Reports output of an order in one transaction: creates the produced lot (numbered by the MES or
 * here) or extends it, links it to the order's consumptions since the previous completion, adds
 * good and scrap to the execution (a final completion closes it) and writes `production.completed`
 * to the outbox with an audit entry. The lot starts in QUARANTINE when the routing ends in a final
 * inspection, else RELEASED. Any broken rule changes nothing.
 */
export function reportCompletion(
  context: { readonly db: MesDb; readonly correlationId: string },
  request: CompletionRequest,
): Promise<MutationOutcome<CompletionAnswer, CompletionCode>> {
  const { idempotencyKey, ...input } = request;
  return idempotent.run(
    context.db,
    { operation: OPERATION, key: idempotencyKey, input },
    async (trx): Promise<MutationOutcome<CompletionAnswer, CompletionCode>> => {
      const actorErrors = checkActor(request.actor);
      if (actorErrors.length > 0) return rejected(actorErrors);
      const completedAt = request.completedAt ?? new Date();
      const open = await lockReleasedOrder(trx, request.orderNumber, completedAt);
      if (!open.ok) return open;
      const { order, execution } = open.value;
      const operations = (await findOperationsOfOrder(trx, order.order_id)).map(rowToOperation);
      if (request.lotNumber !== null) await lockLotNumber(trx, request.lotNumber);
      const namedRow =
        request.lotNumber === null ? undefined : await lockLotByNumber(trx, request.lotNumber);
      const producedBy = namedRow ? await findLotProduction(trx, namedRow.lot_id) : undefined;
      const errors = checkCompletion(
        { ...request, completedAt },
        {
          orderId: order.order_id,
          itemId: order.item_id,
          plannedQuantity: order.planned_quantity,
          releasedAt: order.released_at,
          finalInspection: order.final_inspection,
          execution: rowToExecution(execution),
          operations,
          namedLot: namedRow
            ? { lot: rowToLotStock(namedRow), producedBy: producedBy?.order_id ?? null }
            : null,
        },
      );
      if (errors.length > 0) return rejected(errors);

      const completionId = `completion-${randomUUID()}`;
      const good = new Decimal(request.goodQuantity);
      const uom = order.uom;
      let lot: CompletionAnswer['lot'] = null;
      if (good.gt(0)) {
        const status = initialLotStatus(order.final_inspection);
        if (namedRow !== undefined && namedRow.lot_number !== null) {
          const total = good.add(namedRow.available_quantity).toString();
          await setLotQuantity(trx, namedRow, total);
          lot = {
            id: namedRow.lot_id,
            number: namedRow.lot_number,
            created: false,
            qualityStatus: status,
            quantity: { value: total, uom },
          };
        } else {
          const id = `lot-${randomUUID()}`;
          const number =
            request.lotNumber ??
            generatedLotNumber(order.order_number, await countLotsOfOrder(trx, order.order_id));
          await insertLot(trx, {
            lot_id: id,
            lot_number: number,
            item_id: order.item_id,
            available_quantity: good.toString(),
            uom,
            quality_status: status,
          });
          await insertLotProduction(trx, {
            lot_id: id,
            order_id: order.order_id,
            produced_at: completedAt,
          });
          lot = {
            id,
            number,
            created: true,
            qualityStatus: status,
            quantity: { value: good.toString(), uom },
          };
        }
      }
      await insertCompletion(trx, {
        id: completionId,
        order_id: order.order_id,
        lot_id: lot?.id ?? null,
        good_quantity: request.goodQuantity,
        scrap_quantity: request.scrapQuantity,
        uom,
        final: request.final,
        completed_at: completedAt,
        recorded_at: new Date(),
      });
      // The consumptions since the previous completion went into this lot.
      const linked =
        lot === null ? [] : await linkOpenConsumptions(trx, order.order_id, completionId);
      const updated = await updateExecution(trx, execution, {
        good_quantity: good.add(execution.good_quantity).toString(),
        scrap_quantity: new Decimal(request.scrapQuantity).add(execution.scrap_quantity).toString(),
        ...(execution.started_at === null ? { started_at: completedAt } : {}),
        ...(request.final
          ? { status: 'COMPLETED' as const, completed_at: completedAt }
          : { status: 'IN_PROGRESS' as const }),
      });
      const data = {
        completionId,
        orderId: order.order_id,
        orderNumber: order.order_number,
        plantId: order.plant_id,
        itemId: order.item_id,
        itemRevisionId: order.item_revision_id,
        lot,
        goodQuantity: { value: request.goodQuantity, uom },
        scrapQuantity: { value: request.scrapQuantity, uom },
        final: request.final,
        executionStatus: updated.status,
        completedAt: completedAt.toISOString(),
        finalInspection: order.final_inspection,
        consumptions: linked
          .sort((a, b) => a.consumed_at.getTime() - b.consumed_at.getTime())
          .map((c) => ({
            consumptionId: c.id,
            lotId: c.lot_id,
            lotNumber: c.lot_number,
            itemId: c.item_id,
            quantity: { value: c.quantity, uom: c.uom },
          })),
      };
      // Each completion is a fact of its own (a delta): its own aggregate.
      const [event] = await appendToOutbox(trx, MES_SOURCE, [
        {
          type: 'production.completed',
          subject: order.order_number,
          aggregateType: 'ProductionCompletion',
          aggregateId: completionId,
          aggregateVersion: 1,
          plant: order.plant_id,
          data,
          correlationId: context.correlationId,
          causationId: null,
        },
      ]);
      if (event === undefined) throw new Error('the outbox returned no event');
      await recordAudit(trx, [
        {
          actor: request.actor,
          correlationId: context.correlationId,
          operation: OPERATION,
          idempotencyKey,
          aggregateType: 'Execution',
          aggregateId: order.order_id,
          aggregateRevision: updated.revision,
          revisionsInEffect: pinnedRevisions(order),
          eventIds: [event.id],
        },
      ]);
      return accepted({ ...data, correlationId: context.correlationId, eventId: event.id });
    },
  );
}
