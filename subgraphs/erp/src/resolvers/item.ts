import { convertQuantity } from '@plantgraph/platform';
import type {
  BomLineResolvers,
  BomResolvers,
  ItemResolvers,
  ItemRevisionResolvers,
  RoutingResolvers,
} from '../__generated__/resolvers-types.ts';
import { revisionInEffect } from '../domain/item-revision.ts';
import { erpSourceRef } from '../domain/source-ref.ts';

export const Item: ItemResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.item.load(id),
  sourceRefs: (item) => [erpSourceRef(item.sourceKey, item.updatedAt)],
  revisionAt: async (item, { asOf }, { loaders }) =>
    revisionInEffect(await loaders.revisionsOfItem.load(item.id), asOf ?? new Date()),
  revisions: (item, _args, { loaders }) => loaders.revisionsOfItem.load(item.id),
  unitConversions: async (item, _args, { loaders }) =>
    (await loaders.conversionsOfItem.load(item.id)).map((c) => ({
      fromUom: c.from_uom,
      toUom: c.to_uom,
      factor: c.factor,
    })),
};

export const ItemRevision: ItemRevisionResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.revision.load(id),
  item: async (revision, _args, { loaders }) => {
    const item = await loaders.item.load(revision.itemId);
    if (!item) throw new Error(`item ${revision.itemId} of revision ${revision.id} is missing`);
    return item;
  },
  bom: (revision, _args, { loaders }) => loaders.bomOfRevision.load(revision.id),
  routing: (revision, _args, { loaders }) => loaders.routingOfRevision.load(revision.id),
};

export const Bom: BomResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.bom.load(id),
  lines: (bom, _args, { loaders }) => loaders.bomLines.load(bom.id),
};

export const BomLine: BomLineResolvers = {
  component: async (line, _args, { loaders }) => {
    const item = await loaders.item.load(line.componentItemId);
    if (!item) throw new Error(`component ${line.componentItemId} of BOM ${line.bomId} is missing`);
    return item;
  },
  quantityInBaseUnit: async (line, _args, { loaders }) => {
    const [item, conversions] = await Promise.all([
      loaders.item.load(line.componentItemId),
      loaders.conversionsOfItem.load(line.componentItemId),
    ]);
    if (!item) throw new Error(`component ${line.componentItemId} of BOM ${line.bomId} is missing`);
    return convertQuantity(
      line.quantity,
      item.baseUom,
      conversions.map((c) => ({ fromUom: c.from_uom, toUom: c.to_uom, factor: c.factor })),
    );
  },
};

export const Routing: RoutingResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.routing.load(id),
  steps: (routing, _args, { loaders }) => loaders.routingSteps.load(routing.id),
};
