// A turn as the async iterator a GraphQL subscription returns: events are queued as the turn emits
// them and end with AssistantDone; a failure before the turn starts (bad input, rate limit) is the
// iterator's error. `return()` (client gone, subscription completed) aborts the model call.
import type { AssistantEventRecord } from './records.ts';

export function turnEvents(
  run: (emit: (e: AssistantEventRecord) => void, signal: AbortSignal) => Promise<unknown>,
): AsyncIterableIterator<AssistantEventRecord> {
  const abort = new AbortController();
  const queue: AssistantEventRecord[] = [];
  let failure: unknown;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  run((e) => {
    if (finished) return;
    queue.push(e);
    notify();
  }, abort.signal).then(
    () => {
      finished = true;
      notify();
    },
    (error: unknown) => {
      failure = error;
      finished = true;
      notify();
    },
  );
  const iterator: AsyncIterableIterator<AssistantEventRecord> = {
    async next() {
      for (;;) {
        const event = queue.shift();
        if (event) return { value: event, done: false };
        if (finished) {
          if (failure) {
            const error = failure;
            failure = undefined;
            throw error;
          }
          return { value: undefined, done: true };
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async return() {
      finished = true;
      abort.abort();
      queue.length = 0;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
