import type { WebSocket } from 'ws';
import type { SubscriberIdentity } from './identity.ts';
import type { ResultBuffer, SubscriptionStream } from './subscription-stream.ts';

/**
 * One WebSocket connection's state: who it is, its subscriptions, and the bounded buffer their
 * pushed results wait in until the client takes them (`bufferSize` results for all of them). A
 * subscription that finds the buffer full falls behind and reads the feed at its client's pace.
 */
export class SubscriberConnection implements ResultBuffer {
  readonly socket: WebSocket;
  identity: SubscriberIdentity | null = null;
  readonly #bufferSize: number;
  readonly #streams = new Set<SubscriptionStream>();
  #waiting = 0;

  constructor(socket: WebSocket, bufferSize: number) {
    this.socket = socket;
    this.#bufferSize = bufferSize;
  }

  /** Results waiting to be taken by the client. */
  get waiting(): number {
    return this.#waiting;
  }

  track(stream: SubscriptionStream): void {
    this.#streams.add(stream);
  }

  untrack(stream: SubscriptionStream): void {
    this.#streams.delete(stream);
  }

  reserve(): boolean {
    if (this.#waiting >= this.#bufferSize) return false;
    this.#waiting += 1;
    return true;
  }

  release(count: number): void {
    this.#waiting = Math.max(0, this.#waiting - count);
  }

  /** Ends every subscription of the connection (it closed, or the gateway stops). */
  endAll(): void {
    for (const stream of [...this.#streams]) stream.end();
  }
}
