import { sql } from 'kysely';
import { createEventBus, readEventConfig, type EventBus } from '@plantgraph/events';
import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { DEMO } from '@plantgraph/seed';
import { startErp } from '../subgraphs/erp/src/server.ts';
import { startQuality } from '../subgraphs/quality/src/server.ts';
import type { TestDatabase } from './support/database.ts';
import { openDemoDatabase } from './support/demo-database.ts';
import { postGraphql } from './support/graphql-client.ts';
import { until as readUntil } from './support/until.ts';

let database: TestDatabase;
let bus: EventBus;
let erp: RunningSubgraph;
let quality: RunningSubgraph;

beforeAll(async () => {
  database = await openDemoDatabase();
  const log = createLogger('test', 'silent');
  // erp and quality on one in-process bus: nothing else carries quality's plans to erp.
  const eventConfig = readEventConfig({});
  bus = createEventBus(eventConfig, log, 'plan-release');
  const options = {
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    eventBus: bus,
    eventConfig,
  };
  erp = await startErp({ ...options, log: createLogger('erp', 'silent') });
  quality = await startQuality({ ...options, log: createLogger('quality', 'silent') });
}, 120_000);

afterAll(async () => {
  await quality?.close();
  await erp?.close();
  await bus?.close();
  await database?.destroy();
});

interface MutationErrors {
  errors: { code: string; field: string; message: string }[];
}

async function qualityMutation(
  field: string,
  input: Record<string, unknown>,
): Promise<{ planId: string; revision: string }> {
  const inputType = `${field.charAt(0).toUpperCase()}${field.slice(1)}Input`;
  const response = await postGraphql<
    Record<string, MutationErrors & { change: { plan: { id: string }; revision: string } | null }>
  >(
    quality.url,
    `mutation ($input: ${inputType}!) {
      ${field}(input: $input) { change { revision plan { id } } errors { code field message } }
    }`,
    { input: { actor: 'qe.maria', ...input } },
  );
  expect(response.errors).toBeUndefined();
  const payload = response.data?.[field];
  expect(payload?.errors).toEqual([]);
  if (!payload?.change) throw new Error(`${field} changed nothing`);
  return { planId: payload.change.plan.id, revision: payload.change.revision };
}

const RELEASE = /* GraphQL */ `
  mutation ($input: ReleaseOrderInput!) {
    releaseOrder(input: $input) {
      acknowledgment {
        status
        executionContext {
          inspectionPoints {
            sequence
            type
            planNumber
            planRevision
          }
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

interface ReleasePayload extends MutationErrors {
  acknowledgment: {
    status: string;
    executionContext: {
      inspectionPoints: {
        sequence: number;
        type: string;
        planNumber: string;
        planRevision: string;
      }[];
    };
  } | null;
}

async function release(idempotencyKey: string): Promise<ReleasePayload> {
  const response = await postGraphql<{ releaseOrder: ReleasePayload }>(erp.url, RELEASE, {
    input: { idempotencyKey, orderNumber: DEMO.createdOrderNumber, actor: 'planner.anna' },
  });
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data.releaseOrder;
}

/** What erp's read model holds of a plan, once the events carried it there. */
async function erpPlanView(planId: string, until: (status: string | undefined) => boolean) {
  const read = async () =>
    (
      await sql<{ status: string; revision: string; effective_to: Date | null }>`
        select status, revision, effective_to from erp.inspection_plan_view
        where plan_id = ${planId}`.execute(database.handle.root)
    ).rows[0];
  return readUntil(read, (row) => until(row?.status), 30_000, 50);
}

describe('inspection plans managed in quality, checked by erp at release', () => {
  it('turns a release refused for a missing plan into one that goes through once a plan is approved', async () => {
    // The approved final plan of FG-1000 rev B is withdrawn: erp learns it from the event alone.
    await qualityMutation('obsoleteInspectionPlan', {
      idempotencyKey: 'withdraw-fin-3',
      planNumber: 'IP-FG-1000-FIN',
      revision: '3',
    });
    expect(await erpPlanView('plan-fg-1000-fin-3', (s) => s === 'OBSOLETE')).toMatchObject({
      status: 'OBSOLETE',
      effective_to: expect.any(Date),
    });
    const refused = await release('release-230-without-plan');
    expect(refused.acknowledgment).toBeNull();
    expect(refused.errors).toEqual([
      expect.objectContaining({
        code: 'INSPECTION_PLAN_MISSING',
        field: 'orderNumber',
        message: expect.stringMatching(/step 50 .* FINAL inspection/),
      }),
    ]);

    const draft = await qualityMutation('createInspectionPlanRevision', {
      idempotencyKey: 'draft-fin-rev-b',
      itemId: 'item-fg-pump-100',
      itemRevisionId: 'item-fg-pump-100-rev-b',
      type: 'FINAL',
      characteristics: [
        { code: 'DFT', name: 'Coating thickness', uom: 'UM', lowerLimit: '80', upperLimit: '160' },
        { code: 'LEAK', name: 'Leak rate', uom: 'ML_MIN', upperLimit: '0.5' },
        { code: 'NOISE', name: 'Noise at 1 m', uom: 'DBA', upperLimit: '66' },
      ],
    });
    expect(await erpPlanView(draft.planId, (s) => s === 'DRAFT')).toMatchObject({
      status: 'DRAFT',
    });
    // A draft is not a plan a release may use.
    expect((await release('release-230-with-draft')).errors).toContainEqual(
      expect.objectContaining({ code: 'INSPECTION_PLAN_MISSING' }),
    );

    await qualityMutation('approveInspectionPlan', {
      idempotencyKey: 'approve-fin-rev-b',
      planNumber: 'IP-FG-1000-FIN',
      revision: draft.revision,
      expectedRevision: 1,
    });
    expect(await erpPlanView(draft.planId, (s) => s === 'APPROVED')).toMatchObject({
      status: 'APPROVED',
      revision: draft.revision,
      effective_to: null,
    });
    const released = await release('release-230-with-plan');
    expect(released.errors).toEqual([]);
    expect(released.acknowledgment?.status).toBe('RELEASED');
    expect(released.acknowledgment?.executionContext.inspectionPoints).toContainEqual({
      sequence: 50,
      type: 'FINAL',
      planNumber: 'IP-FG-1000-FIN',
      planRevision: draft.revision,
    });
  }, 60_000);
});
