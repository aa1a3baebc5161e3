import type { WebSocketLimits } from './ws-server.ts';

/** How the gateway serves subscriptions. */
export interface SubscriptionSettings extends WebSocketLimits {
  /** Events the gateway keeps in memory for subscribers resuming from a recent cursor. */
  readonly recentEvents: number;
  /** How long a new subscription waits for an unreadable event feed before it is refused. */
  readonly feedTimeoutMs: number;
}

/** The defaults the README documents. */
export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = Object.freeze({
  initTimeoutMs: 5000,
  keepAliveMs: 12_000,
  maxOperations: 50,
  bufferSize: 1000,
  recentEvents: 20_000,
  feedTimeoutMs: 5000,
});
