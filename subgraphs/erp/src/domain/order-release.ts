import { ruleBroken, versionInEffect, type MutationError } from '@plantgraph/platform';
import type { Bom } from './bom.ts';
import type {
  ComponentAvailability,
  ComponentRequirement,
  UnconvertibleLine,
} from './component-requirements.ts';
import type { InspectionPoint, MissingPlan, StepInspectionType } from './inspection-points.ts';
import type { ItemRevision } from './item-revision.ts';
import type { Item } from './item.ts';
import type { Order } from './order.ts';
import type { Routing, RoutingStep } from './routing.ts';

/** Why a release was refused: one code per rule. */
export type ReleaseErrorCode =
  | 'ORDER_NOT_FOUND'
  | 'REVISION_CONFLICT'
  | 'ORDER_NOT_CREATED'
  | 'ITEM_REVISION_NOT_IN_EFFECT'
  | 'ITEM_REVISION_NOT_RELEASED'
  | 'BOM_MISSING'
  | 'BOM_NOT_RELEASED'
  | 'ROUTING_MISSING'
  | 'ROUTING_NOT_RELEASED'
  | 'INSPECTION_PLAN_MISSING'
  | 'BOM_UNIT_NOT_CONVERTIBLE';

type ReleaseError = MutationError<ReleaseErrorCode>;

/** The order may be released: it is CREATED and at the revision the caller saw. */
export function checkOrderReleasable(
  order: Order,
  expectedRevision: number | null,
): ReleaseError[] {
  const errors: ReleaseError[] = [];
  if (expectedRevision !== null && expectedRevision !== order.revision) {
    errors.push(
      ruleBroken(
        'REVISION_CONFLICT',
        'expectedRevision',
        `order ${order.number} is at revision ${order.revision}, not ${expectedRevision}`,
      ),
    );
  }
  if (order.status !== 'CREATED') {
    errors.push(
      ruleBroken(
        'ORDER_NOT_CREATED',
        'orderNumber',
        `order ${order.number} is ${order.status}; only a CREATED order can be released`,
      ),
    );
  }
  return errors;
}

/**
 * The RELEASED item revision in effect at `at`; or why there is none: a revision is in effect but
 * not released (a draft, or an obsolete one), or none is in effect at all.
 */
export function releasedRevisionAt(
  item: Item,
  revisions: readonly ItemRevision[],
  at: Date,
): ItemRevision | ReleaseError {
  const released = versionInEffect(revisions, at, (r) => r.status === 'RELEASED');
  if (released !== null) return released;
  const other = versionInEffect(revisions, at);
  if (other !== null) {
    return ruleBroken(
      'ITEM_REVISION_NOT_RELEASED',
      'releaseAt',
      `revision ${other.revision} of ${item.number} in effect at ${at.toISOString()} is ${other.status}, not RELEASED`,
    );
  }
  return ruleBroken(
    'ITEM_REVISION_NOT_IN_EFFECT',
    'releaseAt',
    `no revision of ${item.number} is in effect at ${at.toISOString()}`,
  );
}

/** The revision's BOM and routing exist and are released. */
export function checkBomAndRouting(
  revision: ItemRevision,
  item: Item,
  bom: Bom | null,
  routing: Routing | null,
): ReleaseError[] {
  const errors: ReleaseError[] = [];
  const of = `revision ${revision.revision} of ${item.number}`;
  if (bom === null) errors.push(ruleBroken('BOM_MISSING', 'orderNumber', `${of} has no BOM`));
  else if (bom.status !== 'RELEASED')
    errors.push(ruleBroken('BOM_NOT_RELEASED', 'orderNumber', `the BOM of ${of} is ${bom.status}`));
  if (routing === null)
    errors.push(ruleBroken('ROUTING_MISSING', 'orderNumber', `${of} has no routing`));
  else if (routing.status !== 'RELEASED')
    errors.push(
      ruleBroken(
        'ROUTING_NOT_RELEASED',
        'orderNumber',
        `the routing of ${of} is ${routing.status}`,
      ),
    );
  return errors;
}

/** One error per inspected step without an approved plan. */
export function missingPlanErrors(
  missing: readonly MissingPlan[],
  revision: ItemRevision,
  item: Item,
  at: Date,
): ReleaseError[] {
  return missing.map((m) =>
    ruleBroken(
      'INSPECTION_PLAN_MISSING',
      'orderNumber',
      `step ${m.sequence} (${m.operationCode}) calls for a ${m.type} inspection, but no approved plan for revision ${revision.revision} of ${item.number} is in effect at ${at.toISOString()}`,
    ),
  );
}

/** One error per BOM line whose unit does not convert to the component's base unit. */
export function unconvertibleLineErrors(lines: readonly UnconvertibleLine[]): ReleaseError[] {
  return lines.map((line) =>
    ruleBroken(
      'BOM_UNIT_NOT_CONVERTIBLE',
      'orderNumber',
      `BOM line ${line.lineNumber} (${line.itemNumber}) is in ${line.uom}, which has no conversion to ${line.baseUom}`,
    ),
  );
}

/** A quantity as event payloads carry it (a type, not an interface, so it is JSON-checked). */
export type QuantityData = { readonly value: string; readonly uom: string };

