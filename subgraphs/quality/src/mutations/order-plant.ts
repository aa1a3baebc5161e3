import type { QualityDb } from '../db/quality-db.ts';
import { findReleasedOrder } from '../db/repositories/released-orders.ts';

/** The plant of a released order, as its release told quality; null when not known. */
export async function plantOfOrder(db: QualityDb, orderId: string | null): Promise<string | null> {
  if (orderId === null) return null;
  return (await findReleasedOrder(db, orderId))?.plant_id ?? null;
}
