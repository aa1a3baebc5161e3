import { HISTORY_START, SEED_NOW, addDays } from './clock.ts';
import { PLANTS } from './catalog.ts';
import type { ItemDef, PlantDef } from './catalog-types.ts';
import { mulberry32 } from './random.ts';
import { LEVEL_DEMAND, LEVEL_MIX, LEVELS, RAW_MIX } from './scale-demand.ts';

/** Layers of the scale dataset: purchased lots, then eleven layers of produced lots. */
export const SCALE_LAYERS = 12;
/** Fewest and most lots `seedScale` accepts. */
export const SCALE_MIN_LOTS = 100;
export const SCALE_MAX_LOTS = 1_000_000;
const MAX_ORDERS = 3000;

/** The mix of items of layer `k`: the BOM levels in turn, so every layer finds its components below. */
function mixOf(k: number): readonly ItemDef[] {
  const mix = k === 0 ? RAW_MIX : LEVEL_MIX[(k - 1) % LEVEL_MIX.length];
  if (!mix) throw new Error(`no items for scale layer ${k}`);
  return mix;
}

/** Share of the produced lots each produced layer holds: its level's demand over its layers. */
function layerWeights(): number[] {
  const weights: number[] = [];
  for (let k = 1; k < SCALE_LAYERS; k += 1) {
    const level = (k - 1) % LEVELS.length;
    let layersOfLevel = 0;
    for (let other = 1; other < SCALE_LAYERS; other += 1) {
      if ((other - 1) % LEVELS.length === level) layersOfLevel += 1;
    }
    weights.push((LEVEL_DEMAND[level] ?? 0) / layersOfLevel);
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

/** The lots of one item in one layer, numbered 0 to `count - 1` in the order they were made. */
export interface ItemLots {
  readonly layer: number;
  readonly count: number;
  /** Global index of the `j`-th lot. */
  at(j: number): number;
}

export interface ScaleLayer {
  readonly start: number;
  readonly size: number;
  /** Global index of the layer's first order (produced layers only). */
  readonly orderStart: number;
  readonly orders: number;
}

/** Where every scale lot and order sits: pure arithmetic on indexes, no state. */
export class ScaleLayout {
  readonly lots: number;
  readonly seed: number;
  readonly layers: readonly ScaleLayer[];
  readonly lotsPerOrder: number;
  readonly orders: number;
  readonly #span: number;

  constructor(lots: number, seed: number) {
    this.lots = lots;
    this.seed = seed;
    const purchased = Math.round(lots * 0.25);
    const produced = lots - purchased;
    const orderTarget = Math.min(MAX_ORDERS, Math.max(SCALE_LAYERS - 1, Math.ceil(produced / 5)));
    this.lotsPerOrder = Math.ceil(produced / orderTarget);
    const layers: ScaleLayer[] = [{ start: 0, size: purchased, orderStart: 0, orders: 0 }];
    let start = purchased;
    let orderStart = 0;
    // Each level makes about what the levels above consume: more parts than pumps.
    const sizes = layerWeights().map((w) => Math.max(1, Math.floor(produced * w)));
    for (let left = produced - sizes.reduce((sum, n) => sum + n, 0), i = 0; left > 0; left -= 1) {
      sizes[i % sizes.length] = (sizes[i % sizes.length] ?? 0) + 1;
      i += 1;
    }
    for (let k = 1; k < SCALE_LAYERS; k += 1) {
      const size = sizes[k - 1] ?? 0;
      const orders = Math.ceil(size / this.lotsPerOrder);
      layers.push({ start, size, orderStart, orders });
      start += size;
      orderStart += orders;
    }
    this.layers = layers;
    this.orders = orderStart;
    this.#span = (addDays(SEED_NOW, -7) - HISTORY_START) / SCALE_LAYERS;
  }

  layer(k: number): ScaleLayer {
    const layer = this.layers[k];
    if (!layer) throw new Error(`no scale layer ${k}`);
    return layer;
  }

  /** The layer of lot `g` (0-based global index). */
  layerOf(g: number): number {
    for (let k = SCALE_LAYERS - 1; k > 0; k -= 1) if (g >= this.layer(k).start) return k;
    return 0;
  }

  /** When lot `g` was received or opened: layers follow each other in time, so links go forward. */
  lotTime(g: number): number {
    const k = this.layerOf(g);
    const layer = this.layer(k);
    return Math.round(
      HISTORY_START + k * this.#span + ((g - layer.start) / layer.size) * this.#span * 0.9,
    );
  }

  /** The order that produced lot `g`, as a global order index; null for purchased lots. */
  orderOf(g: number): number | null {
    const k = this.layerOf(g);
    if (k === 0) return null;
    const layer = this.layer(k);
    return layer.orderStart + Math.floor((g - layer.start) / this.lotsPerOrder);
  }

  /** Layer, and first and last lot, of order `o`. */
  orderLots(o: number): { layer: number; first: number; last: number } {
    for (let k = SCALE_LAYERS - 1; k > 0; k -= 1) {
      const layer = this.layer(k);
      if (o >= layer.orderStart) {
        const first = layer.start + (o - layer.orderStart) * this.lotsPerOrder;
        return {
          layer: k,
          first,
          last: Math.min(layer.start + layer.size, first + this.lotsPerOrder) - 1,
        };
      }
    }
    throw new Error(`no scale order ${o}`);
  }

  /** When order `o` was released: a day before its first lot. Its BOM is the one in effect then. */
  releasedAt(o: number): number {
    return addDays(this.lotTime(this.orderLots(o).first), -1);
  }

  /** The first half of each layer is made (or received) in Lyon, the second in Monterrey. */
  plantOf(g: number): PlantDef {
    const k = this.layerOf(g);
    const layer = this.layer(k);
    const o = this.orderOf(g);
    const anchor = o === null ? g : this.orderLots(o).first;
    return anchor - layer.start < layer.size / 2 ? PLANTS.lyon : PLANTS.monterrey;
  }

  /** The items made (or received) in layer `k`, in the order orders (or lots) go round them. */
  mixOf(k: number): readonly ItemDef[] {
    return mixOf(k);
  }

  itemOf(g: number): ItemDef {
    const k = this.layerOf(g);
    const o = this.orderOf(g);
    const mix = mixOf(k);
    const pick = mix[(o === null ? g : o - this.layer(k).orderStart) % mix.length];
    if (!pick) throw new Error(`no item for scale lot ${g}`);
    return pick;
  }

  /**
   * The lot's quantity in its item's base unit (a received lot: within its supplier's lot sizes):
   * a function of its index, so orders can add it up.
   */
  quantityOf(g: number): number {
    const draw = mulberry32(this.seed ^ Math.imul(g + 1, 0x9e3779b1))();
    if (this.layerOf(g) > 0) return 20 + Math.floor(draw * 181);
    const [low, high] = this.itemOf(g).purchase?.lotSize ?? [500, 1000];
    return low + Math.floor(draw * (high - low + 1));
  }

  /**
   * The lots of `item` in layer `k`, in the order they were made: the received lots whose turn in
   * the mix is the item's, or the lots of the orders whose turn is.
   */
  lotsOf(item: ItemDef, k: number): ItemLots {
    const layer = this.layer(k);
    const mix = mixOf(k);
    const turns: number[] = [];
    mix.forEach((candidate, turn) => {
      if (candidate === item) turns.push(turn);
    });
    const units = k === 0 ? layer.size : layer.orders;
    const rounds = Math.floor(units / mix.length);
    const groups = rounds * turns.length + turns.filter((t) => t < units % mix.length).length;
    const unit = (j: number) =>
      Math.floor(j / turns.length) * mix.length + (turns[j % turns.length] ?? 0);
    if (k === 0) return { layer: k, count: groups, at: (j) => layer.start + unit(j) };
    const per = this.lotsPerOrder;
    // The layer's last order may make fewer lots than the others.
    const short = mix[(units - 1) % mix.length] === item ? units * per - layer.size : 0;
    return {
      layer: k,
      count: groups * per - short,
      at: (j) => layer.start + unit(Math.floor(j / per)) * per + (j % per),
    };
  }

  /** Where lot `g` stands among the lots of its item in its layer (the `j` of `lotsOf`). */
  rankOf(g: number): number {
    const k = this.layerOf(g);
    const layer = this.layer(k);
    const mix = mixOf(k);
    const o = this.orderOf(g);
    const unit = o === null ? g - layer.start : o - layer.orderStart;
    const turn = unit % mix.length;
    let before = 0;
    let mine = 0;
    mix.forEach((candidate, t) => {
      if (candidate !== mix[turn]) return;
      mine += 1;
      if (t < turn) before += 1;
    });
    const group = Math.floor(unit / mix.length) * mine + before;
    if (o === null) return group;
    return group * this.lotsPerOrder + (g - this.orderLots(o).first);
  }

  /**
   * Where lot-tracked `item` comes from for lots made in layer `k`: the lots of the latest layer
   * below `k` that holds any (layer 0 for purchased items); null when no layer below holds one
   * (only in the smallest datasets).
   */
  sourceOf(item: ItemDef, k: number): ItemLots | null {
    for (let lower = k - 1; lower >= 0; lower -= 1) {
      const lots = this.lotsOf(item, lower);
      if (lots.count > 0) return lots;
    }
    return null;
  }
}
