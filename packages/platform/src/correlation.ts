import { randomUUID } from 'node:crypto';

/** The header that carries a request's correlation id between clients, gateway and subgraphs. */
export const CORRELATION_HEADER = 'x-correlation-id';

const ACCEPTABLE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's correlation id when it is sane, otherwise a new one. */
export function correlationIdFrom(header: string | string[] | undefined | null): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value && ACCEPTABLE.test(value)) return value;
  return randomUUID();
}
