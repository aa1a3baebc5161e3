import { readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

const SUBGRAPHS = ['erp', 'mes', 'quality', 'genealogy'] as const;

/** Each subgraph lists its entity mappers (GraphQL type → domain type) next to its schema. */
function mappersOf(name: string): Record<string, string> {
  return JSON.parse(readFileSync(`subgraphs/${name}/codegen-mappers.json`, 'utf8'));
}

function contextTypeOf(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}Context`;
}

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    SUBGRAPHS.map((name) => [
      `subgraphs/${name}/src/__generated__/resolvers-types.ts`,
      {
        schema: `subgraphs/${name}/schema.graphql`,
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useTypeImports: true,
          enumsAsTypes: true,
          contextType: `../context.ts#${contextTypeOf(name)}`,
          mappers: mappersOf(name),
          mapperTypeSuffix: 'Model',
          scalars: {
            DateTime: { input: 'Date', output: 'Date | string' },
            Date: { input: 'string', output: 'string' },
            Decimal: { input: 'string', output: 'string' },
          },
        },
      },
    ]),
  ),
};

export default config;
