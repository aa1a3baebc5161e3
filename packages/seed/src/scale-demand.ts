import { Decimal } from 'decimal.js';
import { ITEMS, itemByNumber } from './catalog.ts';
import type { ItemDef } from './catalog-types.ts';
import { componentNeed } from './production.ts';

/**
 * The made items by BOM level: each level's BOMs use only raw materials and items of lower
 * levels (shafts, volutes, seals and motor cores; then bearing units, motor assemblies and seal
 * kits; then hydraulic ends and spare kits; then pumps).
 */
export const LEVELS: readonly (readonly ItemDef[])[] = [
  ['SA-2001', 'SA-2003', 'SA-2004', 'SA-2006'],
  ['SA-2002', 'SA-2007', 'FG-1003'],
  ['SA-2005', 'FG-1004'],
  ['FG-1000', 'FG-1001', 'FG-1002'],
].map((level) => level.map(itemByNumber));

/** The purchased items tracked by lot: what the first layer of the scale dataset receives. */
export const RAW = ITEMS.filter((item) => item.purchase !== null && item.tracking === 'LOT');

/**
 * Base units of lot-tracked `component` that one base unit of `item` takes, by the largest of its
 * released (or since obsoleted) BOMs; 0 when none lists it.
 */
export function needOf(item: ItemDef, component: ItemDef): number {
  let most = 0;
  if (component.tracking === 'NONE') return 0;
  for (const revision of item.revisions) {
    if (revision.status === 'DRAFT' || revision.bom === null) continue;
    let need = new Decimal(0);
    for (const line of revision.bom.lines) {
      if (line.component !== component.number) continue;
      need = need.add(componentNeed(line, revision.bom.baseQuantity, new Decimal(1)));
    }
    most = Math.max(most, need.toNumber());
  }
  return most;
}

/**
 * Units of every item needed to make one unit of each finished good: the BOMs exploded level by
 * level from the top, so the scale dataset can make each item in proportion to what consumes it.
 */
function explode(): Map<ItemDef, number> {
  const demand = new Map<ItemDef, number>();
  for (const level of [...LEVELS].reverse()) {
    for (const item of level) {
      const units = (demand.get(item) ?? 0) + (item.type === 'FINISHED_GOOD' ? 1 : 0);
      demand.set(item, units);
      for (const component of ITEMS) {
        const need = needOf(item, component);
        if (need > 0) demand.set(component, (demand.get(component) ?? 0) + units * need);
      }
    }
  }
  return demand;
}

const DEMAND = explode();

/** Units of `item` made (or bought) per unit of each finished good. */
export function demandOf(item: ItemDef): number {
  return DEMAND.get(item) ?? 0;
}

/**
 * A repeating sequence of `items` in which each appears about as often as its weight says, spread
 * out (smooth weighted round robin), weights scaled so the lightest appears three times.
 */
function mix(items: readonly ItemDef[], weight: (item: ItemDef) => number): readonly ItemDef[] {
  const lightest = Math.min(...items.map(weight).filter((w) => w > 0));
  const weights = items.map((item) => Math.max(1, Math.round((weight(item) / lightest) * 3)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const current = weights.map(() => 0);
  const sequence: ItemDef[] = [];
  for (let n = 0; n < total; n += 1) {
    let pick = 0;
    weights.forEach((w, i) => {
      current[i] = (current[i] ?? 0) + w;
      if ((current[i] ?? 0) > (current[pick] ?? 0)) pick = i;
    });
    current[pick] = (current[pick] ?? 0) - total;
    const item = items[pick];
    if (item) sequence.push(item);
  }
  return sequence;
}

/** The order of items in each level's layers: orders go round it, each item as often as needed. */
export const LEVEL_MIX: readonly (readonly ItemDef[])[] = LEVELS.map((level) =>
  mix(level, demandOf),
);

/** The order of received lots: each raw material as often as its demand ÷ its lot size asks. */
export const RAW_MIX: readonly ItemDef[] = mix(RAW, (item) => {
  const [low, high] = item.purchase?.lotSize ?? [1, 1];
  return demandOf(item) / ((low + high) / 2);
});

/** Units made per unit of each finished good, by level. */
export const LEVEL_DEMAND: readonly number[] = LEVELS.map((level) =>
  level.reduce((sum, item) => sum + demandOf(item), 0),
);
