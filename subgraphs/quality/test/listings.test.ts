import { postGraphql } from '../../../test/support/graphql-client.ts';
import { startQualityFixture, type QualityFixture } from './quality-fixture.ts';
import { SEEDED_INSPECTIONS, seedQuality } from './quality-seed.ts';

let fixture: QualityFixture;

beforeAll(async () => {
  fixture = await startQualityFixture();
  await seedQuality(fixture.db);
});

afterAll(async () => {
  await fixture?.close();
});

interface Page {
  readonly nodes: readonly { readonly number: string }[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
}

const INSPECTIONS = /* GraphQL */ `
  query ($first: Int, $after: String, $status: InspectionStatus, $type: InspectionType) {
    inspections(first: $first, after: $after, status: $status, type: $type) {
      nodes {
        number
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;

async function inspectionsPage(variables: Record<string, unknown>): Promise<Page> {
  const response = await postGraphql<{ inspections: Page }>(
    fixture.quality.url,
    INSPECTIONS,
    variables,
  );
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data.inspections;
}

// Same-format UTC strings sort chronologically; ties fall to the id, descending.
const NEWEST_FIRST = [...SEEDED_INSPECTIONS]
  .sort((a, b) =>
    a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
  )
  .map((inspection) => inspection.number);

describe('listing inspections', () => {
  it('pages newest first in two pages that do not overlap', async () => {
    const first = await inspectionsPage({ first: 5 });
    expect(first.nodes.map((n) => n.number)).toEqual(NEWEST_FIRST.slice(0, 5));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await inspectionsPage({ first: 5, after: first.pageInfo.endCursor });
    expect(second.nodes.map((n) => n.number)).toEqual(NEWEST_FIRST.slice(5));
    expect(second.pageInfo.hasNextPage).toBe(false);
    const seen = [...first.nodes, ...second.nodes].map((n) => n.number);
    expect(new Set(seen).size).toBe(SEEDED_INSPECTIONS.length);
  });

  it('walks one at a time across equal timestamps and timestamps a microsecond apart without skipping or repeating', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i <= SEEDED_INSPECTIONS.length; i++) {
      const page: Page = await inspectionsPage({ first: 1, after });
      seen.push(...page.nodes.map((n) => n.number));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(NEWEST_FIRST);
  });

  it('filters by status and by type', async () => {
    expect((await inspectionsPage({ status: 'FAILED' })).nodes).toEqual([{ number: 'INS-0003' }]);
    expect((await inspectionsPage({ type: 'IN_PROCESS' })).nodes).toEqual([{ number: 'INS-0002' }]);
    expect((await inspectionsPage({ type: 'RECEIVING', status: 'PLANNED' })).nodes).toEqual([
      { number: 'INS-0105' },
      { number: 'INS-0103' },
      { number: 'INS-0102' },
    ]);
  });

  it.each([
    ['first: 0', { first: 0 }, 'first'],
    ['first: 501', { first: 501 }, 'first'],
    ['an after that is not a cursor', { after: 'not-a-cursor' }, 'after'],
    [
      'an after with a well-formed envelope but no position',
      { after: Buffer.from('k:yesterday', 'utf8').toString('base64url') },
      'after',
    ],
  ])(
    'rejects %s as BAD_USER_INPUT naming the argument',
    async (_label, variables, argumentName) => {
      const response = await postGraphql(fixture.quality.url, INSPECTIONS, variables);
      expect(response.data).toBeNull();
      expect(response.errors).toHaveLength(1);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.argumentName).toBe(argumentName);
      expect(response.errors?.[0]?.message).toContain(argumentName);
    },
  );
});

describe('listing nonconformances', () => {
  const NONCONFORMANCES = /* GraphQL */ `
    query (
      $first: Int
      $after: String
      $status: NonconformanceStatus
      $severity: NonconformanceSeverity
    ) {
      nonconformances(first: $first, after: $after, status: $status, severity: $severity) {
        nodes {
          number
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  `;

  async function nonconformancesPage(variables: Record<string, unknown>): Promise<Page> {
    const response = await postGraphql<{ nonconformances: Page }>(
      fixture.quality.url,
      NONCONFORMANCES,
      variables,
    );
    expect(response.errors).toBeUndefined();
    if (!response.data) throw new Error('no data');
    return response.data.nonconformances;
  }

  it('pages newest raised first', async () => {
    const first = await nonconformancesPage({ first: 2 });
    expect(first.nodes).toEqual([{ number: 'NC-0003' }, { number: 'NC-0001' }]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await nonconformancesPage({ first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes).toEqual([{ number: 'NC-0002' }]);
    expect(second.pageInfo).toEqual({ endCursor: expect.any(String), hasNextPage: false });
  });

  it('filters by severity and by status', async () => {
    expect((await nonconformancesPage({ severity: 'MINOR' })).nodes).toEqual([
      { number: 'NC-0002' },
    ]);
    expect((await nonconformancesPage({ status: 'OPEN' })).nodes).toEqual([{ number: 'NC-0001' }]);
  });

  it('rejects first: 501 as BAD_USER_INPUT naming first', async () => {
    const response = await postGraphql(fixture.quality.url, NONCONFORMANCES, { first: 501 });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'first',
    });
  });
});
