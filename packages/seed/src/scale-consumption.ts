import { Decimal } from 'decimal.js';
import type { ItemDef } from './catalog-types.ts';
import { itemByNumber } from './catalog.ts';
import { componentNeed, revisionAt } from './production.ts';
import { mulberry32, type Random } from './random.ts';
import { needOf } from './scale-demand.ts';
import { SCALE_LAYERS, type ItemLots, type ScaleLayout } from './scale-layout.ts';

/**
 * Shares of the scale orders whose genealogy is deliberately wrong on one lot-tracked BOM line:
 * never recorded, recorded 8–15 % short, or recorded 5–10 % over. Every other order records each
 * line within 1 % of BOM quantity × produced quantity, inside the checks' default 2 % tolerance.
 */
export const SCALE_GAP_SHARES = {
  LINE_NOT_CONSUMED: 0.02,
  UNDER_CONSUMED: 0.015,
  OVER_CONSUMED: 0.005,
} as const;

export type ScaleGapKind = keyof typeof SCALE_GAP_SHARES;

/** The one line an order records wrongly, and by how much (0: not at all). */
export interface ScaleGap {
  readonly kind: ScaleGapKind;
  readonly componentId: string;
  readonly factor: number;
}

/** One lot-tracked component of an order's pinned BOM. */
interface PlanLine {
  readonly component: ItemDef;
  /** Base units of the component per base unit of the order's item. */
  readonly perUnit: number;
  /** Counted in whole pieces (EA) rather than measured (KG, M). */
  readonly counted: boolean;
  /** The lots it is drawn from; null when no earlier layer holds any (the smallest datasets). */
  readonly source: ItemLots | null;
  /** The stretch of those lots (start and length, in lots) set aside for this item's layer. */
  readonly share: Share;
}

interface Share {
  readonly from: number;
  readonly length: number;
}

/** What every lot of one order consumes, per unit made. */
export interface ScaleOrderPlan {
  /** Lots of the order's item in the order's layer. */
  readonly lotsOfItem: number;
  readonly lines: readonly PlanLine[];
  readonly gap: ScaleGap | null;
}

/** One consumption link of a scale lot: `quantity` (in `uom`) of lot `parent` went into it. */
export interface ScaleLink {
  readonly parent: number;
  readonly quantity: string;
  readonly uom: string;
}

/** How far (in lots of the component) a parent may sit from the child's place in its share. */
const WINDOW = 25;
/** Spread of measured consumption around the BOM quantity (scrap, scales, offcuts). */
const MEASURED_SPREAD = 0.008;

/**
 * The consumption of the scale dataset, following the BOM each order pinned at release: every lot
 * consumes each lot-tracked component of that BOM (quantity per unit × its own quantity, in the
 * component's base unit), drawn from one to three consecutive lots of the component made in the
 * latest layer before it that made any, at the place in the consuming item's share of those lots
 * that matches its own place among its item's lots. An order's plan is computed once.
 */
export class ScaleConsumption {
  readonly #layout: ScaleLayout;
  readonly #plans = new Map<number, ScaleOrderPlan>();
  readonly #shares = new Map<string, Map<string, Share>>();

  constructor(layout: ScaleLayout) {
    this.#layout = layout;
  }

  /** The plan of order `o`: its pinned BOM's lot-tracked lines, and its deliberate gap if any. */
  plan(o: number): ScaleOrderPlan {
    const known = this.#plans.get(o);
    if (known) return known;
    const layout = this.#layout;
    const { first, layer } = layout.orderLots(o);
    const item = layout.itemOf(first);
    const bom = revisionAt(item, layout.releasedAt(o)).bom;
    const perUnit = new Map<string, Decimal>();
    for (const line of bom?.lines ?? []) {
      if (itemByNumber(line.component).tracking === 'NONE') continue;
      const need = componentNeed(line, bom?.baseQuantity ?? '1', new Decimal(1));
      perUnit.set(line.component, (perUnit.get(line.component) ?? new Decimal(0)).add(need));
    }
    const lines = [...perUnit].map(([number, need]): PlanLine => {
      const component = itemByNumber(number);
      const source = layout.sourceOf(component, layer);
      return {
        component,
        perUnit: need.toNumber(),
        counted: component.baseUom === 'EA',
        source,
        share:
          source === null ? { from: 0, length: 0 } : this.#share(component, source, layer, item),
      };
    });
    const lotsOfItem = layout.lotsOf(item, layer).count;
    const plan = { lotsOfItem, lines, gap: plannedGap(layout.seed, o, lines) };
    this.#plans.set(o, plan);
    return plan;
  }

