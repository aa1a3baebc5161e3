import { sql } from 'kysely';
import { DEMO } from '@plantgraph/seed';
import { EXAMPLES } from '../gateway/src/examples.ts';
import { postGraphql } from './support/graphql-client.ts';
import { readmeCurlBodies, readmeOperations } from './support/readme.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { isSubscription } from './support/subscriptions.ts';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
}, 180_000);

afterAll(async () => {
  await t?.close();
});

function example(name: string) {
  const found = EXAMPLES.find((e) => e.name === name);
  if (!found) throw new Error(`example "${name}" is missing`);
  return found;
}

interface LotAcrossSystems {
  lotByNumber: {
    number: string;
    quantity: { value: string; uom: string };
    origin: string;
    item: { number: string; revisionAt: { revision: string; changeNumber: string } | null };
    qualityStatus: string | null;
    inspections: {
      number: string;
      status: string;
      results: { characteristic: { code: string }; measured: string; verdict: string }[];
    }[];
    producedBy: {
      number: string;
      status: string;
      operations: { sequence: number; operationCode: string; status: string }[];
    } | null;
    parents: {
      quantity: { value: string; uom: string };
      lot: {
        number: string;
        item: { number: string };
        supplier: { name: string } | null;
        qualityStatus: string | null;
      };
    }[];
  } | null;
}

