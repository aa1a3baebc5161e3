import WebSocket from 'ws';
import { wsUrlOf } from './subscriptions.ts';

/** A `next` message as the protocol sends it. */
export interface NextMessage {
  readonly id: string;
  readonly type: string;
  readonly payload?: { data?: Record<string, unknown> | null };
}

/**
 * A raw graphql-transport-ws client that subscribes and then stops reading its socket, as a
 * client on a stalled network or a hung app does: what the gateway sends piles up.
 */
export class SlowSubscriber {
  readonly messages: NextMessage[] = [];
  readonly #socket: WebSocket;
  readonly #closed: Promise<{ code: number; reason: string }>;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      if (typeof message === 'object' && message !== null && 'type' in message) {
        const { type } = message;
        if (type === 'next' && 'id' in message && typeof message.id === 'string') {
          this.messages.push({ ...message, id: message.id, type });
        }
      }
    });
    this.#closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  /** Connects, subscribes with `query`, and stops reading. */
  static async open(
    httpUrl: string,
    query: string,
    init: Record<string, unknown> = {},
  ): Promise<SlowSubscriber> {
    const socket = new WebSocket(wsUrlOf(httpUrl), 'graphql-transport-ws');
    const subscriber = new SlowSubscriber(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const acknowledged = new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        if (String(data).includes('"connection_ack"')) resolve();
      });
    });
    socket.send(JSON.stringify({ type: 'connection_init', payload: init }));
    await acknowledged;
    socket.send(JSON.stringify({ id: 'slow', type: 'subscribe', payload: { query } }));
    socket.pause();
    return subscriber;
  }

  /** Reads again: what the gateway managed to send arrives, then its close. */
  resume(): void {
    this.#socket.resume();
  }

  /** Waits until `count` results arrived. */
  async received(count: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`received ${this.messages.length} of ${count} results`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The close code and reason, once the socket closed. */
  closed(): Promise<{ code: number; reason: string }> {
    return this.#closed;
  }

  terminate(): void {
    this.#socket.terminate();
  }
}
