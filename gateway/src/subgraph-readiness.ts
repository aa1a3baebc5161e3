/** How long a readiness probe waits for a subgraph before calling it unreachable. */
const PROBE_TIMEOUT_MS = 2_000;

/** A subgraph's /ready verdict: `ready`, `not ready (<status>)` or `unreachable`. */
export async function probeSubgraphReady(routingUrl: string): Promise<string> {
  // Subgraphs serve /ready next to their GraphQL path (…/graphql → …/ready).
  const readyUrl = new URL('ready', routingUrl);
  try {
    const response = await fetch(readyUrl, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok ? 'ready' : `not ready (${response.status})`;
  } catch {
    return 'unreachable';
  }
}

/** One line naming each subgraph's readiness, e.g. `erp: ready, mes: unreachable`. */
export async function describeSubgraphs(subgraphs: ReadonlyMap<string, string>): Promise<string> {
  const verdicts = await Promise.all(
    [...subgraphs].map(async ([name, url]) => `${name}: ${await probeSubgraphReady(url)}`),
  );
  return verdicts.join(', ');
}
