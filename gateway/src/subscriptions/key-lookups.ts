import { randomUUID } from 'node:crypto';
import type { KeyLookups } from './event-catalog.ts';
import type { GatewayOperations } from './gateway-operations.ts';

/** Keys remembered; they never change (a lot keeps its item). */
const REMEMBERED = 10_000;

const LOT_ITEM = /* GraphQL */ `
  query SubscriptionLotItem($id: ID!) {
    lot(id: $id) {
      item {
        id
      }
    }
  }
`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys an event does not carry, read from the graph once and remembered. */
export function graphKeyLookups(operations: GatewayOperations): KeyLookups {
  const itemOfLot = new Map<string, Promise<string | null>>();
  return {
    itemOfLot(lotId) {
      const known = itemOfLot.get(lotId);
      if (known) return known;
      const found = operations
        .run({ query: LOT_ITEM, variables: { id: lotId } }, `subscription-filter-${randomUUID()}`)
        .then((result) => {
          const lot = result.data?.lot;
          const item = isRecord(lot) ? lot.item : null;
          const id = isRecord(item) && typeof item.id === 'string' ? item.id : null;
          // Only a definite answer is remembered; a failure is asked again next time.
          if (id === null) itemOfLot.delete(lotId);
          return id;
        });
      itemOfLot.set(lotId, found);
      if (itemOfLot.size > REMEMBERED) {
        const oldest = itemOfLot.keys().next();
        if (!oldest.done) itemOfLot.delete(oldest.value);
      }
      return found;
    },
  };
}
