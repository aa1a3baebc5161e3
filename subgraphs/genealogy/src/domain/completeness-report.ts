import { createHash } from 'node:crypto';
import { badUserInput } from '@plantgraph/platform';
import type { OrderSpec } from './completeness.ts';

/** A plant and a date range to measure genealogy completeness over. */
export interface ReportRequest {
  readonly plantId: string;
  readonly from: Date;
  readonly to: Date;
  readonly tolerance: number;
}

/**
 * A plant's completeness report as genealogy resolves it: the orders that made lots there in the
 * range, and, once ERP answered, what each should have consumed (in the same order).
 */
export interface CompletenessReport {
  readonly id: string;
  readonly request: ReportRequest;
  readonly orderIds: readonly string[];
  readonly specs: readonly OrderSpec[] | null;
}

/** Checks a tolerance given by a client: a fraction from 0 to 1. */
export function toleranceOf(requested: number | null | undefined, fallback: number): number {
  const tolerance = requested ?? fallback;
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1) {
    throw badUserInput(
      `tolerance must be a fraction from 0 to 1, such as 0.02; got ${tolerance}`,
      'tolerance',
    );
  }
  return tolerance;
}

/** Checks a report's arguments: a range that ends after it starts. */
export function reportRequest(args: ReportRequest): ReportRequest {
  if (args.to.getTime() <= args.from.getTime()) {
    throw badUserInput('to must be later than from', 'to');
  }
  return args;
}

/** A short fingerprint of the order list, to tell whether it changed between two reads. */
export function ordersDigest(orderIds: readonly string[]): string {
  return createHash('sha256').update(orderIds.join('\n')).digest('base64url').slice(0, 16);
}

/**
 * The report's id: its request and the fingerprint of its order list. ERP's answer arrives in a
 * later request as a list in the same order as the orders; the fingerprint lets genealogy check
 * that it pairs each answer with the order it was asked for.
 */
export function reportId(request: ReportRequest, orderIds: readonly string[]): string {
  const body = JSON.stringify([
    1,
    request.plantId,
    request.from.toISOString(),
    request.to.toISOString(),
    request.tolerance,
    ordersDigest(orderIds),
  ]);
  return `completeness:${Buffer.from(body, 'utf8').toString('base64url')}`;
}

/** The request and order fingerprint a report id names, or null when this service did not issue it. */
export function parseReportId(id: string): { request: ReportRequest; digest: string } | null {
  if (!id.startsWith('completeness:')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      Buffer.from(id.slice('completeness:'.length), 'base64url').toString('utf8'),
    );
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 6 || parsed[0] !== 1) return null;
  const [, plantId, from, to, tolerance, digest] = parsed;
  if (typeof plantId !== 'string' || typeof from !== 'string' || typeof to !== 'string')
    return null;
  if (typeof tolerance !== 'number' || typeof digest !== 'string') return null;
  const fromDate = new Date(from);
  const toDate = new Date(to);
  if (Number.isNaN(fromDate.getTime()) || Number.isNaN(toDate.getTime())) return null;
  return { request: { plantId, from: fromDate, to: toDate, tolerance }, digest };
}
