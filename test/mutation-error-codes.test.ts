import { readFile } from 'node:fs/promises';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';

async function errorCodesOf(subgraph: string): Promise<string[]> {
  const sdl = await readFile(
    new URL(`../subgraphs/${subgraph}/schema.graphql`, import.meta.url),
    'utf8',
  );
  const codes = parse(sdl).definitions.find(
    (d): d is EnumTypeDefinitionNode =>
      d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'MutationErrorCode',
  );
  if (!codes) throw new Error(`${subgraph} defines no MutationErrorCode`);
  return (codes.values ?? []).map((v) => v.name.value);
}

describe('MutationErrorCode', () => {
  it('lists the same codes, once each, in every subgraph with mutations', async () => {
    const [erp, mes, quality] = await Promise.all(['erp', 'mes', 'quality'].map(errorCodesOf));
    expect(mes).toEqual(erp);
    expect(quality).toEqual(erp);
    expect(new Set(erp).size).toBe(erp?.length);
  });
});
