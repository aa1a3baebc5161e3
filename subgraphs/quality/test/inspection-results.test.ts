import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { DEMO, migrateAll, seedDemo } from '@plantgraph/seed';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { outboxEvents } from '../../../test/support/outbox.ts';
import { qualityDb, type QualityDb } from '../src/db/quality-db.ts';
import { startQuality } from '../src/server.ts';

let database: TestDatabase;
let quality: RunningSubgraph;
let db: QualityDb;

const RECORD = /* GraphQL */ `
  mutation ($input: RecordInspectionResultsInput!) {
    recordInspectionResults(input: $input) {
      outcome {
        status
        revision
        inspectedAt
        plan {
          id
          revision
        }
        results {
          characteristicCode
          measured
          verdict
          lowerLimit
          upperLimit
          uom
        }
        lot {
          id
          qualityStatus
        }
        lotQualityStatus
        nonconformance {
          number
          status
          severity
        }
        inspection {
          number
          status
          inspector
        }
        correlationId
        eventIds
      }
      errors {
        code
        field
        message
      }
    }
  }
`;

interface Payload {
  recordInspectionResults: {
    outcome: {
      status: string;
      revision: number;
      plan: { id: string; revision: string };
      results: { characteristicCode: string; verdict: string }[];
      lotQualityStatus: string | null;
      nonconformance: { number: string; status: string; severity: string } | null;
      inspection: { number: string; status: string; inspector: string | null };
      eventIds: string[];
    } | null;
    errors: { code: string; field: string; message: string }[];
  };
}

const WRITTEN = [
  'quality.inspection',
  'quality.inspection_result',
  'quality.lot_quality',
  'quality.nonconformance',
  'quality.outbox:id',
  'quality.audit_entry',
  'quality.idempotency_key',
];

/** The final inspection of a CP-150 lot awaiting it (plan IP-FG-1001-FIN). */
const FINAL_INSPECTION = 'INS-000611';
const PASSING = [
  { characteristicCode: 'DFT', measured: '121' },
  { characteristicCode: 'LEAK', measured: '0.21' },
  { characteristicCode: 'NOISE', measured: '66.0' },
];

async function record(input: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await postGraphql<Payload>(
    quality.url,
    RECORD,
    {
      input: {
        inspectionNumber: FINAL_INSPECTION,
        inspectedAt: '2026-11-21T10:00:00Z',
        actor: 'inspector.kim',
        results: PASSING,
        ...input,
      },
    },
    headers,
  );
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data.recordInspectionResults;
}

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.handle.root);
  await seedDemo(database.handle.root);
  quality = await startQuality({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('quality', 'silent'),
  });
  db = qualityDb(database.handle.root);
  // A final inspection of a CP-100 lot opened under plan revision 2, before the spec was
  // tightened on 2026-08-17 (revision 3: noise at most 70.0 dB instead of 72.0).
  await db
    .insertInto('inspection')
    .values({
      id: 'inspection-test-tightened',
      number: 'INS-T-0001',
      lot_id: DEMO.finishedLotId,
      order_id: null,
      operation_id: null,
      type: 'FINAL',
      status: 'PLANNED',
      plan_id: 'plan-fg-1000-fin-2',
      inspected_at: null,
      inspector: null,
      created_at: new Date('2026-08-10T00:00:00Z'),
    })
    .execute();
});

afterAll(async () => {
  await quality?.close();
  await database?.destroy();
});

async function expectRefused(input: Record<string, unknown>, code: string, field: string) {
  const before = await footprint(database.handle.root, WRITTEN);
  const answer = await record({ idempotencyKey: `refused-${code}-${field}`, ...input });
  expect(answer.outcome).toBeNull();
  expect(answer.errors).toContainEqual(expect.objectContaining({ code, field }));
  expect(await footprint(database.handle.root, WRITTEN)).toEqual(before);
}

