import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import type { TestDatabase } from '../../../test/support/database.ts';
import { openDemoDatabase } from '../../../test/support/demo-database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { outboxEvents, outboxMark } from '../../../test/support/outbox.ts';
import { qualityDb, type QualityDb } from '../src/db/quality-db.ts';
import { startQuality } from '../src/server.ts';

let database: TestDatabase;
let quality: RunningSubgraph;
let db: QualityDb;

const CHANGE = /* GraphQL */ `
  fragment Change on InspectionPlanChangePayload {
    change {
      planNumber
      revision
      type
      status
      effectiveFrom
      effectiveTo
      recordRevision
      changedBy
      changedAt
      correlationId
      eventIds
      plan {
        id
        status
        recordRevision
        effectiveFrom
        effectiveTo
        itemRevision {
          id
        }
        characteristics {
          code
          name
          uom
          lowerLimit
          upperLimit
          target
        }
        sourceRefs {
          system
          nativeKey
        }
      }
      superseded {
        id
        revision
        status
        effectiveTo
        recordRevision
      }
    }
    errors {
      code
      field
      message
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation ($input: CreateInspectionPlanRevisionInput!) {
    createInspectionPlanRevision(input: $input) {
      ...Change
    }
  }
  ${CHANGE}
`;
const APPROVE = /* GraphQL */ `
  mutation ($input: ApproveInspectionPlanInput!) {
    approveInspectionPlan(input: $input) {
      ...Change
    }
  }
  ${CHANGE}
`;
const OBSOLETE = /* GraphQL */ `
  mutation ($input: ObsoleteInspectionPlanInput!) {
    obsoleteInspectionPlan(input: $input) {
      ...Change
    }
  }
  ${CHANGE}
`;

interface Change {
  planNumber: string;
  revision: string;
  type: string;
  status: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  recordRevision: number;
  changedBy: string;
  changedAt: string;
  correlationId: string;
  eventIds: string[];
  plan: {
    id: string;
    status: string;
    recordRevision: number;
    effectiveFrom: string;
    effectiveTo: string | null;
    itemRevision: { id: string };
    characteristics: Record<string, string | null>[];
    sourceRefs: { system: string; nativeKey: string }[];
  };
  superseded: {
    id: string;
    revision: string;
    status: string;
    effectiveTo: string | null;
    recordRevision: number;
  }[];
}
interface Payload {
  change: Change | null;
  errors: { code: string; field: string; message: string }[];
}

const WRITTEN = [
  'quality.inspection_plan',
  'quality.plan_characteristic',
  'quality.outbox:id',
  'quality.audit_entry',
  'quality.idempotency_key',
];

const FG_1000 = 'item-fg-pump-100';
const REV_B = 'item-fg-pump-100-rev-b';
const FINAL_PLAN = 'IP-FG-1000-FIN';
type CharacteristicInput = Record<'code' | 'name' | 'uom', string> &
  Partial<Record<'lowerLimit' | 'upperLimit' | 'target', string>>;
const DFT: CharacteristicInput = {
  code: 'DFT',
  name: 'Coating thickness',
  uom: 'UM',
  lowerLimit: '80',
  upperLimit: '160',
};
const TIGHTER_NOISE: CharacteristicInput[] = [
  DFT,
  { code: 'LEAK', name: 'Leak rate', uom: 'ML_MIN', upperLimit: '0.5', target: '0.1' },
  { code: 'NOISE', name: 'Noise at 1 m', uom: 'DBA', upperLimit: '66' },
];
const DAY = 86_400_000;

async function send(
  mutation: string,
  input: Record<string, unknown>,
  correlationId = 'plan-test',
): Promise<Payload> {
  const response = await postGraphql<Record<string, Payload>>(
    quality.url,
    mutation,
    { input: { actor: 'qe.maria', ...input } },
    { 'x-correlation-id': correlationId },
  );
  expect(response.errors).toBeUndefined();
  const payload = Object.values(response.data ?? {})[0];
  if (!payload) throw new Error('no payload');
  return payload;
}

function changed(payload: Payload): Change {
  expect(payload.errors).toEqual([]);
  if (!payload.change) throw new Error('no change');
  return payload.change;
}

