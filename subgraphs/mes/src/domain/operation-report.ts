import { Decimal } from 'decimal.js';
import { JsonReader, ruleBroken, type MutationError } from '@plantgraph/platform';
import type { Execution } from './execution.ts';
import type { Operation, OperationStatus } from './operation.ts';

/** What the MES reports about an operation. */
export type OperationReportKind = 'START' | 'PROGRESS' | 'COMPLETE';

/** Why an operation report was refused: one code per rule. */
export type OperationReportErrorCode =
  | 'ORDER_NOT_RELEASED'
  | 'EXECUTION_COMPLETED'
  | 'OPERATION_NOT_FOUND'
  | 'SEQUENCE_INVALID'
  | 'STALE_SEQUENCE'
  | 'SEQUENCE_REUSED'
  | 'REVISION_CONFLICT'
  | 'OPERATION_OUT_OF_SEQUENCE'
  | 'OPERATION_ALREADY_STARTED'
  | 'OPERATION_NOT_STARTED'
  | 'TIMESTAMP_BEFORE_RELEASE'
  | 'TIMESTAMP_BEFORE_START'
  | 'QUANTITY_NEGATIVE'
  | 'QUANTITY_OVER_PLANNED';

type ReportError = MutationError<OperationReportErrorCode>;

/** One report of the MES about one operation. */
export interface OperationReport {
  readonly kind: OperationReportKind;
  /** The MES's own sequence number for the report, increasing per operation. */
  readonly eventSequence: number;
  readonly occurredAt: Date;
  /** Good quantity made since the previous report (progress and completion). */
  readonly goodQuantity: string;
  readonly scrapQuantity: string;
  readonly expectedRevision: number | null;
}

/** What the checks read: the operation, its routing neighbours, the execution, the last report. */
export interface OperationReportFacts {
  readonly operation: Operation;
  /** Every operation of the order, in routing sequence. */
  readonly operations: readonly Operation[];
  readonly execution: Execution;
  readonly releasedAt: Date;
  /** The highest event sequence reported for the operation so far; null before the first. */
  readonly lastEventSequence: number | null;
}

function checkQuantity(value: string, field: string): ReportError[] {
  return new Decimal(value).isNegative()
    ? [ruleBroken('QUANTITY_NEGATIVE', field, `${field} must not be negative; got ${value}`)]
    : [];
}

/** The status an operation must be in for a report of `kind`, and the code when it is not. */
function statusRule(
  kind: OperationReportKind,
  status: OperationStatus,
  sequence: number,
): ReportError[] {
  if (kind === 'START' && status !== 'PENDING') {
    return [
      ruleBroken('OPERATION_ALREADY_STARTED', 'sequence', `operation ${sequence} is ${status}`),
    ];
  }
  if (kind !== 'START' && status !== 'IN_PROGRESS') {
    return [
      ruleBroken(
        'OPERATION_NOT_STARTED',
        'sequence',
        `operation ${sequence} is ${status}; only an operation IN_PROGRESS takes ${kind === 'PROGRESS' ? 'progress' : 'completion'}`,
      ),
    ];
  }
  return [];
}

/**
 * Checks one operation report: a newer event sequence than the last, operations in routing order
 * (an operation starts once the one before it has completed), the right status, a timestamp not
 * before the release or the operation's start, quantities neither negative nor above the plan.
 */
