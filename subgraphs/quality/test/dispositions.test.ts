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

const LOT = /* GraphQL */ `
  mutation ($input: DispositionLotInput!) {
    dispositionLot(input: $input) {
      decision {
        lotNumber
        disposition
        status
        previousStatus
        revision
        reason
        decidedBy
        decidedAt
        correlationId
        eventId
        lot {
          id
          qualityStatus
        }
      }
      errors {
        code
        field
        message
      }
    }
  }
`;

const NONCONFORMANCE = /* GraphQL */ `
  mutation ($input: DispositionNonconformanceInput!) {
    dispositionNonconformance(input: $input) {
      decision {
        disposition
        status
        revision
        reason
        decidedBy
        lotQualityStatus
        eventIds
        nonconformance {
          number
          status
          disposition
        }
      }
      errors {
        code
        field
        message
      }
    }
  }
`;

interface Errors {
  errors: { code: string; field: string; message: string }[];
}
interface LotPayload {
  dispositionLot: Errors & {
    decision: {
      status: string;
      previousStatus: string | null;
      revision: number;
      eventId: string;
      lot: { id: string; qualityStatus: string | null };
    } | null;
  };
}
interface NcPayload {
  dispositionNonconformance: Errors & {
    decision: {
      status: string;
      lotQualityStatus: string | null;
      eventIds: string[];
      nonconformance: { number: string; status: string; disposition: string | null };
    } | null;
  };
}

const WRITTEN = [
  'quality.lot_quality',
  'quality.nonconformance',
  'quality.disposition',
  'quality.outbox:id',
  'quality.audit_entry',
  'quality.idempotency_key',
];

async function lotDecision(input: Record<string, unknown>) {
  const response = await postGraphql<LotPayload>(quality.url, LOT, {
    input: { actor: 'qe.maria', reason: 'Reviewed', ...input },
  });
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data.dispositionLot;
}

async function ncDecision(input: Record<string, unknown>) {
  const response = await postGraphql<NcPayload>(quality.url, NONCONFORMANCE, {
    input: { actor: 'mrb.board', reason: 'Reviewed', ...input },
  });
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data.dispositionNonconformance;
}

async function expectRefused(attempt: () => Promise<Errors>, code: string, field: string) {
  const before = await footprint(database.handle.root, WRITTEN);
  const answer = await attempt();
  expect(answer.errors).toContainEqual(expect.objectContaining({ code, field }));
  expect(await footprint(database.handle.root, WRITTEN)).toEqual(before);
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
});

afterAll(async () => {
  await quality?.close();
  await database?.destroy();
});

describe('dispositionLot', () => {
  it.each([
    [
      'an unknown lot',
      { lotNumber: 'L0000-0000', disposition: 'HOLD' },
      'LOT_NOT_FOUND',
      'lotNumber',
    ],
    [
      'a rejected lot (rejection is final)',
      { lotNumber: DEMO.rejectedLotNumber, disposition: 'RELEASE' },
      'LOT_REJECTED',
      'lotNumber',
    ],
    [
      'a lot already in the status asked for',
      { lotNumber: DEMO.heldLotNumber, disposition: 'HOLD' },
      'STATUS_UNCHANGED',
      'disposition',
    ],
    [
      'releasing a lot with an open nonconformance',
      { lotNumber: DEMO.heldLotNumber, disposition: 'RELEASE' },
      'NONCONFORMANCE_OPEN',
      'disposition',
    ],
    [
      'a stale expected revision',
      { lotNumber: DEMO.finishedLotNumber, disposition: 'HOLD', expectedRevision: 99 },
      'REVISION_CONFLICT',
      'expectedRevision',
    ],
    [
      'a blank reason',
      { lotNumber: DEMO.finishedLotNumber, disposition: 'HOLD', reason: ' ' },
      'REASON_REQUIRED',
      'reason',
    ],
    [
      'a blank actor',
      { lotNumber: DEMO.finishedLotNumber, disposition: 'HOLD', actor: '' },
      'ACTOR_REQUIRED',
      'actor',
    ],
  ] as const)('refuses %s with its code and changes nothing', async (_name, input, code, field) => {
    await expectRefused(
      () => lotDecision({ idempotencyKey: `lot-${code}`, ...input }),
      code,
      field,
    );
  });

  it('holds a released lot with the reason and who decided, writing lot.hold.changed', async () => {
    const before = await db
      .selectFrom('lot_quality')
      .selectAll()
      .where('lot_id', '=', DEMO.finishedLotId)
      .executeTakeFirstOrThrow();
    const answer = await lotDecision({
      idempotencyKey: 'hold-286',
      lotNumber: DEMO.finishedLotNumber,
      disposition: 'HOLD',
      reason: 'Customer complaint on the seal',
    });
    expect(answer.errors).toEqual([]);
    expect(answer.decision).toMatchObject({
      status: 'ON_HOLD',
      previousStatus: 'RELEASED',
      revision: before.revision + 1,
      lot: { id: DEMO.finishedLotId, qualityStatus: 'ON_HOLD' },
    });
    const decisions = await db.selectFrom('disposition').selectAll().execute();
    expect(decisions).toEqual([
      expect.objectContaining({
        subject_type: 'LOT',
        subject_id: DEMO.finishedLotId,
        disposition: 'HOLD',
        reason: 'Customer complaint on the seal',
        decided_by: 'qe.maria',
      }),
    ]);
    const [event] = await outboxEvents(database.handle.root, 'quality');
    expect(event).toMatchObject({
      id: answer.decision?.eventId,
      type: 'lot.hold.changed',
      aggregatetype: 'LotQuality',
      aggregateid: DEMO.finishedLotId,
      aggregateversion: before.revision + 1,
      data: expect.objectContaining({
        lotNumber: DEMO.finishedLotNumber,
        status: 'ON_HOLD',
        previousStatus: 'RELEASED',
        onHold: true,
      }),
    });
  });

  it('gives 50 concurrent identical decisions one effect and 50 identical answers', async () => {
    const input = {
      idempotencyKey: 'release-286-burst',
      lotNumber: DEMO.finishedLotNumber,
      disposition: 'RELEASE',
      reason: 'Complaint not confirmed',
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => lotDecision(input)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.decision?.status).toBe('RELEASED');
    const decisions = await db
      .selectFrom('disposition')
      .select('id')
      .where('disposition', '=', 'RELEASE')
      .execute();
    expect(decisions).toHaveLength(1);
  });
});

