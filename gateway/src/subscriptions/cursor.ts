import { createHash } from 'node:crypto';

/** A decoded cursor: a position in one epoch of the event feed. */
export interface FeedCursor {
  /** A short digest of the feed epoch the position belongs to. */
  readonly epochTag: string;
  readonly position: number;
}

const VERSION = 'c1';

/** The digest that stands for a feed epoch inside cursors. */
export function epochTagOf(epoch: string): string {
  return createHash('sha256').update(epoch).digest('base64url').slice(0, 10);
}

/** The opaque cursor of the event at `position` of the feed epoch `epoch`. */
export function encodeCursor(epoch: string, position: number): string {
  return Buffer.from(`${VERSION}:${epochTagOf(epoch)}:${position}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null when the text is not a cursor this gateway issues. */
export function decodeCursor(text: string): FeedCursor | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return null;
  const parts = Buffer.from(text, 'base64url').toString('utf8').split(':');
  if (parts.length !== 3 || parts[0] !== VERSION) return null;
  const [, epochTag = '', digits = ''] = parts;
  if (!/^[A-Za-z0-9_-]{10}$/.test(epochTag) || !/^\d{1,15}$/.test(digits)) return null;
  return { epochTag, position: Number(digits) };
}
