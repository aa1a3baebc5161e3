import { postGraphql } from '../../../test/support/graphql-client.ts';
import { startQualityFixture, type QualityFixture } from './quality-fixture.ts';

let fixture: QualityFixture;
let statements: string[] = [];

const LOT_COUNT = 50;
const INSPECTIONS_PER_LOT = 2;
const lotId = (n: number) => `lot-${String(n).padStart(3, '0')}`;

beforeAll(async () => {
  fixture = await startQualityFixture({ onQuery: (sql) => statements.push(sql) });
  const { db } = fixture;
  await db
    .insertInto('inspection_plan')
    .values({
      id: 'plan-rcv',
      number: 'QP-RM-200-R',
      item_id: 'item-raw',
      item_revision_id: 'rev-raw-a',
      type: 'RECEIVING',
      revision: '1',
      status: 'APPROVED',
      effective_from: new Date('2026-01-01T00:00:00Z'),
      effective_to: null,
    })
    .execute();
  await db
    .insertInto('plan_characteristic')
    .values([
      {
        plan_id: 'plan-rcv',
        code: 'THK',
        position: 1,
        name: 'Sheet thickness',
        uom: 'MM',
        lower_limit: '1.95',
        upper_limit: '2.05',
        target: '2.00',
      },
      {
        plan_id: 'plan-rcv',
        code: 'HRD',
        position: 2,
        name: 'Brinell hardness',
        uom: 'HB',
        lower_limit: '120',
        upper_limit: '160',
        target: null,
      },
    ])
    .execute();
  const lots = Array.from({ length: LOT_COUNT }, (_, i) => lotId(i + 1));
  await db
    .insertInto('lot_quality')
    .values(
      lots.map((id) => ({
        lot_id: id,
        status: 'RELEASED' as const,
        reason: null,
        changed_at: new Date('2026-07-01T09:00:00Z'),
      })),
    )
    .execute();
  const inspections = lots.flatMap((id, i) =>
    Array.from({ length: INSPECTIONS_PER_LOT }, (_, k) => ({
      id: `${id}-insp-${k}`,
      number: `INS-${String(i * INSPECTIONS_PER_LOT + k + 1).padStart(5, '0')}`,
      lot_id: id,
      order_id: null,
      operation_id: null,
      type: 'RECEIVING' as const,
      status: 'PASSED' as const,
      plan_id: 'plan-rcv',
      inspected_at: null,
      inspector: null,
      created_at: new Date(Date.UTC(2026, 6, 1, 8, i, k)),
    })),
  );
  await db.insertInto('inspection').values(inspections).execute();
  await db
    .insertInto('inspection_result')
    .values(
      inspections.flatMap((inspection) => [
        {
          inspection_id: inspection.id,
          characteristic_code: 'HRD',
          measured: '140',
          verdict: 'PASS' as const,
        },
        {
          inspection_id: inspection.id,
          characteristic_code: 'THK',
          measured: '2.01',
          verdict: 'PASS' as const,
        },
      ]),
    )
    .execute();
});

afterAll(async () => {
  await fixture?.close();
});

const LOTS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Lot {
        id
        qualityStatus
        inspections {
          number
          results {
            characteristic {
              code
            }
          }
        }
      }
    }
  }
`;

interface LotsData {
  readonly _entities: readonly {
    readonly id: string;
    readonly qualityStatus: string | null;
    readonly inspections: readonly {
      readonly results: readonly { readonly characteristic: { readonly code: string } }[];
    }[];
  }[];
}

/** Resolves `count` lots through _entities and counts the SQL statements it ran. */
async function statementsForLots(count: number): Promise<number> {
  statements = [];
  const representations = Array.from({ length: count }, (_, i) => ({
    __typename: 'Lot',
    id: lotId(i + 1),
  }));
  const response = await postGraphql<LotsData>(fixture.quality.url, LOTS, { representations });
  expect(response.errors).toBeUndefined();
  const lots = response.data?._entities ?? [];
  expect(lots.map((lot) => lot.id)).toEqual(representations.map((r) => r.id));
  for (const lot of lots) {
    expect(lot.qualityStatus).toBe('RELEASED');
    expect(lot.inspections).toHaveLength(INSPECTIONS_PER_LOT);
    for (const inspection of lot.inspections) {
      expect(inspection.results.map((r) => r.characteristic.code)).toEqual(['THK', 'HRD']);
    }
  }
  return statements.length;
}

describe('batching', () => {
  it('resolves 50 lots with their inspections and results in as many SQL statements as 5 lots', async () => {
    const forFive = await statementsForLots(5);
    const forFifty = await statementsForLots(50);
    expect(forFifty).toBe(forFive);
    // Lot quality, inspections of the lots, results with their characteristics: one statement each.
    expect(forFifty).toBe(3);
  });
});
