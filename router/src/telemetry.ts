// One structured log line and one metrics sample per /graphql request, written when the response
// has been sent — so refusals that never reach Apollo Server (bad token, malformed JSON, CSRF) are
// counted the same way as executed operations.
import type { ServerResponse } from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from '@autolytiq/kit/core';
import { locals, type InternalErrorLog } from './request-context.ts';

// Operation names come from clients; past this many distinct names they share one label value so a
// client cannot blow up the metrics' cardinality.
const MAX_OPERATION_LABELS = 200;

export class OperationTelemetry {
  readonly registry = new Registry();
  private readonly count: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation' | 'outcome'>;
  private readonly seenOperations = new Set<string>();

  constructor(private readonly logger: Logger) {
    collectDefaultMetrics({ register: this.registry });
    this.count = new Counter({
      name: 'router_operations_total',
      help: 'GraphQL operations handled by the router, by operation name and outcome (ok or error code).',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'router_operation_duration_seconds',
      help: 'Time from request received to response sent, by operation name and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /** Exposes how many subgraph fetches joined an identical one in flight (subgraph-fetch.ts). */
  countSharedFetches(read: () => number): void {
    new Counter({
      name: 'router_subgraph_fetches_shared_total',
      help: 'Subgraph query fetches answered by an identical fetch already in flight (not sent again).',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }

  /** Schedules the record for when the response is done (or the client left). */
  track(res: ServerResponse): void {
    res.once('close', () => {
      const l = locals(res);
      const report = l.context?.report;
      const codes =
        l.errorCodes ??
        report?.errorCodes ??
        (res.statusCode >= 400 ? [statusCode(res.statusCode)] : []);
      this.record({
        requestId: l.requestId,
        dealershipId: l.context?.principal?.dealershipId,
        userId: l.context?.principal?.userId,
        operationName: report?.operationName ?? l.operationName,
        durationMs: performance.now() - l.startedAt,
        status: res.statusCode,
        ...(res.writableFinished ? {} : { aborted: true }),
        errorCodes: codes,
        internalErrors: l.internalErrors ?? report?.internalErrors,
      });
    });
  }

  record(entry: {
    requestId: string;
    dealershipId?: string;
    userId?: string;
    operationName?: string;
    durationMs: number;
    status: number;
    aborted?: boolean;
    errorCodes: string[];
    internalErrors?: InternalErrorLog[];
  }): void {
    const durationMs = Math.round(entry.durationMs * 1000) / 1000;
    const outcome = entry.errorCodes[0] ?? 'ok';
    const labels = { operation: this.operationLabel(entry.operationName), outcome };
    this.count.inc(labels);
    this.duration.observe(labels, durationMs / 1000);
    const level = entry.errorCodes.includes('INTERNAL')
      ? 'error'
      : entry.errorCodes.length
        ? 'warn'
        : 'info';
    if (!this.logger.isLevelEnabled(level)) return; // e.g. LOG_LEVEL=warn and a clean operation
    this.logger[level](
      { ...entry, durationMs, errorCodes: [...new Set(entry.errorCodes)] },
      'operation',
    );
  }

  private operationLabel(name: string | undefined): string {
    if (!name) return '(anonymous)';
    if (this.seenOperations.has(name)) return name;
    if (this.seenOperations.size >= MAX_OPERATION_LABELS) return '(other)';
    this.seenOperations.add(name);
    return name;
  }
}

// Errors answered without a GraphQL body we could read (e.g. Apollo's CSRF refusal).
function statusCode(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  return status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL';
}
