import { accepted, rejected, type MutationError, type MutationOutcome } from '@plantgraph/platform';
import type { ErpDb } from '../db/erp-db.ts';
import { findBomsOfRevisions, findLinesOfBoms } from '../db/repositories/boms.ts';
import { findPlanViewsOfRevisions } from '../db/repositories/inspection-plan-views.ts';
import {
  findConversionsOfItems,
  findItemsByIds,
  findRevisionsOfItems,
} from '../db/repositories/items.ts';
import { findRoutingsOfRevisions, findStepsOfRoutings } from '../db/repositories/routings.ts';
import type { Bom } from '../domain/bom.ts';
import {
  componentRequirements,
  type ComponentItem,
  type ComponentRequirement,
} from '../domain/component-requirements.ts';
import { planInspectionPoints, rowToPlanView } from '../domain/inspection-points.ts';
import { rowToItemRevision, type ItemRevision } from '../domain/item-revision.ts';
import { rowToItem } from '../domain/item.ts';
import {
  checkBomAndRouting,
  executionContext,
  missingPlanErrors,
  releasedRevisionAt,
  unconvertibleLineErrors,
  type ExecutionContext,
  type ReleaseErrorCode,
} from '../domain/order-release.ts';
import type { Order } from '../domain/order.ts';
import { rowToBom, rowToBomLine } from '../domain/bom.ts';
import { rowToRouting, rowToRoutingStep, type Routing } from '../domain/routing.ts';

/** What an order is released under, and what its execution needs. */
export interface PreparedRelease {
  readonly revision: ItemRevision;
  readonly bom: Bom;
  readonly routing: Routing;
  readonly requirements: readonly ComponentRequirement[];
  readonly execution: ExecutionContext;
}

/**
 * Reads the master data in effect for `order` at `at` and checks it: a released item revision with
 * a released BOM and routing, an approved inspection plan for every inspected step, BOM units that
 * convert to their components' base units. Answers the execution context, or every rule broken.
 */
export async function assembleExecutionContext(
  db: ErpDb,
  order: Order,
  at: Date,
): Promise<MutationOutcome<PreparedRelease, ReleaseErrorCode>> {
  const [itemRow] = await findItemsByIds(db, [order.itemId]);
  if (itemRow === undefined) throw new Error(`item ${order.itemId} of ${order.number} is missing`);
  const item = rowToItem(itemRow);
  const revisions = (await findRevisionsOfItems(db, [item.id])).map(rowToItemRevision);
  const revision = releasedRevisionAt(item, revisions, at);
  if ('code' in revision) return rejected([revision]);

  const [bomRow] = await findBomsOfRevisions(db, [revision.id]);
  const [routingRow] = await findRoutingsOfRevisions(db, [revision.id]);
  const bom = bomRow ? rowToBom(bomRow) : null;
  const routing = routingRow ? rowToRouting(routingRow) : null;
  const errors: MutationError<ReleaseErrorCode>[] = checkBomAndRouting(
    revision,
    item,
    bom,
    routing,
  );
  if (bom === null || routing === null) return rejected(errors);

  const steps = (await findStepsOfRoutings(db, [routing.id])).map(rowToRoutingStep);
  const plans = (await findPlanViewsOfRevisions(db, [revision.id])).map(rowToPlanView);
  const inspection = planInspectionPoints(steps, item.type, revision.id, plans, at);
  errors.push(...missingPlanErrors(inspection.missing, revision, item, at));

  const lines = (await findLinesOfBoms(db, [bom.id])).map(rowToBomLine);
  const components = await loadComponents(db, [...new Set(lines.map((l) => l.componentItemId))]);
  const { requirements, unconvertible } = componentRequirements(
    lines,
    bom.baseQuantity,
    order.plannedQuantity,
    components,
  );
  errors.push(...unconvertibleLineErrors(unconvertible));
  if (errors.length > 0) return rejected(errors);

  return accepted({
    revision,
    bom,
    routing,
    requirements,
    execution: executionContext({
      order,
      item,
      releasedAt: at,
      revision,
      bom,
      routing,
      steps,
      requirements,
      inspectionPoints: inspection.points,
    }),
  });
}

async function loadComponents(
  db: ErpDb,
  itemIds: readonly string[],
): Promise<Map<string, ComponentItem>> {
  if (itemIds.length === 0) return new Map();
  const items = await findItemsByIds(db, itemIds);
  const conversions = await findConversionsOfItems(db, itemIds);
  return new Map(
    items.map((row) => [
      row.id,
      {
        item: rowToItem(row),
        conversions: conversions
          .filter((c) => c.item_id === row.id)
          .map((c) => ({ fromUom: c.from_uom, toUom: c.to_uom, factor: c.factor })),
      },
    ]),
  );
}
