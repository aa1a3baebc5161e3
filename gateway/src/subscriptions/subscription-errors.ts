import { GraphQLError } from 'graphql';

/** `extensions.code` values of subscription errors, as the README documents them. */
export const SubscriptionErrorCode = {
  /** The cursor is older than the retention window, or from a feed that was reset. */
  CursorExpired: 'CURSOR_EXPIRED',
  /** The connection already runs as many operations as it may. */
  TooManySubscriptions: 'TOO_MANY_SUBSCRIPTIONS',
  /** The gateway has no event feed, or cannot read it now. */
  EventFeedUnavailable: 'EVENT_FEED_UNAVAILABLE',
} as const;

/** A subscription error with a code (its message is written for clients). */
export function subscriptionError(
  message: string,
  code: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}
