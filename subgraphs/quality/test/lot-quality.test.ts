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

const LOTS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Lot {
        id
        qualityStatus
        qualityStatusChangedAt
        inspections {
          number
          type
          status
          plan {
            number
            revision
          }
          results {
            characteristic {
              code
              name
              uom
              lowerLimit
              upperLimit
              target
            }
            measured
            verdict
          }
        }
        nonconformances {
          number
          severity
          status
          disposition
        }
      }
    }
  }
`;

describe('quality of a lot', () => {
  it('answers status, inspections with results against the spec limits, and nonconformances through _entities', async () => {
    const response = await postGraphql(fixture.quality.url, LOTS, {
      representations: [
        { __typename: 'Lot', id: 'lot-fg-1' },
        { __typename: 'Lot', id: 'lot-raw-1' },
      ],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      _entities: [
        {
          id: 'lot-fg-1',
          qualityStatus: 'QUARANTINE',
          qualityStatusChangedAt: '2026-07-02T10:15:00.000Z',
          inspections: [
            {
              number: 'INS-0002',
              type: 'IN_PROCESS',
              status: 'PASSED',
              plan: { number: 'QP-FG-100-P', revision: '1' },
              results: [],
            },
            {
              number: 'INS-0003',
              type: 'FINAL',
              status: 'FAILED',
              plan: { number: 'QP-FG-100-F', revision: '2' },
              results: [
                {
                  characteristic: {
                    code: 'DIA',
                    name: 'Bore diameter',
                    uom: 'MM',
                    lowerLimit: '24.950',
                    upperLimit: '25.050',
                    target: '25.000',
                  },
                  measured: '25.012',
                  verdict: 'PASS',
                },
                {
                  characteristic: {
                    code: 'LEAK',
                    name: 'Leak rate',
                    uom: 'MBAR_L_S',
                    lowerLimit: null,
                    upperLimit: '0.010',
                    target: null,
                  },
                  measured: '0.014',
                  verdict: 'FAIL',
                },
                {
                  characteristic: {
                    code: 'TORQ',
                    name: 'Flange bolt torque',
                    uom: 'NM',
                    lowerLimit: '38',
                    upperLimit: '42',
                    target: '40',
                  },
                  measured: '40.5',
                  verdict: 'PASS',
                },
              ],
            },
          ],
          nonconformances: [
            { number: 'NC-0001', severity: 'MAJOR', status: 'OPEN', disposition: null },
            {
              number: 'NC-0003',
              severity: 'CRITICAL',
              status: 'DISPOSITIONED',
              disposition: 'SCRAP',
            },
          ],
        },
        {
          id: 'lot-raw-1',
          qualityStatus: 'RELEASED',
          qualityStatusChangedAt: '2026-07-01T09:05:00.000Z',
          inspections: [
            {
              number: 'INS-0001',
              type: 'RECEIVING',
              status: 'PASSED',
              plan: { number: 'QP-RM-200-R', revision: '1' },
              results: [
                {
                  characteristic: {
                    code: 'THK',
                    name: 'Sheet thickness',
                    uom: 'MM',
                    lowerLimit: '1.95',
                    upperLimit: '2.05',
                    target: '2.00',
                  },
                  measured: '1.98',
                  verdict: 'PASS',
                },
                {
                  characteristic: {
                    code: 'HRD',
                    name: 'Brinell hardness',
                    uom: 'HB',
                    lowerLimit: '120',
                    upperLimit: '160',
                    target: null,
                  },
                  measured: '141',
                  verdict: 'PASS',
                },
              ],
            },
          ],
          nonconformances: [
            { number: 'NC-0002', severity: 'MINOR', status: 'CLOSED', disposition: 'USE_AS_IS' },
          ],
        },
      ],
    });
  });

  it('has no status and no inspections when the quality system holds no record of the lot', async () => {
    const response = await postGraphql(fixture.quality.url, LOTS, {
      representations: [{ __typename: 'Lot', id: 'lot-unknown' }],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      _entities: [
        {
          id: 'lot-unknown',
          qualityStatus: null,
          qualityStatusChangedAt: null,
          inspections: [],
          nonconformances: [],
        },
      ],
    });
  });
});

describe('an inspection', () => {
  it('refers to its lot, order and operation by key and names the QMS record it mirrors', async () => {
    const response = await postGraphql(
      fixture.quality.url,
      /* GraphQL */ `
        {
          inspectionByNumber(number: "INS-0003") {
            id
            lot {
              id
              qualityStatus
            }
            order {
              id
            }
            operation {
              id
            }
            inspectedAt
            inspector
            revision
            nonconformances {
              number
              inspection {
                number
              }
              lot {
                id
              }
              sourceRefs {
                system
                nativeKey
                lastChangedAt
              }
            }
            sourceRefs {
              system
              nativeKey
              lastChangedAt
            }
          }
          receiving: inspection(id: "insp-1") {
            number
            order {
              id
            }
            operation {
              id
            }
            nonconformances {
              number
            }
          }
        }
      `,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      inspectionByNumber: {
        id: 'insp-3',
        lot: { id: 'lot-fg-1', qualityStatus: 'QUARANTINE' },
        order: { id: 'ord-1' },
        operation: { id: 'op-1-30' },
        inspectedAt: '2026-07-02T10:00:00.000Z',
        inspector: 'a.nguyen',
        revision: 3,
        nonconformances: [
          {
            number: 'NC-0001',
            inspection: { number: 'INS-0003' },
            lot: { id: 'lot-fg-1' },
            sourceRefs: [
              { system: 'QMS', nativeKey: 'NC-0001', lastChangedAt: '2026-07-02T10:05:30.000Z' },
            ],
          },
        ],
        sourceRefs: [
          { system: 'QMS', nativeKey: 'INS-0003', lastChangedAt: '2026-07-02T10:01:00.000Z' },
        ],
      },
      receiving: { number: 'INS-0001', order: null, operation: null, nonconformances: [] },
    });
  });

  it('is listed on its production order, oldest first', async () => {
    const response = await postGraphql(
      fixture.quality.url,
      /* GraphQL */ `
        {
          _entities(
            representations: [
              { __typename: "Order", id: "ord-1" }
              { __typename: "Order", id: "ord-none" }
            ]
          ) {
            ... on Order {
              id
              inspections {
                number
                operation {
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
          id: 'ord-1',
          inspections: [
            { number: 'INS-0002', operation: { id: 'op-1-20' } },
            { number: 'INS-0003', operation: { id: 'op-1-30' } },
          ],
        },
        { id: 'ord-none', inspections: [] },
      ],
    });
  });

  it('reports a result whose characteristic its plan lacks as an internal error, without internals', async () => {
    const response = await postGraphql(
      fixture.quality.url,
      /* GraphQL */ `
        {
          inspectionByNumber(number: "INS-0009") {
            number
            results {
              characteristic {
                code
              }
            }
          }
        }
      `,
    );
    expect(response.data).toEqual({ inspectionByNumber: null });
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]?.message).toBe('Internal server error');
    expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(response.errors)).not.toMatch(/FLATNESS|plan-raw|stack|select/i);
  });
});