describe('one lot across ERP, MES, quality and genealogy through the gateway', () => {
  it('answers the README query in one request with what each system holds', async () => {
    const { query } = example('Lot across systems');
    const asOf = DEMO.dateBetweenRevisions;
    const response = await postGraphql<LotAcrossSystems>(t.gatewayUrl, query, {
      number: DEMO.finishedLotNumber,
      asOf,
    });
    expect(response.errors).toBeUndefined();
    const lot = response.data?.lotByNumber;
    if (!lot) throw new Error('lot not found');
    const db = t.database.handle.root;

    // Expectations are read straight from each system's tables, independently of the resolvers.
    const own = await sql<{
      id: string;
      quantity: string;
      uom: string;
      origin: string;
      item: string;
    }>`
      select l.id, l.quantity, l.uom, l.origin, i.number as item
      from genealogy.lot l join erp.item i on i.id = l.item_id where l.number = ${DEMO.finishedLotNumber}`.execute(
      db,
    );
    const row = own.rows[0];
    if (!row) throw new Error('demo lot missing from the database');
    expect(lot.number).toBe(DEMO.finishedLotNumber);
    expect(lot.quantity).toEqual({ value: row.quantity, uom: row.uom });
    expect(lot.origin).toBe(row.origin);
    expect(lot.item.number).toBe(row.item);

    const revision = await sql<{ revision: string; change_number: string }>`
      select r.revision, r.change_number from erp.item_revision r join erp.item i on i.id = r.item_id
      where i.number = ${row.item} and r.status <> 'DRAFT' and r.effective_from <= ${asOf}::timestamptz
        and (r.effective_to is null or r.effective_to > ${asOf}::timestamptz)
      order by r.effective_from desc limit 1`.execute(db);
    expect(lot.item.revisionAt).toEqual({
      revision: revision.rows[0]?.revision,
      changeNumber: revision.rows[0]?.change_number,
      effectiveFrom: expect.any(String),
    });
    expect(lot.item.revisionAt?.revision).toBe(DEMO.revisionBefore);

    const quality = await sql<{ status: string }>`
      select status from quality.lot_quality where lot_id = ${row.id}`.execute(db);
    expect(lot.qualityStatus).toBe(quality.rows[0]?.status);

    const inspections = await sql<{ number: string; status: string; results: number }>`
      select i.number, i.status, count(r.*)::int as results from quality.inspection i
      left join quality.inspection_result r on r.inspection_id = i.id
      where i.lot_id = ${row.id} group by i.number, i.status, i.created_at order by i.created_at, i.number`.execute(
      db,
    );
    expect(lot.inspections.map((i) => [i.number, i.status, i.results.length])).toEqual(
      inspections.rows.map((i) => [i.number, i.status, i.results]),
    );
    expect(lot.inspections.map((i) => i.number)).toContain(DEMO.finishedLotFinalInspectionNumber);
    expect(lot.inspections.some((i) => i.results.length > 0)).toBe(true);

    const order = await sql<{ number: string; status: string; id: string }>`
      select o.id, o.number, o.status from mes.lot_production p
      join erp.production_order o on o.id = p.order_id where p.lot_id = ${row.id}`.execute(db);
    expect(lot.producedBy?.number).toBe(DEMO.finishedLotOrderNumber);
    expect(lot.producedBy?.status).toBe(order.rows[0]?.status);
    const operations = await sql<{ sequence: number; operation_code: string }>`
      select sequence, operation_code from mes.operation where order_id = ${order.rows[0]?.id} order by sequence`.execute(
      db,
    );
    expect(lot.producedBy?.operations.map((o) => [o.sequence, o.operationCode])).toEqual(
      operations.rows.map((o) => [o.sequence, o.operation_code]),
    );

    const parents = await sql<{
      number: string;
      item: string;
      supplier: string | null;
      status: string;
    }>`
      select p.number, i.number as item, s.name as supplier, q.status
      from genealogy.lot_link k
      join genealogy.lot p on p.id = k.parent_lot_id
      join erp.item i on i.id = p.item_id
      left join erp.batch b on b.lot_id = p.id
      left join erp.supplier s on s.id = b.supplier_id
      left join quality.lot_quality q on q.lot_id = p.id
      where k.child_lot_id = ${row.id}`.execute(db);
    const seen = lot.parents.map((p) => [
      p.lot.number,
      p.lot.item.number,
      p.lot.supplier?.name ?? null,
      p.lot.qualityStatus,
    ]);
    expect(seen.sort()).toEqual(
      parents.rows.map((p) => [p.number, p.item, p.supplier, p.status]).sort(),
    );
    expect(lot.parents.length).toBeGreaterThan(1);
  });

  it('answers the revision in effect now when asOf is left out', async () => {
    const response = await postGraphql<LotAcrossSystems>(
      t.gatewayUrl,
      example('Lot across systems').query,
      {
        number: DEMO.finishedLotNumber,
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.lotByNumber?.item.revisionAt?.revision).toBe(DEMO.revisionAfter);
  });

  it('runs every saved IDE query example on the demo data without errors', async () => {
    // Subscription examples run over WebSocket in subscriptions-embedded.test.ts.
    for (const { name, query, variables } of EXAMPLES.filter((e) => !isSubscription(e.query))) {
      const response = await postGraphql(t.gatewayUrl, query, { ...variables });
      expect({ name, errors: response.errors }).toEqual({ name, errors: undefined });
      expect(JSON.stringify(response.data)).not.toMatch(/^\{"\w+":(null|\[\])\}$/);
    }
  });

  it('gives null without an error for an unknown lot', async () => {
    const response = await postGraphql<LotAcrossSystems>(
      t.gatewayUrl,
      example('Lot across systems').query,
      {
        number: 'NO-SUCH-LOT',
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ lotByNumber: null });
  });

  it('rejects a malformed DateTime and a negative page size with stable codes and no internals', async () => {
    const badDate = await postGraphql(t.gatewayUrl, example('Lot across systems').query, {
      number: DEMO.finishedLotNumber,
      asOf: 'last tuesday',
    });
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badDate.errors?.[0]?.message).toMatch(/DateTime/);
    const negative = await postGraphql(t.gatewayUrl, '{ lots(first: -5) { nodes { number } } }');
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(negative.errors?.[0]?.message).toMatch(/first/);
    for (const error of [...(badDate.errors ?? []), ...(negative.errors ?? [])]) {
      expect(JSON.stringify(error)).not.toMatch(/stacktrace|select |from "|\.ts:\d+/i);
    }
  });

  it('returns the client correlation id in the response and in error extensions', async () => {
    const response = await postGraphql(
      t.gatewayUrl,
      '{ lots(first: 0) { nodes { number } } }',
      {},
      { 'x-correlation-id': 'audit-2026-11-26-0001' },
    );
    expect(response.headers.get('x-correlation-id')).toBe('audit-2026-11-26-0001');
    expect(response.errors?.[0]?.extensions?.correlationId).toBe('audit-2026-11-26-0001');
  });
});

describe('the README', () => {
  const readme = new URL('../README.md', import.meta.url);

  it('shows operations that run as written on the demo data', async () => {
    const operations = await readmeOperations(readme);
    expect(operations.length).toBeGreaterThanOrEqual(4);
    // README subscriptions run over WebSocket in subscriptions-embedded.test.ts.
    for (const { query, variables } of operations.filter((o) => !isSubscription(o.query))) {
      const response = await postGraphql(t.gatewayUrl, query, variables);
      expect({ query, errors: response.errors }).toEqual({ query, errors: undefined });
      const values = Object.values(response.data ?? {});
      expect(values.every((value) => value !== null)).toBe(true);
    }
  });

  it('shows curl commands whose bodies run as written', async () => {
    const bodies = await readmeCurlBodies(readme);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      const response = await fetch(t.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const result = (await response.json()) as {
        data?: Record<string, unknown>;
        errors?: unknown;
      };
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data ?? {}).every((value) => value !== null)).toBe(true);
    }
  });
});