export function checkOperationReport(
  report: OperationReport,
  facts: OperationReportFacts,
): ReportError[] {
  const { operation } = facts;
  if (facts.execution.status === 'COMPLETED') {
    return [
      ruleBroken(
        'EXECUTION_COMPLETED',
        'orderNumber',
        'the order was completed on the shop floor; it takes no more reports',
      ),
    ];
  }
  if (!Number.isInteger(report.eventSequence) || report.eventSequence < 1) {
    return [
      ruleBroken('SEQUENCE_INVALID', 'eventSequence', 'an event sequence is a positive integer'),
    ];
  }
  if (facts.lastEventSequence !== null && report.eventSequence < facts.lastEventSequence) {
    return [
      ruleBroken(
        'STALE_SEQUENCE',
        'eventSequence',
        `event ${report.eventSequence} is older than event ${facts.lastEventSequence}, already applied to operation ${operation.sequence}`,
      ),
    ];
  }
  const errors: ReportError[] = [];
  if (report.expectedRevision !== null && report.expectedRevision !== operation.revision) {
    errors.push(
      ruleBroken(
        'REVISION_CONFLICT',
        'expectedRevision',
        `operation ${operation.sequence} is at revision ${operation.revision}, not ${report.expectedRevision}`,
      ),
    );
  }
  const before = facts.operations.filter((o) => o.sequence < operation.sequence).at(-1);
  if (report.kind === 'START' && before !== undefined && before.status !== 'COMPLETED') {
    errors.push(
      ruleBroken(
        'OPERATION_OUT_OF_SEQUENCE',
        'sequence',
        `operation ${operation.sequence} cannot start before operation ${before.sequence} is completed (it is ${before.status})`,
      ),
    );
  }
  errors.push(...statusRule(report.kind, operation.status, operation.sequence));
  if (report.occurredAt.getTime() < facts.releasedAt.getTime()) {
    errors.push(
      ruleBroken(
        'TIMESTAMP_BEFORE_RELEASE',
        'occurredAt',
        `${report.occurredAt.toISOString()} is before the order's release at ${facts.releasedAt.toISOString()}`,
      ),
    );
  } else if (
    operation.startedAt !== null &&
    report.occurredAt.getTime() < operation.startedAt.getTime()
  ) {
    errors.push(
      ruleBroken(
        'TIMESTAMP_BEFORE_START',
        'occurredAt',
        `${report.occurredAt.toISOString()} is before operation ${operation.sequence} started at ${operation.startedAt.toISOString()}`,
      ),
    );
  }
  const quantityErrors = [
    ...checkQuantity(report.goodQuantity, 'goodQuantity'),
    ...checkQuantity(report.scrapQuantity, 'scrapQuantity'),
  ];
  errors.push(...quantityErrors);
  if (quantityErrors.length === 0) {
    const total = new Decimal(operation.goodQuantity.value)
      .add(operation.scrapQuantity.value)
      .add(report.goodQuantity)
      .add(report.scrapQuantity);
    if (total.gt(operation.plannedQuantity.value)) {
      errors.push(
        ruleBroken(
          'QUANTITY_OVER_PLANNED',
          'goodQuantity',
          `good and scrap would reach ${total.toString()} ${operation.plannedQuantity.uom}, above the ${operation.plannedQuantity.value} planned for operation ${operation.sequence}`,
        ),
      );
    }
  }
  return errors;
}

/** The operation after a report was applied. */
export interface OperationChange {
  readonly status: OperationStatus;
  readonly goodQuantity: string;
  readonly scrapQuantity: string;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
}

/** Applies a valid report to an operation. */
export function applyOperationReport(
  operation: Operation,
  report: OperationReport,
): OperationChange {
  const good = new Decimal(operation.goodQuantity.value).add(report.goodQuantity).toString();
  const scrap = new Decimal(operation.scrapQuantity.value).add(report.scrapQuantity).toString();
  switch (report.kind) {
    case 'START':
      return {
        status: 'IN_PROGRESS',
        goodQuantity: good,
        scrapQuantity: scrap,
        startedAt: report.occurredAt,
        completedAt: null,
      };
    case 'PROGRESS':
      return {
        status: 'IN_PROGRESS',
        goodQuantity: good,
        scrapQuantity: scrap,
        startedAt: operation.startedAt,
        completedAt: null,
      };
    case 'COMPLETE':
      return {
        status: 'COMPLETED',
        goodQuantity: good,
        scrapQuantity: scrap,
        startedAt: operation.startedAt,
        completedAt: report.occurredAt,
      };
  }
}

/** The event type a report writes. */
export function operationEventType(kind: OperationReportKind): string {
  return kind === 'START'
    ? 'operation.started'
    : kind === 'PROGRESS'
      ? 'operation.progressed'
      : 'operation.completed';
}

/** The answer to an operation report, as it was when applied (a repeat answers the same). */
export type OperationReportAnswer = {
  readonly operationId: string;
  readonly orderId: string;
  readonly orderNumber: string;
  readonly sequence: number;
  readonly operationCode: string;
  readonly status: OperationStatus;
  readonly goodQuantity: { readonly value: string; readonly uom: string };
  readonly scrapQuantity: { readonly value: string; readonly uom: string };
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  /** The operation's revision after the report. */
  readonly revision: number;
  readonly eventSequence: number;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly eventId: string;
};

/** Reads a stored answer back (the first answer to an event sequence). */
export function readOperationReportAnswer(json: unknown): OperationReportAnswer {
  const r = new JsonReader(json);
  const quantity = (name: string) => {
    const q = r.object(name);
    return { value: q.decimal('value'), uom: q.string('uom') };
  };
  return {
    operationId: r.string('operationId'),
    orderId: r.string('orderId'),
    orderNumber: r.string('orderNumber'),
    sequence: r.integer('sequence'),
    operationCode: r.string('operationCode'),
    status: r.oneOf('status', ['PENDING', 'IN_PROGRESS', 'COMPLETED']),
    goodQuantity: quantity('goodQuantity'),
    scrapQuantity: quantity('scrapQuantity'),
    startedAt: r.optionalString('startedAt'),
    completedAt: r.optionalString('completedAt'),
    revision: r.integer('revision'),
    eventSequence: r.integer('eventSequence'),
    occurredAt: r.string('occurredAt'),
    correlationId: r.string('correlationId'),
    eventId: r.string('eventId'),
  };
}