describe('lookups of unknown ids', () => {
  it('answer null without errors', async () => {
    const response = await postGraphql(
      fixture.quality.url,
      /* GraphQL */ `
        {
          inspection(id: "nope") {
            id
          }
          inspectionByNumber(number: "INS-9999") {
            id
          }
          inspectionPlan(id: "nope") {
            id
          }
          nonconformance(id: "nope") {
            id
          }
          _entities(
            representations: [
              { __typename: "Inspection", id: "nope" }
              { __typename: "InspectionPlan", id: "nope" }
              { __typename: "Nonconformance", id: "nope" }
            ]
          ) {
            __typename
          }
        }
      `,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      inspection: null,
      inspectionByNumber: null,
      inspectionPlan: null,
      nonconformance: null,
      _entities: [null, null, null],
    });
  });

  it('find known ids, through queries and entity references alike', async () => {
    const response = await postGraphql(
      fixture.quality.url,
      /* GraphQL */ `
        {
          inspectionPlan(id: "plan-fg-final-2") {
            number
            revision
          }
          nonconformance(id: "nc-2") {
            number
            inspection {
              id
            }
            lot {
              id
            }
            raisedAt
            revision
          }
          _entities(
            representations: [
              { __typename: "Inspection", id: "insp-2" }
              { __typename: "InspectionPlan", id: "plan-raw-rcv-1" }
              { __typename: "Nonconformance", id: "nc-1" }
            ]
          ) {
            ... on Inspection {
              number
            }
            ... on InspectionPlan {
              number
            }
            ... on Nonconformance {
              number
            }
          }
        }
      `,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      inspectionPlan: { number: 'QP-FG-100-F', revision: '2' },
      nonconformance: {
        number: 'NC-0002',
        inspection: null,
        lot: { id: 'lot-raw-1' },
        raisedAt: '2026-07-01T12:00:00.000Z',
        revision: 2,
      },
      _entities: [{ number: 'INS-0002' }, { number: 'QP-RM-200-R' }, { number: 'NC-0001' }],
    });
  });
});
