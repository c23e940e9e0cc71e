'use client';
// The deal structure Prime recommends for this deal, with its reason, on the desk. ml reads a deal
// seconds after it changes: while it has not (null), the card asks again every few seconds, and a new
// version of the deal asks again at once.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDealStrategyQuery } from '../generated/graphql.ts';
import { share, STRATEGY_LABELS } from '../lib/ml.ts';

export function DealStrategy({ dealId, version }: { dealId: string; version: number }) {
  const client = useQueryClient();
  const query = useDealStrategyQuery(
    { id: dealId },
    { refetchInterval: (q) => (q.state.data?.deal?.recommendedStrategy ? false : 3_000) },
  );
  useEffect(() => {
    void client.invalidateQueries({ queryKey: useDealStrategyQuery.getKey({ id: dealId }) });
  }, [client, dealId, version]);
  const rec = query.data?.deal?.recommendedStrategy;
  return (
    <section className="card no-print" aria-label="Recommended structure">
      <h2>Recommended structure</h2>
      {!rec ? (
        <p className="muted" data-testid="recommended-strategy">
          {query.error ? 'No recommendation available.' : 'Reading this deal…'}
        </p>
      ) : (
        <p data-testid="recommended-strategy">
          {rec.strategy ? (
            <>
              <strong>{STRATEGY_LABELS[rec.strategy].name}</strong> (
              {STRATEGY_LABELS[rec.strategy].detail}) · {share(rec.probability)} likely the best
              ·{' '}
            </>
          ) : null}
          <span className="muted">{rec.explanation}</span>
        </p>
      )}
    </section>
  );
}
