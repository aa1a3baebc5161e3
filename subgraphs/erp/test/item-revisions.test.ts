import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { erpDb } from '../src/db/erp-db.ts';
import { startErp } from '../src/server.ts';

let database: TestDatabase;
let erp: RunningSubgraph;

beforeAll(async () => {
  database = await openTestDatabase();
  erp = await startErp({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('erp', 'silent'),
  });
  const db = erpDb(database.handle.root);
  await db
    .insertInto('item')
    .values([
      {
        id: 'item-fg',
        number: 'FG-100',
        description: 'Pump assembly',
        base_uom: 'EA',
        tracking: 'LOT',
        type: 'FINISHED_GOOD',
        source_key: 'MATNR FG-100',
      },
      {
        id: 'item-raw',
        number: 'RM-200',
        description: 'Steel sheet',
        base_uom: 'KG',
        tracking: 'LOT',
        type: 'RAW_MATERIAL',
        source_key: 'MATNR RM-200',
      },
    ])
    .execute();
  await db
    .insertInto('item_revision')
    .values([
      {
        id: 'rev-a',
        item_id: 'item-fg',
        revision: 'A',
        change_number: 'ECN-1',
        status: 'OBSOLETE',
        effective_from: new Date('2026-01-01T00:00:00Z'),
        effective_to: new Date('2026-06-01T00:00:00Z'),
      },
      {
        id: 'rev-b',
        item_id: 'item-fg',
        revision: 'B',
        change_number: 'ECN-2',
        status: 'RELEASED',
        effective_from: new Date('2026-06-01T00:00:00Z'),
        effective_to: null,
      },
      {
        id: 'rev-c',
        item_id: 'item-fg',
        revision: 'C',
        change_number: 'ECN-3',
        status: 'DRAFT',
        effective_from: new Date('2026-09-01T00:00:00Z'),
        effective_to: null,
      },
    ])
    .execute();
  await db
    .insertInto('bom')
    .values({
      id: 'bom-b',
      item_revision_id: 'rev-b',
      revision: 'B',
      status: 'RELEASED',
      base_quantity: '1',
      base_uom: 'EA',
    })
    .execute();
  await db
    .insertInto('bom_line')
    .values({
      bom_id: 'bom-b',
      line_number: 10,
      component_item_id: 'item-raw',
      quantity: '2500',
      uom: 'G',
    })
    .execute();
  await db
    .insertInto('unit_conversion')
    .values({ item_id: 'item-raw', from_uom: 'G', to_uom: 'KG', factor: '0.001' })
    .execute();
});

afterAll(async () => {
  await erp.close();
  await database.destroy();
});

const REVISION_AT = /* GraphQL */ `
  query ($number: String!, $asOf: DateTime) {
    itemByNumber(number: $number) {
      number
      revisionAt(asOf: $asOf) {
        revision
        changeNumber
        bom {
          lines {
            component {
              number
            }
            quantity {
              value
              uom
            }
            quantityInBaseUnit {
              value
              uom
            }
          }
        }
      }
    }
  }
`;

describe('erp item revisions', () => {
  it('answers the revision in effect at a past date', async () => {
    const response = await postGraphql(erp.url, REVISION_AT, {
      number: 'FG-100',
      asOf: '2026-03-15T12:00:00+02:00',
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      itemByNumber: {
        number: 'FG-100',
        revisionAt: { revision: 'A', changeNumber: 'ECN-1', bom: null },
      },
    });
  });

  it('ignores a draft revision that would otherwise be in effect', async () => {
    const response = await postGraphql(erp.url, REVISION_AT, {
      number: 'FG-100',
      asOf: '2026-10-01T00:00:00Z',
    });
    expect(response.data).toEqual({
      itemByNumber: {
        number: 'FG-100',
        revisionAt: {
          revision: 'B',
          changeNumber: 'ECN-2',
          bom: {
            lines: [
              {
                component: { number: 'RM-200' },
                quantity: { value: '2500', uom: 'G' },
                quantityInBaseUnit: { value: '2.5', uom: 'KG' },
              },
            ],
          },
        },
      },
    });
  });

  it('answers null for a date before the first revision and for an unknown item', async () => {
    const early = await postGraphql(erp.url, REVISION_AT, {
      number: 'FG-100',
      asOf: '2025-01-01T00:00:00Z',
    });
    expect(early.data).toEqual({ itemByNumber: { number: 'FG-100', revisionAt: null } });
    const unknown = await postGraphql(erp.url, REVISION_AT, { number: 'NOPE' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ itemByNumber: null });
  });

  it('rejects a malformed asOf with a stable code and no internals', async () => {
    const response = await postGraphql(erp.url, REVISION_AT, {
      number: 'FG-100',
      asOf: '15/03/2026',
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain('ISO-8601');
    expect(JSON.stringify(response.errors)).not.toMatch(/stack|select|at .*\.ts/i);
  });
});
