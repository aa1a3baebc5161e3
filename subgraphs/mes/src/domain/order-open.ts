import { ruleBroken, type MutationError } from '@plantgraph/platform';

/** Why ERP's status of an order stops a shop-floor report. */
export type OrderOpenErrorCode = 'ORDER_ON_HOLD' | 'ORDER_CANCELLED' | 'ORDER_CLOSED';

/** ERP's status of an order as the MES last heard it. */
export interface HeardOrderStatus {
  readonly status: string;
  readonly reason: string | null;
  readonly changedAt: Date;
}

const because = (reason: string | null) => (reason === null ? '' : ` (${reason})`);

/**
 * Whether a report of work done at `at` may be recorded against the order: not once it is
 * cancelled or closed; not for work after it was put on hold (work done before the hold and
 * reported late still counts). `null` status: the MES heard only the release.
 */
export function checkOrderOpen(
  orderNumber: string,
  heard: HeardOrderStatus | null,
  at: Date,
): MutationError<OrderOpenErrorCode>[] {
  if (heard === null) return [];
  switch (heard.status) {
    case 'CANCELLED':
      return [
        ruleBroken(
          'ORDER_CANCELLED',
          'orderNumber',
          `order ${orderNumber} was cancelled in ERP${because(heard.reason)}`,
        ),
      ];
    case 'CLOSED':
      return [
        ruleBroken(
          'ORDER_CLOSED',
          'orderNumber',
          `order ${orderNumber} was closed in ERP${because(heard.reason)}; nothing more is recorded against it`,
        ),
      ];
    case 'ON_HOLD':
      return at.getTime() >= heard.changedAt.getTime()
        ? [
            ruleBroken(
              'ORDER_ON_HOLD',
              'orderNumber',
              `order ${orderNumber} is on hold since ${heard.changedAt.toISOString()}${because(heard.reason)}; work after that is not recorded until the hold is lifted`,
            ),
          ]
        : [];
    default:
      return [];
  }
}