  /**
   * The stretch of `source` that the lots of `item` made in layer `k` draw from. The lots of a
   * component are shared out among every item and layer that draws from them, in proportion to
   * what each consumes, so no lot is drawn on much beyond its quantity.
   */
  #share(component: ItemDef, source: ItemLots, k: number, item: ItemDef): Share {
    const key = `${component.number}@${source.layer}`;
    let shares = this.#shares.get(key);
    if (shares === undefined) {
      const layout = this.#layout;
      const weighted: [string, number][] = [];
      for (let user = source.layer + 1; user < SCALE_LAYERS; user += 1) {
        if (layout.sourceOf(component, user)?.layer !== source.layer) continue;
        for (const made of new Set(layout.mixOf(user))) {
          const need = needOf(made, component);
          if (need > 0)
            weighted.push([`${user}|${made.number}`, layout.lotsOf(made, user).count * need]);
        }
      }
      const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
      shares = new Map();
      let at = 0;
      for (const [user, weight] of weighted) {
        shares.set(user, {
          from: (at / total) * source.count,
          length: (weight / total) * source.count,
        });
        at += weight;
      }
      this.#shares.set(key, shares);
    }
    return shares.get(`${k}|${item.number}`) ?? { from: 0, length: source.count };
  }

  /** The links of lot `g` (none for purchased lots). */
  linksOf(g: number, random: Random): ScaleLink[] {
    const layout = this.#layout;
    const o = layout.orderOf(g);
    if (o === null) return [];
    const plan = this.plan(o);
    const position = layout.rankOf(g) / Math.max(1, plan.lotsOfItem);
    const made = layout.quantityOf(g);
    const links: ScaleLink[] = [];
    for (const line of plan.lines) {
      const factor = plan.gap?.componentId === line.component.id ? plan.gap.factor : 1;
      if (factor === 0 || line.source === null) continue;
      // Pieces in whole numbers; measured quantities in thousandths, with a little spread.
      const spread = line.counted ? 1 : 1 + random.between(-MEASURED_SPREAD, MEASURED_SPREAD);
      const scale = line.counted ? 1 : 1000;
      const total = Math.max(1, Math.round(line.perUnit * made * factor * spread * scale));
      const draw = random.next();
      const wanted = draw < 0.15 ? 1 : draw < 0.6 ? 2 : 3;
      const count = Math.min(wanted, total, line.source.count);
      const last = line.source.count - count;
      // Reflected at the ends of the layer, so its first and last lots are not drawn more often.
      const near =
        Math.round(line.share.from + position * line.share.length) + random.int(-WINDOW, WINDOW);
      const start = Math.min(
        last,
        Math.max(0, near < 0 ? -near : near > last ? 2 * last - near : near),
      );
      const weights = Array.from({ length: count }, () => 0.5 + random.next());
      const weightSum = weights.reduce((sum, w) => sum + w, 0);
      let left = total;
      const byParent = new Map<number, number>();
      weights.forEach((weight, i) => {
        const part =
          i === count - 1 ? left : 1 + Math.floor(((total - count) * weight) / weightSum);
        left -= part;
        const parent = line.source?.at(start + i) ?? 0;
        byParent.set(parent, (byParent.get(parent) ?? 0) + part);
      });
      for (const [parent, part] of byParent) {
        links.push({
          parent,
          quantity: line.counted ? String(part) : (part / scale).toFixed(3),
          uom: line.component.baseUom,
        });
      }
    }
    return links;
  }
}

/** The deliberate gap of order `o`, drawn from the seed alone so every chunk agrees on it. */
function plannedGap(seed: number, o: number, lines: readonly PlanLine[]): ScaleGap | null {
  const draw = mulberry32(seed ^ Math.imul(o + 1, 0x27d4eb2f));
  const roll = draw();
  const line = lines[Math.floor(draw() * lines.length)];
  if (line === undefined) return null;
  const componentId = line.component.id;
  let floor = 0;
  for (const kind of ['LINE_NOT_CONSUMED', 'UNDER_CONSUMED', 'OVER_CONSUMED'] as const) {
    floor += SCALE_GAP_SHARES[kind];
    if (roll >= floor) continue;
    const factor =
      kind === 'LINE_NOT_CONSUMED'
        ? 0
        : kind === 'UNDER_CONSUMED'
          ? 0.85 + draw() * 0.07
          : 1.05 + draw() * 0.05;
    return { kind, componentId, factor };
  }
  return null;
}
