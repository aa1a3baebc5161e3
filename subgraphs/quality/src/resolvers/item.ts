import type { ItemResolvers } from '../__generated__/resolvers-types.ts';
import { planInEffect } from '../domain/inspection-plan.ts';

export const Item: ItemResolvers = {
  // erp owns items; quality's fields load from the id alone.
  __resolveReference: ({ id }) => ({ id }),
  inspectionPlans: (item, _args, { loaders }) => loaders.plansOfItem.load(item.id),
  inspectionPlan: async (item, { type, asOf }, { loaders }) =>
    planInEffect(await loaders.plansOfItem.load(item.id), type, asOf ?? new Date()),
};
