import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getVariableValues, parse, validate, type GraphQLSchema, Kind } from 'graphql';
import {
  composeFromConfig,
  composeSubgraphs,
  formatProblems,
  parseSupergraphConfig,
  renderSupergraphFile,
  SupergraphConfigError,
} from '../gateway/src/composition.ts';
import { EXAMPLES } from '../gateway/src/examples.ts';

const CONFIG = fileURLToPath(new URL('../supergraph.yaml', import.meta.url));
const SUPERGRAPH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

let apiSchema: GraphQLSchema;
let composedFile: string;

beforeAll(async () => {
  const outcome = await composeFromConfig(CONFIG);
  if (!outcome.ok) throw new Error(`composition failed:\n${formatProblems(outcome.errors)}`);
  apiSchema = outcome.apiSchema;
  composedFile = renderSupergraphFile(outcome.supergraphSdl);
});

describe('supergraph composition', () => {
  it('matches the committed supergraph.graphql (run `npm run compose` when this fails)', async () => {
    const committed = await readFile(SUPERGRAPH, 'utf8');
    expect(committed).toBe(composedFile);
  });

  it('composes every subgraph named in supergraph.yaml into the supergraph', async () => {
    const config = parseSupergraphConfig(await readFile(CONFIG, 'utf8'));
    for (const subgraph of config.subgraphs) {
      expect(composedFile).toContain(
        `@join__graph(name: "${subgraph.name}", url: "${subgraph.routingUrl}")`,
      );
    }
    expect(config.subgraphs.map((s) => s.name).sort()).toEqual([
      'erp',
      'genealogy',
      'mes',
      'quality',
    ]);
  });

  it('reports conflicting subgraphs with the error code, a readable message and where', () => {
    const link =
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
    const outcome = composeSubgraphs([
      {
        name: 'stock',
        url: 'http://stock/graphql',
        sourceName: 'stock.graphql',
        sdl: `${link}\ntype Query { lot(id: ID!): Lot }\ntype Lot @key(fields: "id") { id: ID! quantity: Int! }\n`,
      },
      {
        name: 'lab',
        url: 'http://lab/graphql',
        sourceName: 'lab.graphql',
        sdl: `${link}\ntype Lot @key(fields: "id") { id: ID! quantity: String! }\n`,
      },
    ]);
    if (outcome.ok) throw new Error('conflicting subgraphs composed');
    const mismatch = outcome.errors.find((error) => error.code === 'FIELD_TYPE_MISMATCH');
    expect(mismatch?.message).toContain('Lot.quantity');
    expect(mismatch?.message).toContain('"Int!" in subgraph "stock"');
    expect(mismatch?.message).toContain('"String!" in subgraph "lab"');
    expect([...(mismatch?.locations ?? [])].sort()).toEqual([
      'lab.graphql:2:39',
      'stock.graphql:3:39',
    ]);
    const printed = formatProblems(outcome.errors);
    expect(printed).toContain('[FIELD_TYPE_MISMATCH] Type of field "Lot.quantity" is incompatible');
    expect(printed).toContain('    at stock.graphql:3:39');
  });

  it('reports SDL that does not parse as INVALID_GRAPHQL instead of throwing', () => {
    const outcome = composeSubgraphs([
      {
        name: 'broken',
        url: 'http://broken/graphql',
        sourceName: 'broken.graphql',
        sdl: 'type Query {',
      },
    ]);
    if (outcome.ok) throw new Error('broken SDL composed');
    expect(outcome.errors).toEqual([
      {
        code: 'INVALID_GRAPHQL',
        message: 'subgraph "broken": Syntax Error: Expected Name, found <EOF>.',
        locations: ['broken.graphql:1:13'],
      },
    ]);
  });

  it('refuses a subgraph linking a newer federation spec than supergraph.yaml pins', () => {
    const sdl =
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])\ntype Query { a: Int }';
    const outcome = composeSubgraphs([{ name: 'new', url: 'http://new/graphql', sdl }], '=2.7.0');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors[0]?.code).toBe('UNSUPPORTED_FEDERATION_VERSION');
  });

  it('rejects a supergraph.yaml that is not Federation 2 or misses a schema file', () => {
    expect(() => parseSupergraphConfig('federation_version: 1\nsubgraphs: {}')).toThrow(
      SupergraphConfigError,
    );
    expect(() =>
      parseSupergraphConfig(
        'federation_version: =2.7.0\nsubgraphs:\n  a:\n    routing_url: http://a\n',
      ),
    ).toThrow('subgraphs.a.schema.file is required');
  });
});

describe('saved example operations', () => {
  it('are all valid against the composed API schema', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(4);
    for (const example of EXAMPLES) {
      const errors = validate(apiSchema, parse(example.query)).map((e) => e.message);
      expect({ name: example.name, errors }).toEqual({ name: example.name, errors: [] });
    }
  });

  it('hold one named operation each, whose variables fit its variable definitions', () => {
    const operationNames = new Set<string>();
    for (const example of EXAMPLES) {
      const operations = parse(example.query).definitions.filter(
        (definition) => definition.kind === Kind.OPERATION_DEFINITION,
      );
      expect(operations).toHaveLength(1);
      const [operation] = operations;
      if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
      expect(operation.name?.value).toMatch(/^[A-Z]\w+$/);
      operationNames.add(operation.name?.value ?? '');
      const coerced = getVariableValues(apiSchema, operation.variableDefinitions ?? [], {
        ...example.variables,
      });
      expect({ name: example.name, errors: coerced.errors?.map((e) => e.message) ?? [] }).toEqual({
        name: example.name,
        errors: [],
      });
    }
    expect(operationNames.size).toBe(EXAMPLES.length);
  });

  it('include the lot traced across ERP, MES, quality and genealogy', () => {
    const lot = EXAMPLES.find((example) => example.name === 'Lot across systems');
    expect(lot?.query).toContain('query LotAcrossSystems($number: String!, $asOf: DateTime)');
    for (const field of [
      'qualityStatus',
      'inspections',
      'producedBy',
      'parents',
      'supplierLotNumber',
    ]) {
      expect(lot?.query).toContain(field);
    }
  });
});
