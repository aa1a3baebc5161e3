import { badUserInput, pageRequest, toConnection, type PageRequest } from '@plantgraph/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { findPlansByNumber } from '../db/repositories/inspection-plans.ts';
import { listInspections } from '../db/repositories/inspections.ts';
import { listNonconformances } from '../db/repositories/nonconformances.ts';
import { rowToInspectionPlan } from '../domain/inspection-plan.ts';
import { rowToInspection } from '../domain/inspection.ts';
import { rowToNonconformance } from '../domain/nonconformance.ts';
import { parseTimeCursorKey, timeCursorKey, type TimeCursor } from '../domain/time-cursor.ts';

/** The position `after` points at; a cursor this API did not write is the client's error. */
function afterCursor(page: PageRequest): TimeCursor | null {
  if (page.after === null) return null;
  const cursor = parseTimeCursorKey(page.after);
  if (cursor === null) throw badUserInput('after is not a cursor this API returned', 'after');
  return cursor;
}

export const Query: QueryResolvers = {
  inspection: (_parent, { id }, { loaders }) => loaders.inspection.load(id),
  inspectionByNumber: (_parent, { number }, { loaders }) => loaders.inspectionByNumber.load(number),
  inspections: async (_parent, { first, after, status, type }, { db }) => {
    const page = pageRequest(first, after);
    const filter = { status: status ?? null, type: type ?? null };
    const rows = await listInspections(db, filter, afterCursor(page), page.limit + 1);
    const connection = toConnection(rows, page, (row) =>
      timeCursorKey({ at: row.sort_at, id: row.id }),
    );
    return { ...connection, nodes: connection.nodes.map(rowToInspection) };
  },
  inspectionPlan: (_parent, { id }, { loaders }) => loaders.plan.load(id),
  inspectionPlanRevisions: async (_parent, { number }, { db }) =>
    (await findPlansByNumber(db, number)).map(rowToInspectionPlan),
  nonconformance: (_parent, { id }, { loaders }) => loaders.nonconformance.load(id),
  nonconformances: async (_parent, { first, after, status, severity }, { db }) => {
    const page = pageRequest(first, after);
    const filter = { status: status ?? null, severity: severity ?? null };
    const rows = await listNonconformances(db, filter, afterCursor(page), page.limit + 1);
    const connection = toConnection(rows, page, (row) =>
      timeCursorKey({ at: row.sort_at, id: row.id }),
    );
    return { ...connection, nodes: connection.nodes.map(rowToNonconformance) };
  },
};