async function expectRefused(
  mutation: string,
  input: Record<string, unknown>,
  code: string,
  field: string,
) {
  const before = await footprint(database.handle.root, WRITTEN);
  const payload = await send(mutation, input);
  expect(payload.change).toBeNull();
  expect(payload.errors).toContainEqual(expect.objectContaining({ code, field }));
  expect(await footprint(database.handle.root, WRITTEN)).toEqual(before);
}

async function finalPlanInEffect(asOf: Date): Promise<string | null> {
  const response = await postGraphql<{
    _entities: ({ inspectionPlan: { revision: string } | null } | null)[];
  }>(
    quality.url,
    `query ($items: [_Any!]!, $asOf: DateTime) {
      _entities(representations: $items) {
        ... on Item { inspectionPlan(type: FINAL, asOf: $asOf) { revision } }
      }
    }`,
    { items: [{ __typename: 'Item', id: FG_1000 }], asOf: asOf.toISOString() },
  );
  expect(response.errors).toBeUndefined();
  return response.data?._entities[0]?.inspectionPlan?.revision ?? null;
}

beforeAll(async () => {
  database = await openDemoDatabase();
  db = qualityDb(database.handle.root);
  quality = await startQuality({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('quality', 'silent'),
  });
});

afterAll(async () => {
  await quality?.close();
  await database?.destroy();
});

