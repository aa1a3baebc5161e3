import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EXAMPLES } from '../gateway/src/examples.ts';
import { stripExternalResources } from '../gateway/src/ide-page.ts';
import {
  seedErpBasics,
  startErpBehindGateway,
  type ErpBehindGateway,
} from './support/erp-behind-gateway.ts';

let stack: ErpBehindGateway;
let browser: Browser;

beforeAll(async () => {
  stack = await startErpBehindGateway(seedErpBasics);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function plantNames(): Promise<string[]> {
  const rows = await stack.db.selectFrom('plant').select('name').orderBy('code').execute();
  return rows.map((row) => row.name);
}

/** Opens the IDE, recording every URL the page requests and every CSP violation it hits. */
async function openIde(): Promise<{ page: Page; requested: string[]; violations: string[] }> {
  const page = await browser.newPage();
  const requested: string[] = [];
  const violations: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(stack.gateway.url);
  await page.locator('.graphiql-tab-button').first().waitFor();
  return { page, requested, violations };
}

/** Monaco renders spaces as no-break spaces. */
function textOf(rendered: string): string {
  return rendered.replace(/\s+/g, ' ');
}

/**
 * Selects a saved tab with the keyboard: a synthetic click on a tab can land on GraphiQL's
 * drag-to-reorder tab strip instead of the tab button.
 */
async function selectTab(page: Page, title: string): Promise<void> {
  await page.locator('.graphiql-tab-button', { hasText: title }).press('Enter');
  await page.locator('.graphiql-tab-active', { hasText: title }).waitFor();
}

describe('the IDE page', () => {
  it('is served to browsers on /graphql with the plantgraph title and no external resource', async () => {
    const response = await fetch(stack.gateway.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await response.text();
    expect(html).toContain('<title>plantgraph</title>');
    expect(stripExternalResources(html).removed).toEqual([]);
    expect(html).not.toMatch(/fonts\.googleapis|fonts\.gstatic|unpkg\.com|jsdelivr|cdnjs|esm\.sh/);
  });

  it('is sent compressed to browsers that accept gzip, with the same content', async () => {
    const plain = Buffer.from(
      await (await fetch(stack.gateway.url, { headers: { accept: 'text/html' } })).arrayBuffer(),
    );
    const response = await new Promise<{ encoding: string | undefined; body: Buffer }>(
      (resolve, reject) => {
        const headers = { accept: 'text/html', 'accept-encoding': 'gzip' };
        get(stack.gateway.url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
          );
        }).on('error', reject);
      },
    );
    expect(response.encoding).toBe('gzip');
    expect(response.body.length).toBeLessThan(plain.length / 2);
    expect(gunzipSync(response.body).equals(plain)).toBe(true);
  });

  it('leaves GraphQL over GET to API clients', async () => {
    const url = new URL(stack.gateway.url);
    url.searchParams.set('query', '{ plants { name } }');
    // Apollo's CSRF prevention wants a preflight-forcing header on GET.
    const response = await fetch(url, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      data: { plants: (await plantNames()).map((name) => ({ name })) },
    });
  });

  it('strips references to other hosts if a GraphiQL upgrade brings some', () => {
    const page = [
      '<head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Fira+Code">',
      '<script src="//unpkg.com/graphiql/graphiql.min.js"></script>',
      '<style>@import url("https://cdn.jsdelivr.net/x.css"); .a { src: url(https://fonts.gstatic.com/f.woff2) }',
      '.b { background: url(data:image/png;base64,AAAA) }</style>',
      '<link rel="icon" href="data:image/x-icon;base64,AAAA"></head>',
    ].join('\n');
    const { html, removed } = stripExternalResources(page);
    expect(removed).toHaveLength(4);
    expect(html).not.toMatch(/googleapis|unpkg|jsdelivr|gstatic/);
    expect(html).toContain('url(data:image/png;base64,AAAA)');
    expect(html).toContain('<link rel="icon" href="data:image/x-icon;base64,AAAA">');
  });
});

describe('the IDE in a headless browser', () => {
  it('runs a saved erp query and shows the plants, requesting nothing outside the gateway', async () => {
    const { page, requested, violations } = await openIde();
    await selectTab(page, 'PlantsAndSuppliers');
    await page.locator('.graphiql-execute-button').click();
    const names = await plantNames();
    expect(names).toHaveLength(2);
    const result = page.locator('.graphiql-response');
    for (const name of names) await result.getByText(name).waitFor();
    expect(textOf(await result.innerText())).toContain('"timezone": "Europe/Berlin"');

    const origin = new URL(stack.gateway.url).origin;
    const offsite = requested.filter(
      (url) =>
        !url.startsWith('data:') &&
        !url.startsWith(`blob:${origin}/`) &&
        new URL(url).origin !== origin,
    );
    expect(offsite).toEqual([]);
    expect(requested.some((url) => url.startsWith(origin))).toBe(true);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('runs a query typed into the editor with Ctrl-Enter', async () => {
    const { page } = await openIde();
    await selectTab(page, 'PlantsAndSuppliers');
    await page.locator('.graphiql-query-editor .monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('query Typed { plants { code } }');
    // GraphiQL picks up the new operation name a moment after the edit, as it renames the tab.
    await page.locator('.graphiql-tab-active', { hasText: 'Typed' }).waitFor();
    await page.keyboard.press('ControlOrMeta+Enter');
    const result = page.locator('.graphiql-response');
    await result.getByText('"LY02"').waitFor();
    expect(textOf(await result.innerText())).not.toContain('"name"');
    await page.close();
  });

  it('opens each saved example in its own tab, with its variables', async () => {
    const { page } = await openIde();
    const titles = await page.locator('.graphiql-tab-button').allInnerTexts();
    // One tab per saved example, in the order they are saved, each named by its operation.
    expect(titles).toEqual(
      EXAMPLES.map((example) => /(?:query|subscription) (\w+)/.exec(example.query)?.[1]),
    );
    expect(titles.slice(0, 3)).toEqual([
      'PlantsAndSuppliers',
      'LotAcrossSystems',
      'OrdersByStatus',
    ]);
    await selectTab(page, 'OrdersByStatus');
    await page.locator('.graphiql-editor-tool', { hasText: '"IN_PROGRESS"' }).waitFor();
    await page.close();
  });
});