/** One operation of a released order: a routing step, as the MES executes it. */
export type ExecutionOperation = {
  /** The operation's id, which the MES and quality use for it. */
  readonly id: string;
  readonly sequence: number;
  readonly operationCode: string;
  readonly description: string;
  readonly workCenter: string;
  readonly standardMinutes: string;
  readonly requiresInspection: boolean;
  readonly inspectionType: StepInspectionType | null;
  readonly plannedQuantity: QuantityData;
};

/** A BOM line of a released order, in the component's base unit. */
export type ExecutionComponent = {
  readonly lineNumber: number;
  readonly itemId: string;
  readonly itemNumber: string;
  readonly baseUom: string;
  /** The line quantity per BOM base quantity of the parent, in the component's base unit. */
  readonly quantityPerBase: QuantityData;
  /** What the whole order needs, in the component's base unit. */
  readonly requiredQuantity: QuantityData;
  /** `1 fromUom = factor toUom` for the component, for the MES to convert what it reports. */
  readonly conversions: readonly {
    readonly fromUom: string;
    readonly toUom: string;
    readonly factor: string;
  }[];
};

/** An inspection the routing calls for, with the plan that judges it. */
export type ExecutionInspectionPoint = {
  readonly operationId: string;
  readonly sequence: number;
  readonly operationCode: string;
  readonly type: StepInspectionType;
  readonly planId: string;
  readonly planNumber: string;
  readonly planRevision: string;
};

/** Everything the MES needs to execute a released order: the `order.released` payload. */
export type ExecutionContext = {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly plantId: string;
  readonly itemId: string;
  readonly itemNumber: string;
  readonly plannedQuantity: QuantityData;
  readonly releasedAt: string;
  readonly itemRevision: {
    readonly id: string;
    readonly revision: string;
    readonly changeNumber: string;
  };
  readonly bom: {
    readonly id: string;
    readonly revision: string;
    readonly baseQuantity: QuantityData;
  };
  readonly routing: { readonly id: string; readonly revision: string };
  readonly operations: readonly ExecutionOperation[];
  readonly components: readonly ExecutionComponent[];
  readonly inspectionPoints: readonly ExecutionInspectionPoint[];
  /** True when the routing ends in a final inspection: produced lots start in QUARANTINE. */
  readonly finalInspection: boolean;
};

/** The id of an order's operation at `sequence` (erp names them; MES and quality use them). */
export function operationId(orderId: string, sequence: number): string {
  return `${orderId}-op-${String(sequence).padStart(3, '0')}`;
}

/** What the release pins and hands to the MES. */
export function executionContext(facts: {
  readonly order: Order;
  readonly item: Item;
  readonly releasedAt: Date;
  readonly revision: ItemRevision;
  readonly bom: Bom;
  readonly routing: Routing;
  readonly steps: readonly RoutingStep[];
  readonly requirements: readonly ComponentRequirement[];
  readonly inspectionPoints: readonly InspectionPoint[];
}): ExecutionContext {
  const { order } = facts;
  const pointAt = new Map(facts.inspectionPoints.map((p) => [p.sequence, p]));
  return {
    orderId: order.id,
    orderNumber: order.number,
    plantId: order.plantId,
    itemId: facts.item.id,
    itemNumber: facts.item.number,
    plannedQuantity: order.plannedQuantity,
    releasedAt: facts.releasedAt.toISOString(),
    itemRevision: {
      id: facts.revision.id,
      revision: facts.revision.revision,
      changeNumber: facts.revision.changeNumber,
    },
    bom: { id: facts.bom.id, revision: facts.bom.revision, baseQuantity: facts.bom.baseQuantity },
    routing: { id: facts.routing.id, revision: facts.routing.revision },
    operations: facts.steps.map((step) => ({
      id: operationId(order.id, step.sequence),
      sequence: step.sequence,
      operationCode: step.operationCode,
      description: step.description,
      workCenter: step.workCenter,
      standardMinutes: step.standardMinutes,
      requiresInspection: step.requiresInspection,
      inspectionType: pointAt.get(step.sequence)?.type ?? null,
      plannedQuantity: order.plannedQuantity,
    })),
    components: facts.requirements.map((r) => ({
      lineNumber: r.lineNumber,
      itemId: r.itemId,
      itemNumber: r.itemNumber,
      baseUom: r.baseUom,
      quantityPerBase: r.quantityPerBase,
      requiredQuantity: r.required,
      conversions: r.conversions,
    })),
    inspectionPoints: facts.inspectionPoints.map((p) => ({
      ...p,
      operationId: operationId(order.id, p.sequence),
    })),
    finalInspection: facts.inspectionPoints.some((p) => p.type === 'FINAL'),
  };
}

/** The answer to a release: the order as released, what the MES needs, and the trail. */
export interface ReleaseAcknowledgment {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly status: 'RELEASED';
  readonly revision: number;
  readonly releasedAt: string;
  readonly pinnedItemRevisionId: string;
  readonly pinnedBomId: string;
  readonly pinnedRoutingId: string;
  readonly executionContext: ExecutionContext;
  readonly componentAvailability: readonly ComponentAvailability[];
  readonly correlationId: string;
  readonly eventId: string;
}
