import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import {
  getLocation,
  GraphQLError,
  parse,
  Source,
  type ASTNode,
  type GraphQLSchema,
} from 'graphql';
import { parse as parseYaml } from 'yaml';

/** One subgraph as `supergraph.yaml` names it. */
export interface SubgraphEntry {
  readonly name: string;
  readonly routingUrl: string;
  /** The schema file, relative to the directory of `supergraph.yaml` (Rover's convention). */
  readonly schemaFile: string;
}

/** `supergraph.yaml` after validation. */
export interface SupergraphConfig {
  /** Rover's `federation_version`, e.g. `=2.7.0` or `2`. */
  readonly federationVersion: string;
  readonly subgraphs: readonly SubgraphEntry[];
}

/** A subgraph's SDL ready to compose. */
export interface SubgraphSdl {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
  /** Shown in error locations; defaults to the subgraph's name. */
  readonly sourceName?: string;
}

/** One composition error or hint, written for a person to act on. */
export interface CompositionProblem {
  readonly code: string;
  readonly message: string;
  /** `file:line:column` of every schema element involved. */
  readonly locations: readonly string[];
}

export type CompositionOutcome =
  | {
      readonly ok: true;
      readonly supergraphSdl: string;
      /** The schema clients see (the supergraph without its federation machinery). */
      readonly apiSchema: GraphQLSchema;
      readonly hints: readonly CompositionProblem[];
    }
  | { readonly ok: false; readonly errors: readonly CompositionProblem[] };

/** `supergraph.yaml` is missing a field or has one of the wrong shape. */
export class SupergraphConfigError extends Error {
  override name = 'SupergraphConfigError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SupergraphConfigError(`${where} must be a non-empty string`);
  }
  return value;
}

/** Validates the text of a `supergraph.yaml` in Rover's format. */
export function parseSupergraphConfig(text: string): SupergraphConfig {
  const document: unknown = parseYaml(text);
  if (!isRecord(document)) throw new SupergraphConfigError('supergraph.yaml must be a mapping');
  const federationVersion = String(document.federation_version ?? '');
  if (!/^=?2(\.\d+){0,2}$/.test(federationVersion)) {
    throw new SupergraphConfigError(
      `federation_version must name Federation 2, such as "=2.7.0" or "2"; got "${federationVersion}"`,
    );
  }
  if (!isRecord(document.subgraphs) || Object.keys(document.subgraphs).length === 0) {
    throw new SupergraphConfigError('subgraphs must map each subgraph name to its settings');
  }
  const subgraphs = Object.entries(document.subgraphs).map(([name, entry]): SubgraphEntry => {
    if (!isRecord(entry)) throw new SupergraphConfigError(`subgraphs.${name} must be a mapping`);
    const schema = entry.schema;
    if (!isRecord(schema)) {
      throw new SupergraphConfigError(`subgraphs.${name}.schema.file is required`);
    }
    return {
      name,
      routingUrl: requireString(entry.routing_url, `subgraphs.${name}.routing_url`),
      schemaFile: requireString(schema.file, `subgraphs.${name}.schema.file`),
    };
  });
  return { federationVersion, subgraphs };
}

function locationsOf(nodes: readonly ASTNode[] | undefined): string[] {
  const locations: string[] = [];
  for (const node of nodes ?? []) {
    if (!node.loc) continue;
    const { line, column } = getLocation(node.loc.source, node.loc.start);
    locations.push(`${node.loc.source.name}:${line}:${column}`);
  }
  return locations;
}

/** The minor version Rover would compose with, or null when the pin allows any 2.x. */
function pinnedMinor(federationVersion: string): number | null {
  const match = /^=2\.(\d+)/.exec(federationVersion);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * Rover pinned to `=2.x` refuses subgraphs linking a newer federation spec; composing here with a
 * newer library would silently accept them, so the pin is checked the same way.
 */
function federationLinkProblems(
  subgraphs: readonly SubgraphSdl[],
  federationVersion: string,
): CompositionProblem[] {
  const pinned = pinnedMinor(federationVersion);
  if (pinned === null) return [];
  const problems: CompositionProblem[] = [];
  for (const subgraph of subgraphs) {
    const linked = /specs\.apollo\.dev\/federation\/v2\.(\d+)/.exec(subgraph.sdl);
    if (linked?.[1] !== undefined && Number(linked[1]) > pinned) {
      problems.push({
        code: 'UNSUPPORTED_FEDERATION_VERSION',
        message: `subgraph "${subgraph.name}" links federation v2.${linked[1]} but supergraph.yaml pins federation_version ${federationVersion}`,
        locations: [subgraph.sourceName ?? subgraph.name],
      });
    }
  }
  return problems;
}

/** Composes subgraph SDLs into a supergraph with @apollo/composition (no Rover binary). */
export function composeSubgraphs(
  subgraphs: readonly SubgraphSdl[],
  federationVersion = '2',
): CompositionOutcome {
  const pinProblems = federationLinkProblems(subgraphs, federationVersion);
  if (pinProblems.length > 0) return { ok: false, errors: pinProblems };
  const services: Parameters<typeof composeServices>[0] = [];
  const syntaxErrors: CompositionProblem[] = [];
  for (const subgraph of subgraphs) {
    const source = new Source(subgraph.sdl, subgraph.sourceName ?? subgraph.name);
    try {
      services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(source) });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      syntaxErrors.push({
        code: 'INVALID_GRAPHQL',
        message: `subgraph "${subgraph.name}": ${error.message}`,
        locations: (error.locations ?? []).map(
          ({ line, column }) => `${source.name}:${line}:${column}`,
        ),
      });
    }
  }
  if (syntaxErrors.length > 0) return { ok: false, errors: syntaxErrors };
  const result = composeServices(services);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((error) => ({
        code: String(error.extensions.code ?? 'COMPOSITION_ERROR'),
        message: error.message,
        locations: locationsOf(error.nodes),
      })),
    };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSchema: result.schema.toAPISchema().toGraphQLJSSchema(),
    hints: result.hints.map((hint) => ({
      code: hint.definition.code,
      message: hint.message,
      locations: locationsOf(hint.nodes),
    })),
  };
}

/** Reads `supergraph.yaml` (Rover's format) and every schema it names, then composes them. */
export async function composeFromConfig(configPath: string): Promise<CompositionOutcome> {
  const config = parseSupergraphConfig(await readFile(configPath, 'utf8'));
  const baseDir = path.dirname(configPath);
  const subgraphs = await Promise.all(
    config.subgraphs.map(async (entry): Promise<SubgraphSdl> => {
      const file = path.resolve(baseDir, entry.schemaFile);
      return {
        name: entry.name,
        url: entry.routingUrl,
        sdl: await readFile(file, 'utf8'),
        sourceName: path.relative(baseDir, file),
      };
    }),
  );
  return composeSubgraphs(subgraphs, config.federationVersion);
}

/** One problem per paragraph: `[CODE] message` then each location it involves. */
export function formatProblems(problems: readonly CompositionProblem[]): string {
  return problems
    .map((problem) =>
      [
        `[${problem.code}] ${problem.message}`,
        ...problem.locations.map((at) => `    at ${at}`),
      ].join('\n'),
    )
    .join('\n\n');
}

const HEADER = '# Generated by `npm run compose` from supergraph.yaml. Do not edit.\n';

/** The exact content `supergraph.graphql` is committed with. */
export function renderSupergraphFile(supergraphSdl: string): string {
  return `${HEADER}${supergraphSdl.trimEnd()}\n`;
}
