'use client';
// The dealership's customer segments as WHACO learned them (profiles, sizes, suggested approach), and
// for managers (deals.approve) the deals whose structure is unusual for their segment.
import Link from 'next/link';
import { useMlOutlierDealsQuery, useMlSegmentsQuery } from '../generated/graphql.ts';
import { dateTime, money, titleCase } from '../lib/format.ts';
import { share } from '../lib/ml.ts';
import { useCursorPages } from '../lib/use-cursor-pages.ts';
import { Pager } from './pager.tsx';
import { Empty, ErrorBanner, Loading } from './ui.tsx';

export function SegmentList() {
  const query = useMlSegmentsQuery();
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorBanner error={query.error} />;
  const report = query.data.mlSegments;
  if (!report.ready)
    return (
      <Empty>
        <span data-testid="segments-not-ready">{report.message}</span> ({report.customers} of{' '}
        {report.needed} customers with a desked deal.)
      </Empty>
    );
  return (
    <>
      <p className="muted" data-testid="segments-summary">
        Learned from {report.customers} customers with a desked deal · {report.outliers} fit no
        segment · model version {report.modelVersion} · {dateTime(report.trainedAt)}
      </p>
      <div className="grid2">
        {report.segments.map((s) => (
          <section key={s.id} className="card" data-testid="segment" aria-label={s.name}>
            <h2>
              {s.name} <span className="badge">{s.id}</span>
            </h2>
            <p>
              {s.size} customers ({share(s.share)})
            </p>
            <ul className="muted">
              <li>
                Typically {money(String(s.typical.sellingPrice))}
                {s.typical.termMonths ? `, ${s.typical.termMonths} months` : ', cash'}, down{' '}
                {share(s.typical.downPaymentShare)}, trade equity{' '}
                {share(s.typical.tradeEquityShare)}
                {s.typical.apr == null ? '' : `, APR ${s.typical.apr.toFixed(2)} %`}
              </li>
              <li>
                Cash {share(s.typical.cashShare)} · finance {share(s.typical.financeShare)} · lease{' '}
                {share(s.typical.leaseShare)} · new vehicles {share(s.typical.newVehicleShare)}
              </li>
              <li>
                Mostly from {titleCase(s.typical.leadSource)} · {s.typical.daysToClose.toFixed(0)}{' '}
                days to close
              </li>
            </ul>
            <p>
              <strong>Approach:</strong> {s.suggestedApproach}
            </p>
          </section>
        ))}
      </div>
    </>
  );
}

export function OutlierDeals() {
  const pages = useCursorPages();
  const query = useMlOutlierDealsQuery({ first: 25, after: pages.after });
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorBanner error={query.error} />;
  const conn = query.data.mlOutlierDeals;
  return (
    <section className="card" aria-label="Unusual deals">
      <h2>Unusual deals to review ({conn.totalCount})</h2>
      {conn.edges.length === 0 ? (
        <Empty>No deal stands out from its customer’s segment.</Empty>
      ) : (
        <table aria-label="Unusual deals">
          <thead>
            <tr>
              <th>Deal</th>
              <th>Buyer</th>
              <th>Nearest segment</th>
              <th>What is unusual</th>
              <th className="num">Score</th>
            </tr>
          </thead>
          <tbody>
            {conn.edges.map(({ node: o }) => (
              <tr key={o.deal.id} data-testid="outlier-deal">
                <td>
                  <Link href={`/deals/${o.deal.id}`}>Deal #{o.deal.dealNumber}</Link>{' '}
                  <span className="badge">{titleCase(o.deal.status)}</span>
                </td>
                <td>{o.deal.buyer?.displayName ?? '—'}</td>
                <td>{o.nearestSegment?.name ?? '—'}</td>
                <td>{o.reasons.join('; ')}</td>
                <td className="num">{o.score.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        page={pages.page}
        hasNext={conn.pageInfo.hasNextPage}
        busy={query.isFetching}
        onBack={pages.back}
        onNext={() => pages.next(conn.pageInfo.endCursor)}
      />
    </section>
  );
}
