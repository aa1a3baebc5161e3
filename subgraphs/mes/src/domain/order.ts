/**
 * An order as the MES sees it: only its key. The header is erp's; the MES adds the operations
 * and execution it records under that key.
 */
export interface Order {
  readonly id: string;
}

/** A reference to the order with this id, whether or not the MES has received it yet. */
export function orderRef(id: string): Order {
  return { id };
}