describe('createInspectionPlanRevision', () => {
  it('drafts the next revision of the item plan under its number; the draft judges nothing', async () => {
    const mark = await outboxMark(database.handle.root, 'quality');
    const before = Date.now();
    const change = changed(
      await send(
        CREATE,
        {
          idempotencyKey: 'draft-fin-5',
          itemId: FG_1000,
          itemRevisionId: REV_B,
          type: 'FINAL',
          characteristics: TIGHTER_NOISE,
        },
        'draft-fin-5',
      ),
    );
    expect(change).toMatchObject({
      planNumber: FINAL_PLAN,
      revision: '5',
      type: 'FINAL',
      status: 'DRAFT',
      effectiveTo: null,
      recordRevision: 1,
      changedBy: 'qe.maria',
      correlationId: 'draft-fin-5',
      superseded: [],
    });
    expect(Date.parse(change.effectiveFrom)).toBeGreaterThanOrEqual(before);
    expect(change.plan).toMatchObject({
      status: 'DRAFT',
      recordRevision: 1,
      itemRevision: { id: REV_B },
      sourceRefs: [{ system: 'QMS', nativeKey: `${FINAL_PLAN}/5` }],
    });
    expect(change.plan.characteristics).toEqual(
      TIGHTER_NOISE.map((c) => ({
        code: c.code,
        name: c.name,
        uom: c.uom,
        lowerLimit: c.lowerLimit ?? null,
        upperLimit: c.upperLimit ?? null,
        target: c.target ?? null,
      })),
    );

    const events = await outboxEvents(database.handle.root, 'quality', { afterSeq: mark });
    expect(events.map((e) => e.id)).toEqual(change.eventIds);
    expect(events[0]).toMatchObject({
      type: 'inspection.plan.changed',
      subject: `${FINAL_PLAN}/5`,
      aggregatetype: 'InspectionPlan',
      aggregateid: change.plan.id,
      aggregateversion: 1,
      correlationid: 'draft-fin-5',
      data: {
        planId: change.plan.id,
        number: FINAL_PLAN,
        itemId: FG_1000,
        itemRevisionId: REV_B,
        type: 'FINAL',
        revision: '5',
        status: 'DRAFT',
        effectiveFrom: change.effectiveFrom,
        effectiveTo: null,
        change: 'DRAFTED',
      },
    });
    const audit = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('correlation_id', '=', 'draft-fin-5')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'qe.maria',
        operation: 'quality.createInspectionPlanRevision',
        idempotency_key: 'draft-fin-5',
        aggregate_type: 'InspectionPlan',
        aggregate_id: change.plan.id,
        aggregate_revision: 1,
        revisions_in_effect: { itemRevision: REV_B, planNumber: FINAL_PLAN, planRevision: '5' },
        event_ids: change.eventIds,
      }),
    ]);
    expect(await finalPlanInEffect(new Date(Date.now() + DAY))).toBe('3');
  });

  it("gives an item's first plan of a type a number of its own", async () => {
    const change = changed(
      await send(CREATE, {
        idempotencyKey: 'draft-bracket-rcv',
        itemId: 'item-rm-new-bracket',
        itemRevisionId: 'item-rm-new-bracket-rev-a',
        type: 'RECEIVING',
        characteristics: [{ code: 'HARD', name: 'Hardness', uom: 'HB', lowerLimit: '120' }],
      }),
    );
    expect(change.planNumber).toMatch(/^IP-\d{7}$/);
    expect(change).toMatchObject({ revision: '1', status: 'DRAFT', type: 'RECEIVING' });
    const response = await postGraphql<{ inspectionPlanRevisions: { revision: string }[] }>(
      quality.url,
      'query ($number: String!) { inspectionPlanRevisions(number: $number) { revision } }',
      { number: change.planNumber },
    );
    expect(response.data?.inspectionPlanRevisions).toEqual([{ revision: '1' }]);
  });

  it('refuses a draft that breaks a rule, naming the field, and writes nothing', async () => {
    const draft = {
      idempotencyKey: 'bad-draft',
      itemId: FG_1000,
      itemRevisionId: REV_B,
      type: 'FINAL',
      characteristics: TIGHTER_NOISE,
    };
    const withFirst = (c: CharacteristicInput) => ({
      ...draft,
      characteristics: [c, ...TIGHTER_NOISE.slice(1)],
    });
    await expectRefused(CREATE, { ...draft, actor: ' ' }, 'ACTOR_REQUIRED', 'actor');
    await expectRefused(
      CREATE,
      { ...draft, itemId: 'item-sa-rotor' },
      'ITEM_REVISION_INVALID',
      'itemRevisionId',
    );
    await expectRefused(CREATE, { ...draft, itemId: '' }, 'ITEM_REVISION_INVALID', 'itemId');
    await expectRefused(
      CREATE,
      { ...draft, characteristics: [] },
      'CHARACTERISTIC_MISSING',
      'characteristics',
    );
    await expectRefused(
      CREATE,
      withFirst({ ...DFT, name: '' }),
      'CHARACTERISTIC_INVALID',
      'characteristics[0].name',
    );
    await expectRefused(
      CREATE,
      { ...draft, characteristics: [DFT, DFT] },
      'CHARACTERISTIC_DUPLICATE',
      'characteristics[1].code',
    );
    await expectRefused(
      CREATE,
      withFirst({ code: 'DFT', name: 'Coating', uom: 'UM' }),
      'SPEC_LIMITS_INVALID',
      'characteristics[0].upperLimit',
    );
    await expectRefused(
      CREATE,
      withFirst({ ...DFT, lowerLimit: '200', upperLimit: '100' }),
      'SPEC_LIMITS_INVALID',
      'characteristics[0].lowerLimit',
    );
    await expectRefused(
      CREATE,
      withFirst({ ...DFT, target: '170' }),
      'SPEC_LIMITS_INVALID',
      'characteristics[0].target',
    );
  });
});

