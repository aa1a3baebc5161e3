import { postGraphql } from '../../../test/support/graphql-client.ts';
import { startQualityFixture, type QualityFixture } from './quality-fixture.ts';
import { seedQuality } from './quality-seed.ts';

let fixture: QualityFixture;

beforeAll(async () => {
  fixture = await startQualityFixture();
  await seedQuality(fixture.db);
});

afterAll(async () => {
  await fixture?.close();
});

const PLAN_AT = /* GraphQL */ `
  query ($id: ID!, $type: InspectionType!, $asOf: DateTime) {
    _entities(representations: [{ __typename: "Item", id: $id }]) {
      ... on Item {
        id
        inspectionPlan(type: $type, asOf: $asOf) {
          number
          revision
          status
          itemRevision {
            id
          }
          characteristics {
            code
            lowerLimit
            upperLimit
          }
        }
      }
    }
  }
`;

async function planAt(id: string, type: string, asOf?: string) {
  const response = await postGraphql(fixture.quality.url, PLAN_AT, { id, type, asOf });
  expect(response.errors).toBeUndefined();
  return response.data;
}

describe('the inspection plan of an item in effect at a date', () => {
  it('is the plan revision that applied then, even though it has since been made obsolete', async () => {
    expect(await planAt('item-fg', 'FINAL', '2026-03-15T12:00:00+02:00')).toEqual({
      _entities: [
        {
          id: 'item-fg',
          inspectionPlan: {
            number: 'QP-FG-100-F',
            revision: '1',
            status: 'OBSOLETE',
            itemRevision: { id: 'rev-fg-a' },
            characteristics: [
              { code: 'DIA', lowerLimit: '24.900', upperLimit: '25.100' },
              { code: 'LEAK', lowerLimit: null, upperLimit: '0.020' },
            ],
          },
        },
      ],
    });
  });

  it('changes to the next revision on the day that revision takes effect', async () => {
    const before = await planAt('item-fg', 'FINAL', '2026-05-31T23:59:59Z');
    const on = await planAt('item-fg', 'FINAL', '2026-06-01T00:00:00Z');
    expect(before).toMatchObject({ _entities: [{ inspectionPlan: { revision: '1' } }] });
    expect(on).toMatchObject({
      _entities: [
        {
          inspectionPlan: {
            revision: '2',
            status: 'APPROVED',
            itemRevision: { id: 'rev-fg-b' },
            characteristics: [
              { code: 'DIA', lowerLimit: '24.950', upperLimit: '25.050' },
              { code: 'LEAK', lowerLimit: null, upperLimit: '0.010' },
              { code: 'TORQ', lowerLimit: '38', upperLimit: '42' },
            ],
          },
        },
      ],
    });
  });

  it('ignores a draft revision that would otherwise be in effect, now and at a later date', async () => {
    expect(await planAt('item-fg', 'FINAL', '2026-10-01T00:00:00Z')).toMatchObject({
      _entities: [{ inspectionPlan: { revision: '2', status: 'APPROVED' } }],
    });
    expect(await planAt('item-fg', 'FINAL')).toMatchObject({
      _entities: [{ inspectionPlan: { revision: '2', status: 'APPROVED' } }],
    });
  });

  it('is null before the first revision, for a type the item has no plan of, and for an unknown item', async () => {
    expect(await planAt('item-fg', 'FINAL', '2025-12-31T23:59:59Z')).toEqual({
      _entities: [{ id: 'item-fg', inspectionPlan: null }],
    });
    expect(await planAt('item-fg', 'RECEIVING', '2026-07-01T00:00:00Z')).toEqual({
      _entities: [{ id: 'item-fg', inspectionPlan: null }],
    });
    expect(await planAt('item-unknown', 'FINAL')).toEqual({
      _entities: [{ id: 'item-unknown', inspectionPlan: null }],
    });
  });

  it('lists every plan of an item by number, then oldest first, drafts included', async () => {
    const response = await postGraphql(
      fixture.quality.url,
      /* GraphQL */ `
        {
          _entities(
            representations: [
              { __typename: "Item", id: "item-fg" }
              { __typename: "Item", id: "item-raw" }
            ]
          ) {
            ... on Item {
              inspectionPlans {
                id
                number
                revision
                type
                status
                effectiveFrom
                effectiveTo
                item {
                  id
                }
              }
            }
          }
        }
      `,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      _entities: [
        {
          inspectionPlans: [
            {
              id: 'plan-fg-final-1',
              number: 'QP-FG-100-F',
              revision: '1',
              type: 'FINAL',
              status: 'OBSOLETE',
              effectiveFrom: '2026-01-01T00:00:00.000Z',
              effectiveTo: '2026-06-01T00:00:00.000Z',
              item: { id: 'item-fg' },
            },
            {
              id: 'plan-fg-final-2',
              number: 'QP-FG-100-F',
              revision: '2',
              type: 'FINAL',
              status: 'APPROVED',
              effectiveFrom: '2026-06-01T00:00:00.000Z',
              effectiveTo: null,
              item: { id: 'item-fg' },
            },
            {
              id: 'plan-fg-final-3',
              number: 'QP-FG-100-F',
              revision: '3',
              type: 'FINAL',
              status: 'DRAFT',
              effectiveFrom: '2026-09-01T00:00:00.000Z',
              effectiveTo: null,
              item: { id: 'item-fg' },
            },
            {
              id: 'plan-fg-ip-1',
              number: 'QP-FG-100-P',
              revision: '1',
              type: 'IN_PROCESS',
              status: 'APPROVED',
              effectiveFrom: '2026-01-01T00:00:00.000Z',
              effectiveTo: null,
              item: { id: 'item-fg' },
            },
          ],
        },
        {
          inspectionPlans: [
            {
              id: 'plan-raw-rcv-1',
              number: 'QP-RM-200-R',
              revision: '1',
              type: 'RECEIVING',
              status: 'APPROVED',
              effectiveFrom: '2026-01-01T00:00:00.000Z',
              effectiveTo: null,
              item: { id: 'item-raw' },
            },
          ],
        },
      ],
    });
  });

  it('rejects a malformed asOf with a stable code and no internals', async () => {
    const response = await postGraphql(fixture.quality.url, PLAN_AT, {
      id: 'item-fg',
      type: 'FINAL',
      asOf: '15/03/2026',
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.errors)).not.toMatch(/stack|select|at .*\.ts/i);
  });
});
