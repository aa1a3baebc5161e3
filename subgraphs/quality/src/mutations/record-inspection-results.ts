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
import {
  findCharacteristicsOfPlans,
  findPlansByIds,
  findPlansOfItems,
} from '../db/repositories/inspection-plans.ts';
import {
  insertResults,
  lockInspectionByNumber,
  recordInspectionVerdict,
} from '../db/repositories/inspection-writes.ts';
import { lockLotQuality } from '../db/repositories/lot-quality-writes.ts';
import { findInspectionsByNumbers } from '../db/repositories/inspections.ts';
import { findLotRefById } from '../db/repositories/lot-refs.ts';
import { lockReleasedOrder } from '../db/repositories/released-orders.ts';
import { plantOfOrder } from './order-plant.ts';
import {
  findOpenNonconformanceNumbers,
  insertNonconformance,
  nextNonconformanceNumber,
} from '../db/repositories/nonconformance-writes.ts';
import type { NonconformanceRow } from '../db/tables/nonconformance.ts';
import {
  ACCEPTANCE_TYPES,
  checkInspectionOpen,
  judgeResults,
  planForInspection,
  type InspectionOutcomeAnswer,
  type InspectionResultsErrorCode,
  type MeasuredValue,
} from '../domain/inspection-judgement.ts';
import { rowToCharacteristic, rowToInspectionPlan } from '../domain/inspection-plan.ts';
import { rowToInspection } from '../domain/inspection.ts';
import type { NonconformanceSeverity } from '../domain/nonconformance.ts';
import { idempotent, QUALITY_SOURCE } from './guard.ts';
import { changeLotStatus } from './lot-status-change.ts';

/** Inspection results as the inspector (or the lab system) reports them. */
export interface InspectionResultsRequest {
  readonly idempotencyKey: string;
  readonly inspectionNumber: string;
  readonly inspectedAt: Date;
  readonly actor: string;
  readonly results: readonly MeasuredValue[];
  readonly expectedRevision: number | null;
  /** How a failure's nonconformance is raised; defaults to MAJOR with the failed values. */
  readonly nonconformance: {
    readonly severity: NonconformanceSeverity;
    readonly description: string | null;
  } | null;
}

export type InspectionResultsCode =
  InspectionResultsErrorCode | IdempotencyErrorCode | 'ACTOR_REQUIRED';

const OPERATION = 'quality.recordInspectionResults';

/**
 * Records an inspection's results in one transaction, judged against the limits of the plan
 * revision in effect at the inspection date: the inspection becomes PASSED or FAILED. A failure
 * raises a nonconformance against the inspection's lot, order and operation and puts the lot
 * ON_HOLD; an in-process inspection without a lot raises it against the order and operation alone
 * (`inspection.failed` carries the order: erp holds it). A passed final or receiving inspection
 * releases a lot in QUARANTINE that has no open nonconformance. Events (`inspection.passed` or
 * `inspection.failed`, `lot.hold.changed`, `nonconformance.raised`) and the audit entry commit with
 * the change; any broken rule changes nothing.
 */