describe('approveInspectionPlan', () => {
  let approved: Change;

  it('approves a draft from now: the revision it follows ends there; a repeat answers the same', async () => {
    const mark = await outboxMark(database.handle.root, 'quality');
    const before = Date.now();
    const input = {
      idempotencyKey: 'approve-fin-5',
      planNumber: FINAL_PLAN,
      revision: '5',
      expectedRevision: 1,
    };
    approved = changed(await send(APPROVE, input, 'approve-fin-5'));
    const from = approved.effectiveFrom;
    expect(Date.parse(from)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(from)).toBeLessThanOrEqual(Date.now());
    expect(approved).toMatchObject({
      status: 'APPROVED',
      recordRevision: 2,
      effectiveTo: null,
      superseded: [
        {
          id: 'plan-fg-1000-fin-3',
          revision: '3',
          status: 'APPROVED',
          effectiveTo: from,
          recordRevision: 2,
        },
      ],
    });
    const events = await outboxEvents(database.handle.root, 'quality', { afterSeq: mark });
    expect(events.map((e) => e.id)).toEqual(approved.eventIds);
    expect(
      events.map((e) => [e.aggregateid, e.aggregateversion, (e.data as { change: string }).change]),
    ).toEqual([
      [approved.plan.id, 2, 'APPROVED'],
      ['plan-fg-1000-fin-3', 2, 'SUPERSEDED'],
    ]);
    expect(events[1]?.data).toMatchObject({ status: 'APPROVED', effectiveTo: from });
    const audit = await db
      .selectFrom('audit_entry')
      .select(['aggregate_id', 'aggregate_revision', 'event_ids'])
      .where('correlation_id', '=', 'approve-fin-5')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { aggregate_id: approved.plan.id, aggregate_revision: 2, event_ids: [events[0]?.id] },
      { aggregate_id: 'plan-fg-1000-fin-3', aggregate_revision: 2, event_ids: [events[1]?.id] },
    ]);
    expect(await finalPlanInEffect(new Date(Date.parse(from) - 1))).toBe('3');
    expect(await finalPlanInEffect(new Date(Date.now() + DAY))).toBe('5');

    const written = await footprint(database.handle.root, WRITTEN);
    expect(changed(await send(APPROVE, input, 'approve-fin-5-retry'))).toEqual(approved);
    expect(await footprint(database.handle.root, WRITTEN)).toEqual(written);
    await expectRefused(
      APPROVE,
      { ...input, expectedRevision: null },
      'IDEMPOTENCY_KEY_REUSED',
      'idempotencyKey',
    );
  });

  it('refuses an approval that breaks a rule, naming the field, and writes nothing', async () => {
    await expectRefused(
      APPROVE,
      { idempotencyKey: 'again-5', planNumber: FINAL_PLAN, revision: '5' },
      'PLAN_NOT_DRAFT',
      'revision',
    );
    await expectRefused(
      APPROVE,
      { idempotencyKey: 'no-plan', planNumber: 'IP-NOTHING', revision: '1' },
      'PLAN_NOT_FOUND',
      'planNumber',
    );
    await expectRefused(
      APPROVE,
      { idempotencyKey: 'no-rev', planNumber: FINAL_PLAN, revision: '99' },
      'PLAN_NOT_FOUND',
      'revision',
    );
    const draft = changed(
      await send(CREATE, {
        idempotencyKey: 'draft-fin-6',
        itemId: FG_1000,
        itemRevisionId: REV_B,
        type: 'FINAL',
        characteristics: TIGHTER_NOISE,
      }),
    );
    expect(draft.revision).toBe('6');
    const six = { planNumber: FINAL_PLAN, revision: '6' };
    await expectRefused(
      APPROVE,
      { ...six, idempotencyKey: 'six-stale', expectedRevision: 4 },
      'REVISION_CONFLICT',
      'expectedRevision',
    );
    await expectRefused(
      APPROVE,
      {
        ...six,
        idempotencyKey: 'six-backdated',
        effectiveFrom: new Date(Date.now() - 3600_000).toISOString(),
      },
      'EFFECTIVE_DATE_INVALID',
      'effectiveFrom',
    );
  });

  it('approves a revision ahead: the one in effect keeps applying until then', async () => {
    const later = new Date(Date.now() + 10 * DAY).toISOString();
    const six = changed(
      await send(APPROVE, {
        idempotencyKey: 'approve-fin-6',
        planNumber: FINAL_PLAN,
        revision: '6',
        effectiveFrom: later,
      }),
    );
    expect(six).toMatchObject({
      status: 'APPROVED',
      effectiveFrom: later,
      superseded: [{ revision: '5', effectiveTo: later }],
    });
    expect(await finalPlanInEffect(new Date(Date.now() + DAY))).toBe('5');
    expect(await finalPlanInEffect(new Date(Date.now() + 11 * DAY))).toBe('6');

    changed(
      await send(CREATE, {
        idempotencyKey: 'draft-fin-7',
        itemId: FG_1000,
        itemRevisionId: REV_B,
        type: 'FINAL',
        characteristics: TIGHTER_NOISE,
      }),
    );
    // Revision 6 takes effect in ten days: 7 cannot come in between.
    await expectRefused(
      APPROVE,
      {
        idempotencyKey: 'approve-fin-7-early',
        planNumber: FINAL_PLAN,
        revision: '7',
        effectiveFrom: new Date(Date.now() + 5 * DAY).toISOString(),
      },
      'EFFECTIVE_DATE_INVALID',
      'effectiveFrom',
    );
  });
});

