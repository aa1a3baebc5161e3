import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { RouteHandler } from '@plantgraph/platform';
import type { ExampleOperation } from './examples.ts';
import { dedent } from './dedent.ts';

const gzipAsync = promisify(gzip);

/**
 * Plant networks are often offline: the page may load nothing but itself (inline scripts, styles
 * and fonts, blob: workers) and may talk to nothing but this gateway.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const REMOTE = String.raw`(?:https?:)?//`;
/** Markup and CSS that would make the browser fetch from another host. */
const EXTERNAL_RESOURCE_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*["']?${REMOTE}[^>]*>`, 'gi'),
  new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*["']?${REMOTE}[^>]*>\s*</script>`, 'gi'),
  new RegExp(String.raw`@import\s+(?:url\()?\s*["']?${REMOTE}[^;]*;`, 'gi'),
  new RegExp(String.raw`url\(\s*["']?${REMOTE}[^)]*\)`, 'gi'),
];

/**
 * Removes every reference to a resource on another host (stylesheets, scripts, CSS imports and
 * url()s such as web fonts), returning the page and what was removed.
 */
export function stripExternalResources(html: string): { html: string; removed: string[] } {
  const removed: string[] = [];
  let result = html;
  for (const pattern of EXTERNAL_RESOURCE_PATTERNS) {
    result = result.replace(pattern, (match) => {
      removed.push(match);
      return match.startsWith('url(') ? 'url("data:,")' : '';
    });
  }
  return { html: result, removed };
}

export interface IdePageOptions {
  /** Shown in the browser tab. */
  readonly title: string;
  /** Saved operations, one GraphiQL tab each. */
  readonly examples: readonly ExampleOperation[];
}

/** The rendered GraphiQL page, ready to send (plain and gzip-compressed). */
export interface IdePage {
  readonly html: Buffer;
  readonly gzipped: Buffer;
  /** External references stripped from the rendered page; empty when it was self-contained. */
  readonly removed: readonly string[];
}

/** Renders the offline GraphiQL page once (~9 MB with everything inlined). */
export async function renderIdePage(options: IdePageOptions): Promise<IdePage> {
  const rendered = renderGraphiQL({
    title: options.title,
    endpoint: '/graphql',
    defaultTabs: options.examples.map((example) => ({
      query: dedent(example.query),
      variables: JSON.stringify(example.variables, null, 2),
    })),
    shouldPersistHeaders: false,
    // Subscriptions run over WebSocket (graphql-transport-ws) on the same URL as queries.
    subscriptionsProtocol: 'WS',
  });
  const { html, removed } = stripExternalResources(rendered);
  const buffer = Buffer.from(html, 'utf8');
  return { html: buffer, gzipped: await gzipAsync(buffer), removed };
}

/**
 * A browser opening /graphql: a GET that accepts HTML. A `query` parameter does not make it an API
 * call: the page writes the edited operation into the URL, so a reload or a shared link carries one.
 */
function wantsIde(req: IncomingMessage, url: URL): boolean {
  return (
    url.pathname === '/graphql' &&
    (req.method === 'GET' || req.method === 'HEAD') &&
    (req.headers.accept ?? '').includes('text/html')
  );
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
}

/** Serves the IDE page to browsers on /graphql; every other request falls through to GraphQL. */
export function ideRoute(page: IdePage): RouteHandler {
  return (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (!wantsIde(req, url)) return false;
    const gzipped = acceptsGzip(req);
    const body = gzipped ? page.gzipped : page.html;
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-length', body.length);
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('vary', 'accept, accept-encoding');
    res.setHeader('cache-control', 'no-cache');
    if (gzipped) res.setHeader('content-encoding', 'gzip');
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
