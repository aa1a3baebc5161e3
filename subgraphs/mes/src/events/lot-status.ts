import type { EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { MesDatabase } from '../db/database.ts';
import { applyLotStatus } from '../db/repositories/lot-stock.ts';
import { payloadOf } from './payload.ts';

const STATUSES = ['RELEASED', 'QUARANTINE', 'ON_HOLD', 'REJECTED'] as const;

function readLotStatus(data: unknown) {
  const r = new JsonReader(data);
  return { lotId: r.string('lotId'), status: r.oneOf('status', STATUSES) };
}

/**
 * `lot.hold.changed` → the lot's quality status in the MES's lot read model (consumption refuses a
 * lot on hold, in quarantine or rejected). The event's aggregate version is quality's revision of
 * the status: an older status never overwrites a newer one.
 */
export const lotStatusHandler: EventHandler<MesDatabase> = {
  consumer: 'mes.lot-status',
  types: ['lot.hold.changed'],
  async handle(trx, event) {
    const { lotId, status } = payloadOf(event, readLotStatus);
    await applyLotStatus(trx, { lotId, status, version: event.aggregateversion });
  },
};
