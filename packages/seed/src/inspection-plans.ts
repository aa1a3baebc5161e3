import { SEED_NOW, instant } from './clock.ts';
import type { CharacteristicDef, InspectionType, ItemDef, RevisionDef } from './catalog-types.ts';

/** One inspection plan revision, as the generator sees it. */
export interface PlanVersion {
  readonly id: string;
  readonly number: string;
  readonly item: ItemDef;
  readonly itemRevision: RevisionDef;
  readonly type: InspectionType;
  readonly revision: string;
  readonly status: 'DRAFT' | 'APPROVED' | 'OBSOLETE';
  readonly effectiveFrom: number;
  readonly effectiveTo: number | null;
  readonly characteristics: readonly CharacteristicDef[];
}

const TYPE_CODE = { RECEIVING: 'REC', IN_PROCESS: 'IPQ', FINAL: 'FIN' } as const;

/**
 * Every plan revision of the catalog: one per item revision and inspection type, effective with
 * the item revision, split in two where the spec changes within an item revision.
 */
export function buildInspectionPlans(items: readonly ItemDef[]): PlanVersion[] {
  const plans: PlanVersion[] = [];
  for (const item of items) {
    for (const spec of item.inspections) {
      const number = `IP-${item.number}-${TYPE_CODE[spec.type]}`;
      let counter = 0;
      const add = (
        itemRevision: RevisionDef,
        from: number,
        to: number | null,
        characteristics: readonly CharacteristicDef[],
      ) => {
        counter += 1;
        const status =
          itemRevision.status === 'DRAFT'
            ? 'DRAFT'
            : to !== null && to <= SEED_NOW
              ? 'OBSOLETE'
              : 'APPROVED';
        plans.push({
          id: `plan-${item.number.toLowerCase()}-${TYPE_CODE[spec.type].toLowerCase()}-${counter}`,
          number,
          item,
          itemRevision,
          type: spec.type,
          revision: String(counter),
          status,
          effectiveFrom: from,
          effectiveTo: to,
          characteristics,
        });
      };
      for (const itemRevision of item.revisions) {
        const characteristics = spec.byRevision?.[itemRevision.revision] ?? spec.characteristics;
        const change =
          spec.change?.itemRevision === itemRevision.revision ? spec.change : undefined;
        if (change) {
          const at = instant(change.from);
          add(itemRevision, itemRevision.effectiveFrom, at, characteristics);
          add(itemRevision, at, itemRevision.effectiveTo, change.characteristics);
        } else {
          add(itemRevision, itemRevision.effectiveFrom, itemRevision.effectiveTo, characteristics);
        }
      }
    }
  }
  return plans;
}

/**
 * The plan an inspection of `type` on a lot made to `itemRevision` is judged against at `at`:
 * that revision's plan in effect then, or (for a lot that straddles an engineering change) the
 * nearest plan of the same item revision.
 */
export function planFor(
  plans: readonly PlanVersion[],
  itemRevision: RevisionDef,
  type: InspectionType,
  at: number,
): PlanVersion {
  const candidates = plans.filter((p) => p.itemRevision === itemRevision && p.type === type);
  const inEffect = candidates.find(
    (p) => p.effectiveFrom <= at && (p.effectiveTo === null || p.effectiveTo > at),
  );
  const fallback = at < (candidates[0]?.effectiveFrom ?? 0) ? candidates[0] : candidates.at(-1);
  const plan = inEffect ?? fallback;
  if (!plan) throw new Error(`no ${type} plan for revision ${itemRevision.revision}`);
  return plan;
}
