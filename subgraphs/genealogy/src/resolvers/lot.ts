import type { LotLinkResolvers, LotResolvers } from '../__generated__/resolvers-types.ts';
import { entityRef } from '../domain/entity-ref.ts';
import { childSide, parentSide } from '../domain/lot-link.ts';
import { genealogySourceRef } from '../domain/source-ref.ts';

export const Lot: LotResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.lot.load(id),
  item: (lot) => entityRef(lot.itemId),
  plant: (lot) => entityRef(lot.plantId),
  sourceRefs: (lot) => [genealogySourceRef(lot.number, lot.updatedAt)],
  parents: async (lot, _args, { loaders }) =>
    (await loaders.parentLinks.load(lot.id)).map(parentSide),
  children: async (lot, _args, { loaders }) =>
    (await loaders.childLinks.load(lot.id)).map(childSide),
};

export const LotLink: LotLinkResolvers = {
  lot: async (linked, _args, { loaders }) => {
    const lot = await loaders.lot.load(linked.lotId);
    // lot_link references lot, so a missing lot means the database broke its own constraint.
    if (!lot) throw new Error(`lot ${linked.lotId} of a genealogy link is missing`);
    return lot;
  },
  order: (linked) => (linked.orderId === null ? null : entityRef(linked.orderId)),
};
