import { readFile } from 'node:fs/promises';

/** A GraphQL operation shown in the README, with the variables block that follows it, if any. */
export interface ReadmeOperation {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** Every ```graphql block of README.md, paired with an immediately following ```json block. */
export async function readmeOperations(path: URL): Promise<ReadmeOperation[]> {
  const text = await readFile(path, 'utf8');
  const blocks = [...text.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1],
    body: m[2] ?? '',
    end: (m.index ?? 0) + m[0].length,
    start: m.index ?? 0,
  }));
  const operations: ReadmeOperation[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'graphql') return;
    const next = blocks[i + 1];
    const adjacent =
      next && next.lang === 'json' && text.slice(block.end, next.start).trim() === '';
    operations.push({
      query: block.body,
      variables: adjacent ? (JSON.parse(next.body) as Record<string, unknown>) : {},
    });
  });
  return operations;
}

/** The JSON bodies of the README's curl examples (`-d '…'`). */
export async function readmeCurlBodies(path: URL): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return [...text.matchAll(/curl [^`]*?-d '([^']+)'/g)].map((m) => m[1] ?? '');
}
