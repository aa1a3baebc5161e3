import { chromium, type Browser } from 'playwright-core';
import { DEFAULT_SUBSCRIPTION_SETTINGS } from '../gateway/src/subscriptions/subscription-settings.ts';
import {
  startSubscriptionStack,
  type SubscriptionTestStack,
} from './support/subscription-stack.ts';
import {
  copyPlannedInspection,
  plannedInspections,
  recordFailure,
  settle,
} from './support/subscriptions.ts';

let t: SubscriptionTestStack;
let browser: Browser;

beforeAll(async () => {
  t = await startSubscriptionStack({ subscriptions: DEFAULT_SUBSCRIPTION_SETTINGS });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('subscriptions in the IDE', () => {
  it('runs the saved subscription over WebSocket and shows a failed inspection as it is recorded', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    const sockets: string[] = [];
    let subscribed = false;
    page.on('websocket', (socket) => {
      sockets.push(socket.url());
      socket.on('framesent', (frame) => {
        if (String(frame.payload).includes('"subscribe"')) subscribed = true;
      });
    });
    await page.goto(t.gatewayUrl);
    await page.locator('.graphiql-tab-button', { hasText: 'InspectionFailures' }).press('Enter');
    await page.locator('.graphiql-tab-active', { hasText: 'InspectionFailures' }).waitFor();
    await page.locator('.graphiql-execute-button').click();
    for (let i = 0; i < 100 && !subscribed; i += 1) await settle(100);
    expect(subscribed).toBe(true);
    await settle();

    const [source] = await plannedInspections(t.gatewayUrl);
    if (!source) throw new Error('no planned inspection');
    const [number = ''] = await copyPlannedInspection(t.root, source.number, 1);
    await recordFailure(t.gatewayUrl, number, source.characteristics);
    const result = page.locator('.graphiql-response');
    await result.getByText(`"${number}"`).waitFor({ timeout: 20_000 });
    // The response editor renders the lines in view: the top of the result.
    await result.getByText('"inspectionFailed"').waitFor();
    expect(sockets).toEqual([t.gatewayUrl.replace(/^http/, 'ws')]);
    expect(violations).toEqual([]);
    await page.close();
  });
});