describe('obsoleteInspectionPlan', () => {
  it('refuses to make obsolete what is not approved, or before it takes effect', async () => {
    await expectRefused(
      OBSOLETE,
      { idempotencyKey: 'obsolete-draft', planNumber: FINAL_PLAN, revision: '7' },
      'PLAN_NOT_APPROVED',
      'revision',
    );
    await expectRefused(
      OBSOLETE,
      { idempotencyKey: 'obsolete-6-now', planNumber: FINAL_PLAN, revision: '6' },
      'EFFECTIVE_DATE_INVALID',
      'effectiveTo',
    );
    await expectRefused(
      OBSOLETE,
      {
        idempotencyKey: 'obsolete-6-past',
        planNumber: FINAL_PLAN,
        revision: '6',
        effectiveTo: new Date(Date.now() - DAY).toISOString(),
      },
      'EFFECTIVE_DATE_INVALID',
      'effectiveTo',
    );
  });

  it('ends the use of an approved revision from now', async () => {
    const mark = await outboxMark(database.handle.root, 'quality');
    const before = Date.now();
    const obsolete = changed(
      await send(OBSOLETE, {
        idempotencyKey: 'obsolete-fin-5',
        planNumber: FINAL_PLAN,
        revision: '5',
        expectedRevision: 3,
      }),
    );
    expect(obsolete).toMatchObject({ status: 'OBSOLETE', recordRevision: 4, superseded: [] });
    expect(Date.parse(obsolete.effectiveTo ?? '')).toBeGreaterThanOrEqual(before);
    const [event, ...others] = await outboxEvents(database.handle.root, 'quality', {
      afterSeq: mark,
    });
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      aggregateversion: 4,
      data: { status: 'OBSOLETE', effectiveTo: obsolete.effectiveTo, change: 'OBSOLETED' },
    });
    // Nothing is in effect until revision 6 takes over.
    expect(await finalPlanInEffect(new Date(Date.now() + DAY))).toBeNull();
    expect(await finalPlanInEffect(new Date(Date.now() + 11 * DAY))).toBe('6');
  });
});

describe('plan mutations at the same time', () => {
  it('apply two approvals of the same item revision one after the other, the later ending the earlier', async () => {
    const draft = (key: string) =>
      send(CREATE, {
        idempotencyKey: key,
        itemId: 'item-fg-pump-150',
        itemRevisionId: 'item-fg-pump-150-rev-b',
        type: 'IN_PROCESS',
        characteristics: [{ code: 'HEAD', name: 'Head at duty point', uom: 'M', upperLimit: '40' }],
      }).then(changed);
    const [a, b] = [await draft('race-draft-a'), await draft('race-draft-b')];
    const approve = (plan: Change, key: string) =>
      send(APPROVE, { idempotencyKey: key, planNumber: plan.planNumber, revision: plan.revision });
    const [first, second] = (
      await Promise.all([approve(a, 'race-approve-a'), approve(b, 'race-approve-b')])
    ).map(changed);
    const [earlier, later] =
      Date.parse(first?.effectiveFrom ?? '') < Date.parse(second?.effectiveFrom ?? '')
        ? [first, second]
        : [second, first];
    expect(later?.superseded.map((p) => p.id)).toContain(earlier?.plan.id);
    const family = await db
      .selectFrom('inspection_plan')
      .select(['id', 'status', 'effective_to'])
      .where('item_revision_id', '=', 'item-fg-pump-150-rev-b')
      .where('type', '=', 'IN_PROCESS')
      .where('status', '=', 'APPROVED')
      .where('effective_to', 'is', null)
      .execute();
    expect(family.map((p) => p.id)).toEqual([later?.plan.id]);
  });
});
