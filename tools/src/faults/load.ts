// Steady load for the fault suite and its tests: `workers` loops sending GraphQL requests, each
// classified (ok, partial = data with errors, error = errors only, HTTP status other than 200, or
// hung = no answer within `hangMs`), with the time it was sent, so a report can be cut by phase.
export interface Outcome {
  at: number;
  ms: number;
  label: string;
  status: number;
  kind: 'ok' | 'partial' | 'error' | 'http' | 'hung';
  codes: string[];
  /** The variables sent (writes: to match each attempt with what the database holds afterwards). */
  variables?: Record<string, unknown>;
  /** Each error's `extensions.service`, when it names one. */
  services?: string[];
  /** Each error's `extensions.writeOutcome`, when there is one. */
  writeOutcomes?: string[];
}

export interface LoadRequest {
  label: string;
  query: string;
  variables?: () => Record<string, unknown>;
  /** Called with a successful answer's data (writes: record what was acknowledged). */
  onData?: (data: Record<string, unknown>) => void;
}

export interface RunningLoad {
  outcomes: Outcome[];
  stop(): Promise<void>;
}

export function startLoad(
  url: string,
  /** The caller's access token, or a function giving the current one (long runs re-sign in). */
  token: string | (() => string),
  requests: LoadRequest[],
  options: { workers?: number; hangMs?: number; pauseMs?: number } = {},
): RunningLoad {
  const outcomes: Outcome[] = [];
  let running = true;
  const hangMs = options.hangMs ?? 15_000;
  const worker = async (w: number) => {
    for (let i = w; running; i++) {
      const r = requests[i % requests.length]!;
      const at = Date.now();
      const variables = r.variables?.();
      let outcome: Outcome;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${typeof token === 'string' ? token : token()}`,
          },
          body: JSON.stringify({ query: r.query, variables }),
          signal: AbortSignal.timeout(hangMs),
        });
        const text = await res.text();
        let body: {
          data?: Record<string, unknown> | null;
          errors?: Array<{
            extensions?: { code?: unknown; service?: unknown; writeOutcome?: unknown };
          }>;
        } = {};
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: counted by status
        }
        const codes = (body.errors ?? []).map((e) => String(e.extensions?.code ?? 'NONE'));
        const hasData = !!body.data && Object.values(body.data).some((v) => v !== null);
        const kind =
          res.status !== 200 && !body.errors
            ? 'http'
            : codes.length === 0
              ? 'ok'
              : hasData
                ? 'partial'
                : 'error';
        if (kind === 'ok' && body.data) r.onData?.(body.data);
        const named = (key: 'service' | 'writeOutcome') =>
          (body.errors ?? []).flatMap((e) =>
            typeof e.extensions?.[key] === 'string' ? [e.extensions[key]] : [],
          );
        outcome = {
          at,
          ms: Date.now() - at,
          label: r.label,
          status: res.status,
          kind,
          codes,
          variables,
          services: named('service'),
          writeOutcomes: named('writeOutcome'),
        };
      } catch (error) {
        const hung = (error as Error).name === 'TimeoutError';
        outcome = {
          at,
          ms: Date.now() - at,
          label: r.label,
          variables,
          status: 0,
          kind: hung ? 'hung' : 'http',
          codes: [hung ? 'HUNG' : `FETCH:${(error as Error).message}`],
        };
      }
      outcomes.push(outcome);
      if (options.pauseMs) await new Promise((res) => setTimeout(res, options.pauseMs));
    }
  };
  const done = Promise.all(Array.from({ length: options.workers ?? 4 }, (_, w) => worker(w)));
  return {
    outcomes,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** Counts by label and kind, and the error codes seen: one line per label. */
export function summarize(outcomes: Outcome[]): string[] {
  const byLabel = new Map<string, Outcome[]>();
  for (const o of outcomes) byLabel.set(o.label, [...(byLabel.get(o.label) ?? []), o]);
  return [...byLabel].map(([label, list]) => {
    const kinds = new Map<string, number>();
    const codes = new Map<string, number>();
    for (const o of list) {
      kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
      for (const c of new Set(o.codes)) codes.set(c, (codes.get(c) ?? 0) + 1);
      if (o.status !== 200 && o.status !== 0)
        codes.set(`HTTP ${o.status}`, (codes.get(`HTTP ${o.status}`) ?? 0) + 1);
    }
    const ms = list.map((o) => o.ms).sort((a, b) => a - b);
    const p95 = ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))] ?? 0;
    const fmt = (m: Map<string, number>) => [...m].map(([k, n]) => `${k} ${n}`).join(', ') || '—';
    return `${label.padEnd(22)} n=${String(list.length).padStart(5)}  ${fmt(kinds)}  codes: ${fmt(codes)}  p95 ${p95} ms  max ${ms.at(-1) ?? 0} ms`;
  });
}