describe('recordInspectionResults', () => {
  it.each([
    [
      'an unknown inspection',
      { inspectionNumber: 'INS-NOPE' },
      'INSPECTION_NOT_FOUND',
      'inspectionNumber',
    ],
    [
      'an inspection already judged',
      { inspectionNumber: DEMO.finishedLotFinalInspectionNumber },
      'INSPECTION_ALREADY_RECORDED',
      'inspectionNumber',
    ],
    ['a stale expected revision', { expectedRevision: 9 }, 'REVISION_CONFLICT', 'expectedRevision'],
    [
      'a date at which no revision of the plan is in effect',
      { inspectedAt: '2026-01-01T00:00:00Z' },
      'PLAN_NOT_IN_EFFECT',
      'inspectedAt',
    ],
    [
      'a characteristic the plan does not measure',
      { results: [...PASSING, { characteristicCode: 'TORQUE', measured: '1' }] },
      'CHARACTERISTIC_UNKNOWN',
      'results[3].characteristicCode',
    ],
    [
      'a characteristic measured twice',
      { results: [...PASSING, { characteristicCode: 'DFT', measured: '119' }] },
      'CHARACTERISTIC_DUPLICATE',
      'results[3].characteristicCode',
    ],
    [
      'a characteristic left out',
      { results: PASSING.slice(0, 2) },
      'CHARACTERISTIC_MISSING',
      'results',
    ],
    ['a blank actor', { actor: '' }, 'ACTOR_REQUIRED', 'actor'],
  ] as const)('refuses %s with its code and changes nothing', async (_name, input, code, field) => {
    await expectRefused(input, code, field);
  });

  it('passes an inspection within limits: the lot leaves QUARANTINE for RELEASED', async () => {
    const before = await db
      .selectFrom('inspection')
      .selectAll()
      .where('number', '=', FINAL_INSPECTION)
      .executeTakeFirstOrThrow();
    const answer = await record(
      { idempotencyKey: 'ins-611' },
      { 'x-correlation-id': 'qc-lab-0611' },
    );
    expect(answer.errors).toEqual([]);
    expect(answer.outcome).toMatchObject({
      status: 'PASSED',
      revision: before.revision + 1,
      plan: { id: before.plan_id },
      lotQualityStatus: 'RELEASED',
      nonconformance: null,
      inspection: { number: FINAL_INSPECTION, status: 'PASSED', inspector: 'inspector.kim' },
    });
    expect(answer.outcome?.results.map((r) => r.verdict)).toEqual(['PASS', 'PASS', 'PASS']);
    const results = await db
      .selectFrom('inspection_result')
      .selectAll()
      .where('inspection_id', '=', before.id)
      .orderBy('characteristic_code')
      .execute();
    expect(results.map((r) => [r.characteristic_code, r.verdict])).toEqual([
      ['DFT', 'PASS'],
      ['LEAK', 'PASS'],
      ['NOISE', 'PASS'],
    ]);
    const events = await outboxEvents(database.handle.root, 'quality');
    expect(events.map((e) => [e.type, e.correlationid])).toEqual([
      ['inspection.passed', 'qc-lab-0611'],
      ['lot.hold.changed', 'qc-lab-0611'],
    ]);
    expect(events.map((e) => e.id)).toEqual(answer.outcome?.eventIds);
    expect(events[1]).toMatchObject({
      aggregatetype: 'LotQuality',
      aggregateid: before.lot_id,
      data: expect.objectContaining({ status: 'RELEASED', previousStatus: 'QUARANTINE' }),
    });
  });

  it('judges against the plan revision in effect at the inspection date; a failure holds the lot and raises a nonconformance', async () => {
    const answer = await record({
      idempotencyKey: 'ins-tightened',
      inspectionNumber: 'INS-T-0001',
      inspectedAt: '2026-09-01T08:00:00Z',
      results: [
        { characteristicCode: 'DFT', measured: '120' },
        { characteristicCode: 'LEAK', measured: '0.18' },
        { characteristicCode: 'NOISE', measured: '71.0' },
      ],
    });
    expect(answer.errors).toEqual([]);
    // 71.0 dB passes revision 2 (at most 72.0) but not revision 3, in effect on 2026-09-01.
    expect(answer.outcome).toMatchObject({
      status: 'FAILED',
      plan: { id: 'plan-fg-1000-fin-3', revision: '3' },
      lotQualityStatus: 'ON_HOLD',
      nonconformance: { status: 'OPEN', severity: 'MAJOR' },
    });
    expect(answer.outcome?.results.map((r) => [r.characteristicCode, r.verdict])).toEqual([
      ['DFT', 'PASS'],
      ['LEAK', 'PASS'],
      ['NOISE', 'FAIL'],
    ]);
    const lot = await db
      .selectFrom('lot_quality')
      .selectAll()
      .where('lot_id', '=', DEMO.finishedLotId)
      .executeTakeFirstOrThrow();
    expect(lot.status).toBe('ON_HOLD');
    const nc = await db
      .selectFrom('nonconformance')
      .selectAll()
      .where('inspection_id', '=', 'inspection-test-tightened')
      .executeTakeFirstOrThrow();
    expect(nc).toMatchObject({ lot_id: DEMO.finishedLotId, status: 'OPEN' });
    expect(nc.number).toMatch(/^NC-\d{7}$/);
    const types = (await outboxEvents(database.handle.root, 'quality')).slice(2).map((e) => e.type);
    expect(types).toEqual(['inspection.failed', 'lot.hold.changed', 'nonconformance.raised']);
    const audit = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('aggregate_id', '=', 'inspection-test-tightened')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor: 'inspector.kim',
      operation: 'quality.recordInspectionResults',
      revisions_in_effect: { plan: 'plan-fg-1000-fin-3', planRevision: '3' },
      event_ids: answer.outcome?.eventIds,
    });
  });

  it('gives 50 concurrent identical requests one verdict and 50 identical answers', async () => {
    const input = {
      idempotencyKey: 'ins-620-burst',
      inspectionNumber: 'INS-000620',
      results: [
        { characteristicCode: 'FLOW', measured: '6.5' },
        { characteristicCode: 'HEAD', measured: '42' },
        { characteristicCode: 'VIB', measured: '2.1' },
      ],
    };
    const plan = await db
      .selectFrom('plan_characteristic')
      .select('code')
      .where('plan_id', '=', 'plan-fg-1002-ipq-2')
      .orderBy('position')
      .execute();
    expect(plan.map((c) => c.code)).toEqual(input.results.map((r) => r.characteristicCode));
    const answers = await Promise.all(Array.from({ length: 50 }, () => record(input)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.errors).toEqual([]);
    const results = await db
      .selectFrom('inspection_result')
      .select('characteristic_code')
      .where('inspection_id', '=', 'inspection-000620')
      .execute();
    expect(results).toHaveLength(3);
  });
});
