/**
 * Composes the subgraphs named in supergraph.yaml into supergraph.graphql.
 * `--check` writes nothing and exits 1 when the committed file is stale (for CI).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  composeFromConfig,
  formatProblems,
  renderSupergraphFile,
  SupergraphConfigError,
} from '../gateway/src/composition.ts';

const configPath = fileURLToPath(new URL('../supergraph.yaml', import.meta.url));
const outputPath = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--check');
if (unknown.length > 0) {
  console.error(`unknown argument ${unknown.join(' ')}; usage: node scripts/compose.ts [--check]`);
  process.exit(2);
}
const check = args.includes('--check');

let outcome;
try {
  outcome = await composeFromConfig(configPath);
} catch (error) {
  const reason = error instanceof SupergraphConfigError ? error.message : String(error);
  console.error(`cannot read the subgraphs named in supergraph.yaml: ${reason}`);
  process.exit(1);
}

if (!outcome.ok) {
  console.error(`composition failed with ${outcome.errors.length} error(s):\n`);
  console.error(formatProblems(outcome.errors));
  process.exit(1);
}
if (outcome.hints.length > 0) {
  console.error(`composition hints (${outcome.hints.length}):\n`);
  console.error(`${formatProblems(outcome.hints)}\n`);
}

const content = renderSupergraphFile(outcome.supergraphSdl);
if (check) {
  const committed = await readFile(outputPath, 'utf8').catch(() => null);
  if (committed !== content) {
    console.error(
      committed === null
        ? 'supergraph.graphql is missing: run `npm run compose` and commit it'
        : 'supergraph.graphql is stale: run `npm run compose` and commit it',
    );
    process.exit(1);
  }
  console.log('supergraph.graphql is up to date');
} else {
  await writeFile(outputPath, content);
  console.log('wrote supergraph.graphql');
}
