import { HISTORY_START, SEED_NOW, addDays } from './clock.ts';
import { ITEMS, PLANTS, itemByNumber } from './catalog.ts';
import type { ItemDef, PlantDef } from './catalog-types.ts';
import { mulberry32, type Random } from './random.ts';

/** Layers of the scale dataset: purchased lots, then eleven levels of produced lots. */
export const SCALE_LAYERS = 12;
/** Fewest and most lots `seedScale` accepts. */
export const SCALE_MIN_LOTS = 100;
export const SCALE_MAX_LOTS = 1_000_000;
const MAX_ORDERS = 3000;
/** How far (in positions) a parent may sit from the child's own position in its layer. */
const WINDOW = 25;

const RAW = ITEMS.filter((item) => item.purchase !== null && item.tracking === 'LOT');
const SUBASSEMBLIES_LOW = ['SA-2001', 'SA-2003', 'SA-2004', 'SA-2006'].map(itemByNumber);
const SUBASSEMBLIES_HIGH = ['SA-2002', 'SA-2005', 'SA-2007'].map(itemByNumber);
const FINISHED = ['FG-1000', 'FG-1001', 'FG-1002', 'FG-1003', 'FG-1004'].map(itemByNumber);

/** Items made in layer `k`: machined parts low, assemblies in the middle, finished goods on top. */
function madeItems(k: number): readonly ItemDef[] {
  if (k <= 4) return SUBASSEMBLIES_LOW;
  if (k <= 8) return SUBASSEMBLIES_HIGH;
  return FINISHED;
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
    for (let k = 1; k < SCALE_LAYERS; k += 1) {
      const size =
        Math.floor(produced / (SCALE_LAYERS - 1)) + (k <= produced % (SCALE_LAYERS - 1) ? 1 : 0);
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

  /** The first half of each layer is made (or received) in Lyon, the second in Monterrey. */
  plantOf(g: number): PlantDef {
    const k = this.layerOf(g);
    const layer = this.layer(k);
    const o = this.orderOf(g);
    const anchor = o === null ? g : this.orderLots(o).first;
    return anchor - layer.start < layer.size / 2 ? PLANTS.lyon : PLANTS.monterrey;
  }

  itemOf(g: number): ItemDef {
    const k = this.layerOf(g);
    const o = this.orderOf(g);
    const candidates = k === 0 ? RAW : madeItems(k);
    const pick = candidates[(o === null ? g : o - this.layer(k).orderStart) % candidates.length];
    if (!pick) throw new Error(`no item for scale lot ${g}`);
    return pick;
  }

  /** The lot's quantity in its item's base unit: a function of its index, so orders can add it up. */
  quantityOf(g: number): number {
    const draw = mulberry32(this.seed ^ Math.imul(g + 1, 0x9e3779b1))();
    return this.layerOf(g) === 0 ? 500 + Math.floor(draw * 501) : 20 + Math.floor(draw * 181);
  }

  /**
   * The lots lot `g` consumed: two to six, one always from the layer just below (so backward
   * traces are as deep as the layer), the others from nearby positions of lower layers.
   */
  parentsOf(g: number, random: Random): number[] {
    const k = this.layerOf(g);
    if (k === 0) return [];
    const layer = this.layer(k);
    const fraction = (g - layer.start) / layer.size;
    const near = (lk: number) => {
      const lower = this.layer(lk);
      const position = Math.round(fraction * lower.size) + random.int(-WINDOW, WINDOW);
      return lower.start + Math.min(lower.size - 1, Math.max(0, position));
    };
    const parents = [near(k - 1)];
    const wanted = random.int(2, 6);
    for (let attempt = 0; parents.length < wanted && attempt < wanted * 3; attempt += 1) {
      const lk = k === 1 || random.chance(0.6) ? k - 1 : random.int(0, k - 2);
      const candidate = near(lk);
      if (!parents.includes(candidate)) parents.push(candidate);
    }
    return parents;
  }
}