describe('dispositionNonconformance', () => {
  it.each([
    [
      'an unknown nonconformance',
      { nonconformanceNumber: 'NC-NOPE' },
      'NONCONFORMANCE_NOT_FOUND',
      'nonconformanceNumber',
    ],
    [
      'a nonconformance already closed',
      { nonconformanceNumber: DEMO.rejectedLotNonconformanceNumber },
      'NONCONFORMANCE_NOT_OPEN',
      'nonconformanceNumber',
    ],
    [
      'a stale expected revision',
      { nonconformanceNumber: DEMO.heldLotNonconformanceNumber, expectedRevision: 42 },
      'REVISION_CONFLICT',
      'expectedRevision',
    ],
    [
      'a blank reason',
      { nonconformanceNumber: DEMO.heldLotNonconformanceNumber, reason: '' },
      'REASON_REQUIRED',
      'reason',
    ],
  ] as const)('refuses %s with its code and changes nothing', async (_name, input, code, field) => {
    await expectRefused(
      () => ncDecision({ idempotencyKey: `nc-${code}`, disposition: 'USE_AS_IS', ...input }),
      code,
      field,
    );
  });

  it('uses the held lot as is: the nonconformance is dispositioned, the lot can then be released', async () => {
    const answer = await ncDecision({
      idempotencyKey: 'nc-18',
      nonconformanceNumber: DEMO.heldLotNonconformanceNumber,
      disposition: 'USE_AS_IS',
      reason: 'Noise within the customer tolerance',
    });
    expect(answer.errors).toEqual([]);
    expect(answer.decision).toMatchObject({
      status: 'DISPOSITIONED',
      lotQualityStatus: 'ON_HOLD',
      nonconformance: { status: 'DISPOSITIONED', disposition: 'USE_AS_IS' },
    });
    const released = await lotDecision({
      idempotencyKey: 'release-484',
      lotNumber: DEMO.heldLotNumber,
      disposition: 'RELEASE',
      reason: 'Released after NC-000018',
    });
    expect(released.errors).toEqual([]);
    expect(released.decision?.status).toBe('RELEASED');
  });

  it('scraps a lot: the nonconformance is dispositioned and the lot rejected, both events written', async () => {
    const mark = (await outboxEvents(database.handle.root, 'quality')).length;
    const answer = await ncDecision({
      idempotencyKey: 'nc-17',
      nonconformanceNumber: 'NC-000017',
      disposition: 'SCRAP',
      reason: 'Casing cracked',
    });
    expect(answer.errors).toEqual([]);
    expect(answer.decision?.lotQualityStatus).toBe('REJECTED');
    const events = (await outboxEvents(database.handle.root, 'quality')).slice(mark);
    expect(events.map((e) => e.type)).toEqual(['nonconformance.dispositioned', 'lot.hold.changed']);
    expect(events.map((e) => e.id)).toEqual(answer.decision?.eventIds);
  });
});
