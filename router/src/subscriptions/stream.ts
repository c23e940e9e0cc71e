// One client subscription as the AsyncIterator graphql-ws reads: upstream events in, results out,
// in order. Each event's cross-subgraph fields are resolved before the next one (a chain of promises),
// so a client never sees events reordered. `return()` (client complete, disconnect) ends the upstream
// subscription at once; `fail()` delivers one error result and ends (schema reload, shutdown).
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Logger } from '@autolytiq/kit/core';
import type { UpstreamEvent, UpstreamSink } from './upstream.ts';

/** Results kept for a slow client before the subscription is ended with an error. */
const MAX_BACKLOG = 10_000;

export class EventStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private waiting: ((r: IteratorResult<ExecutionResult>) => void) | undefined;
  private ended = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly stopUpstream: () => void;

  constructor(
    open: (sink: UpstreamSink) => () => void,
    private readonly resolve: (data: Record<string, unknown>) => Promise<ExecutionResult>,
    private readonly onEnd: () => void,
    private readonly logger: Logger,
  ) {
    this.stopUpstream = open({
      next: (event) => this.enqueue(event),
      error: (error) => this.chain.then(() => this.fail(upstreamError(error))),
      complete: () => void this.chain.then(() => this.end()),
    });
  }

  private enqueue(event: UpstreamEvent): void {
    this.chain = this.chain.then(async () => {
      if (this.ended) return;
      let result: ExecutionResult;
      if (!event.data) {
        result = { errors: (event.errors ?? []).map(toGraphQLError) };
      } else {
        try {
          result = await this.resolve(event.data);
        } catch (error) {
          this.logger.error({ err: error }, 'subscription event could not be resolved');
          result = {
            errors: [new GraphQLError('Internal error.', { extensions: { code: 'INTERNAL' } })],
          };
        }
      }
      this.push(result);
    });
  }

  private push(result: ExecutionResult): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: result, done: false });
      return;
    }
    this.queue.push(result);
    if (this.queue.length > MAX_BACKLOG) {
      this.queue.length = 0;
      this.fail(
        new GraphQLError('The client is not reading events fast enough; subscribe again.', {
          extensions: { code: 'RATE_LIMITED' },
        }),
      );
    }
  }

  /** Delivers one error result (after what is queued) and ends. */
  fail(error: GraphQLError): void {
    if (this.ended) return;
    this.push({ errors: [error] });
    this.end();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.stopUpstream();
    this.onEnd();
    if (this.waiting && this.queue.length === 0) {
      this.waiting({ value: undefined, done: true });
      this.waiting = undefined;
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.end();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }
}

function toGraphQLError(e: {
  message: string;
  extensions?: Record<string, unknown>;
}): GraphQLError {
  return new GraphQLError(e.message, { extensions: e.extensions });
}

/** A subgraph's `error` message (GraphQL errors) or a closed/failed upstream socket. */
function upstreamError(error: unknown): GraphQLError {
  if (Array.isArray(error) && error.length > 0) return toGraphQLError(error[0]);
  const code = (error as { code?: number } | undefined)?.code;
  if (code === 4401 || code === 4403) {
    return new GraphQLError('The subgraph refused this session; sign in again.', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  return new GraphQLError('The subscription was interrupted; subscribe again.', {
    extensions: { code: 'INTERNAL' },
  });
}
