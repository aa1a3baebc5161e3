import { badUserInput } from './errors.ts';

/** A page request after validation. */
export interface PageRequest {
  readonly limit: number;
  /** The sort key of the last row the client saw, or null for the first page. */
  readonly after: string | null;
}

/** A page of rows with the cursor to continue from. */
export interface Connection<T> {
  readonly nodes: readonly T[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
  readonly totalCount?: number;
}

export const MAX_PAGE_SIZE = 500;

/** Validates `first`/`after`; a bad value is a BAD_USER_INPUT error naming the argument. */
export function pageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
  defaultSize = 50,
): PageRequest {
  const limit = first ?? defaultSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}; got ${limit}`, 'first');
  }
  if (after === null || after === undefined) return { limit, after: null };
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  if (!decoded.startsWith('k:') || Buffer.from(decoded, 'utf8').toString('base64url') !== after) {
    throw badUserInput('after is not a cursor this API returned', 'after');
  }
  return { limit, after: decoded.slice(2) };
}

/** Turns `limit + 1` fetched rows into a page whose cursor is the last row's sort key. */
export function toConnection<T>(
  rows: readonly T[],
  request: PageRequest,
  sortKey: (row: T) => string,
): Connection<T> {
  const hasNextPage = rows.length > request.limit;
  const nodes = hasNextPage ? rows.slice(0, request.limit) : rows;
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      endCursor:
        last === undefined ? null : Buffer.from(`k:${sortKey(last)}`, 'utf8').toString('base64url'),
      hasNextPage,
    },
  };
}
