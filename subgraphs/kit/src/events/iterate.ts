// A bus subscription as the AsyncIterator a GraphQL `subscribe` resolver returns. The bus listener
// is registered before the iterator is handed out (no event between "subscribed" and the first
// `next()` is lost) and removed by `return()` — which graphql-ws calls on complete, on disconnect
// and on error — so a finished subscription leaves no listener, channel or timer behind.
import type { BusMessage, EventBus } from './bus.ts';

export interface IterateOptions<T> {
  /** Events kept for a slow reader; beyond this the oldest is dropped and `onOverflow` is called. */
  maxQueue?: number;
  /** Only messages this accepts are delivered (e.g. one deal's events). */
  filter?: (payload: T) => boolean;
  onOverflow?: () => void;
}

export async function busIterator<T>(
  bus: EventBus,
  dealershipId: string,
  topic: string,
  options: IterateOptions<T> = {},
): Promise<AsyncIterableIterator<T>> {
  const maxQueue = options.maxQueue ?? 1000;
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let finished = false;
  const tenant = dealershipId.toLowerCase();

  const unsubscribe = await bus.subscribe<T>(dealershipId, topic, (message: BusMessage<T>) => {
    // The bus checked the channel; the tenant of THIS subscription is checked once more here.
    if (finished || message.dealershipId !== tenant) return;
    if (options.filter && !options.filter(message.payload)) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: message.payload, done: false });
      return;
    }
    queue.push(message.payload);
    if (queue.length > maxQueue) {
      queue.shift();
      options.onOverflow?.();
    }
  });

  const finish = async (): Promise<IteratorResult<T>> => {
    if (!finished) {
      finished = true;
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
      await unsubscribe();
    }
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: async (error: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