export function recordInspectionResults(
  context: { readonly db: QualityDb; readonly correlationId: string },
  request: InspectionResultsRequest,
): Promise<MutationOutcome<InspectionOutcomeAnswer, InspectionResultsCode>> {
  const { idempotencyKey, ...input } = request;
  return idempotent.run(
    context.db,
    { operation: OPERATION, key: idempotencyKey, input },
    async (trx): Promise<MutationOutcome<InspectionOutcomeAnswer, InspectionResultsCode>> => {
      const actorErrors = checkActor(request.actor);
      if (actorErrors.length > 0) return rejected(actorErrors);
      const [found] = await findInspectionsByNumbers(trx, [request.inspectionNumber]);
      // Queues with the consumers that open the order's inspections and make its lots (they lock
      // the order's release first, then inspections): a failure without a lot and a lot made at
      // the same moment each see the other.
      if (found?.order_id) await lockReleasedOrder(trx, found.order_id);
      const row =
        found === undefined
          ? undefined
          : await lockInspectionByNumber(trx, request.inspectionNumber);
      if (row === undefined) {
        return rejected([
          ruleBroken(
            'INSPECTION_NOT_FOUND',
            'inspectionNumber',
            `no inspection ${request.inspectionNumber}`,
          ),
        ]);
      }
      const inspection = rowToInspection(row);
      const openErrors = checkInspectionOpen(inspection, request.expectedRevision);
      if (openErrors.length > 0) return rejected(openErrors);
      const [currentRow] = await findPlansByIds(trx, [inspection.planId]);
      if (currentRow === undefined) throw new Error(`plan ${inspection.planId} is missing`);
      const current = rowToInspectionPlan(currentRow);
      const plans = (await findPlansOfItems(trx, [current.itemId])).map(rowToInspectionPlan);
      const plan = planForInspection(current, plans, request.inspectedAt);
      if ('code' in plan) return rejected([plan]);
      const characteristics = (await findCharacteristicsOfPlans(trx, [plan.id])).map(
        rowToCharacteristic,
      );
      const { errors, judged } = judgeResults(characteristics, request.results);
      if (errors.length > 0) return rejected(errors);

      const failed = judged.filter((r) => r.verdict === 'FAIL');
      const status = failed.length > 0 ? 'FAILED' : 'PASSED';
      const updated = await recordInspectionVerdict(trx, row, {
        status,
        planId: plan.id,
        inspectedAt: request.inspectedAt,
        inspector: request.actor,
      });
      await insertResults(
        trx,
        judged.map((r) => ({
          inspection_id: row.id,
          characteristic_code: r.characteristicCode,
          measured: r.measured,
          verdict: r.verdict,
        })),
      );
      const now = new Date();
      const lotId = row.lot_id;
      const ref = lotId === null ? undefined : await findLotRefById(trx, lotId);
      const lotQuality = lotId === null ? undefined : await lockLotQuality(trx, lotId);
      const plant = ref?.plant_id ?? (await plantOfOrder(trx, row.order_id));
      let nonconformance: NonconformanceRow | null = null;
      let lotStatus = lotQuality?.status ?? null;
      const events: NewEvent[] = [];
      const inspectionEvent = (ncId: string | null): NewEvent => ({
        type: status === 'PASSED' ? 'inspection.passed' : 'inspection.failed',
        subject: inspection.number,
        aggregateType: 'Inspection',
        aggregateId: inspection.id,
        aggregateVersion: updated.revision,
        plant,
        data: {
          inspectionId: inspection.id,
          inspectionNumber: inspection.number,
          type: inspection.type,
          status,
          lotId,
          lotNumber: ref?.lot_number ?? null,
          itemId: plan.itemId,
          orderId: row.order_id,
          operationId: row.operation_id,
          planId: plan.id,
          planRevision: plan.revision,
          inspectedAt: request.inspectedAt.toISOString(),
          results: judged,
          failedCharacteristics: failed.map((r) => r.characteristicCode),
          nonconformanceId: ncId,
        },
        correlationId: context.correlationId,
        causationId: null,
      });

      if (status === 'FAILED') {
        const number = await nextNonconformanceNumber(trx);
        nonconformance = await insertNonconformance(trx, {
          id: `nc-${randomUUID()}`,
          number,
          lot_id: lotId,
          order_id: row.order_id,
          operation_id: row.operation_id,
          inspection_id: row.id,
          severity: request.nonconformance?.severity ?? 'MAJOR',
          status: 'OPEN',
          description:
            request.nonconformance?.description ??
            `Inspection ${inspection.number} failed: ${failed
              .map((r) => `${r.characteristicCode} ${r.measured} ${r.uom}`)
              .join(', ')}`,
          disposition: null,
          raised_at: now,
        });
        events.push(inspectionEvent(nonconformance.id));
        // A rejected lot stays rejected: that decision is final. Without a lot, the nonconformance
        // stands against the order: the lots it makes while it is open start ON_HOLD.
        if (lotId !== null && lotQuality?.status !== 'REJECTED') {
          const change = await changeLotStatus(trx, {
            lotId,
            ref,
            current: lotQuality,
            status: 'ON_HOLD',
            reason: `Failed inspection ${inspection.number}; nonconformance ${number} open`,
            at: now,
            correlationId: context.correlationId,
          });
          lotStatus = change.row.status;
          events.push(change.event);
        }
        events.push({
          type: 'nonconformance.raised',
          subject: number,
          aggregateType: 'Nonconformance',
          aggregateId: nonconformance.id,
          aggregateVersion: nonconformance.revision,
          plant,
          data: {
            nonconformanceId: nonconformance.id,
            nonconformanceNumber: number,
            lotId,
            lotNumber: ref?.lot_number ?? null,
            inspectionId: inspection.id,
            orderId: row.order_id,
            operationId: row.operation_id,
            severity: nonconformance.severity,
            description: nonconformance.description,
            raisedAt: now.toISOString(),
          },
          correlationId: context.correlationId,
          causationId: null,
        });
      } else {
        events.push(inspectionEvent(null));
        const accepts =
          lotId !== null &&
          ACCEPTANCE_TYPES.includes(inspection.type) &&
          lotQuality?.status === 'QUARANTINE';
        if (accepts && (await findOpenNonconformanceNumbers(trx, lotId)).length === 0) {
          const change = await changeLotStatus(trx, {
            lotId,
            ref,
            current: lotQuality,
            status: 'RELEASED',
            reason: `Passed ${inspection.type.toLowerCase()} inspection ${inspection.number}`,
            at: now,
            correlationId: context.correlationId,
          });
          lotStatus = change.row.status;
          events.push(change.event);
        }
      }
      const written = await appendToOutbox(trx, QUALITY_SOURCE, events);
      const eventIds = written.map((e) => e.id);
      await recordAudit(trx, [
        {
          actor: request.actor,
          correlationId: context.correlationId,
          operation: OPERATION,
          idempotencyKey,
          aggregateType: 'Inspection',
          aggregateId: inspection.id,
          aggregateRevision: updated.revision,
          revisionsInEffect: { plan: plan.id, planRevision: plan.revision },
          eventIds,
        },
      ]);
      return accepted({
        inspectionId: inspection.id,
        inspectionNumber: inspection.number,
        status,
        revision: updated.revision,
        planId: plan.id,
        planNumber: plan.number,
        planRevision: plan.revision,
        inspectedAt: request.inspectedAt.toISOString(),
        results: judged,
        lotId,
        lotQualityStatus: lotStatus,
        nonconformanceId: nonconformance?.id ?? null,
        correlationId: context.correlationId,
        eventIds,
      });
    },
  );
}
