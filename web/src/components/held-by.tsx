'use client';
// "in deal #1002 (Morgan Lee)" beside a vehicle: each deal a link to its desk.
import Link from 'next/link';
import { Fragment } from 'react';
import type { HeldByDealFragment } from '../generated/graphql.ts';
import { dealWords, heldByOthers } from '../lib/held-by.ts';

export function HeldBy(props: {
  deals: readonly HeldByDealFragment[] | null | undefined;
  exceptDealId?: string;
}) {
  const others = heldByOthers(props.deals, props.exceptDealId);
  if (others.length === 0) return null;
  return (
    <span className="held-by" data-testid="held-by">
      in{' '}
      {others.map((d, i) => (
        <Fragment key={d.id}>
          {i > 0 ? ', ' : null}
          <Link href={`/deals/${d.id}`}>{dealWords(d)}</Link>
        </Fragment>
      ))}
    </span>
  );
}
