import { isExpired, type FeedBounds } from '@plantgraph/events';
import { badUserInput } from '@plantgraph/platform';
import type { GraphQLError } from 'graphql';
import { epochTagOf, type FeedCursor } from './cursor.ts';
import { SubscriptionErrorCode, subscriptionError } from './subscription-errors.ts';

/** The error of a cursor whose events have left the feed. */
export function cursorExpired(reason = 'older than the retention window'): GraphQLError {
  return subscriptionError(
    `after: the events after this cursor are no longer retained (${reason}); subscribe without \`after\` and read the current state with a query`,
    SubscriptionErrorCode.CursorExpired,
    { argumentName: 'after' },
  );
}

/**
 * Null when the feed still holds every event after `cursor`; otherwise the error the client gets:
 * CURSOR_EXPIRED for a cursor of an earlier epoch or older than the retention window,
 * BAD_USER_INPUT for one ahead of the feed (not issued by it).
 */
export function checkCursor(cursor: FeedCursor, bounds: FeedBounds): GraphQLError | null {
  if (bounds.epoch === '' || epochTagOf(bounds.epoch) !== cursor.epochTag) {
    return cursorExpired('the event feed was reset since it was issued');
  }
  if (cursor.position > bounds.last) {
    return badUserInput(
      'after: this cursor is ahead of the event feed; it was not issued here',
      'after',
    );
  }
  return isExpired(cursor.position, bounds) ? cursorExpired() : null;
}
