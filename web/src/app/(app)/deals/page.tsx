'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Pager } from '../../../components/pager.tsx';
import { Empty, ErrorBanner, Field, Loading } from '../../../components/ui.tsx';
import { useDealsQuery, type DealSort, type DealStatus } from '../../../generated/graphql.ts';
import {
  DEAL_SORTS,
  DEAL_STATUSES,
  EMPTY_DEAL_LIST_FORM,
  dealListFilter,
  type DealListForm,
} from '../../../lib/deal-list.ts';
import { date, money, titleCase } from '../../../lib/format.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import { useSession } from '../../../lib/session.ts';

export default function DealsPage() {
  const session = useSession();
  const userId = session.status === 'signedIn' ? session.user.id : null;
  const [form, setForm] = useState<DealListForm>(EMPTY_DEAL_LIST_FORM);
  const [sort, setSort] = useState<DealSort>('DEAL_DATE_DESC');
  const set = <K extends keyof DealListForm>(key: K, value: DealListForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const parsed = dealListFilter(form, userId);
  const filterKey = JSON.stringify(parsed.filter ?? null);
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => reset(), [filterKey, sort, reset]);
  const query = useDealsQuery(
    { filter: parsed.filter, sort, first: 25, after: pages.after },
    { placeholderData: (previous) => previous, enabled: !parsed.errors },
  );
  const connection = query.data?.deals;
  const errors = parsed.errors ?? {};
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Deals</h1>
        <Link className="btn btn-primary" href="/deals/new">
          New deal
        </Link>
      </div>
      <div className="card row" role="search" aria-label="Deal filters">
        <Field id="deal-number" label="Deal no." error={errors.dealNumber}>
          <input
            id="deal-number"
            inputMode="numeric"
            value={form.dealNumber}
            aria-invalid={!!errors.dealNumber}
            onChange={(e) => set('dealNumber', e.target.value)}
            style={{ width: 110 }}
          />
        </Field>
        <Field id="deal-status" label="Status">
          <select
            id="deal-status"
            value={form.status}
            onChange={(e) => set('status', e.target.value as DealStatus | '')}
          >
            <option value="">All</option>
            {DEAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {titleCase(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="deal-from" label="Deal date from" error={errors.from}>
          <input
            id="deal-from"
            type="date"
            value={form.from}
            aria-invalid={!!errors.from}
            onChange={(e) => set('from', e.target.value)}
          />
        </Field>
        <Field id="deal-to" label="to" error={errors.to}>
          <input
            id="deal-to"
            type="date"
            value={form.to}
            aria-invalid={!!errors.to}
            onChange={(e) => set('to', e.target.value)}
          />
        </Field>
        <Field id="deal-mine" label="Salesperson">
          <select
            id="deal-mine"
            value={form.mine ? 'mine' : 'all'}
            onChange={(e) => set('mine', e.target.value === 'mine')}
          >
            <option value="all">Everyone</option>
            <option value="mine">My deals</option>
          </select>
        </Field>
        <Field id="deal-sort" label="Sort">
          <select id="deal-sort" value={sort} onChange={(e) => setSort(e.target.value as DealSort)}>
            {DEAL_SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorBanner error={query.error} />
      {query.isPending && !parsed.errors ? <Loading /> : null}
      {connection && connection.edges.length === 0 ? (
        <Empty>No deals match. Change the filters, or start one with “New deal”.</Empty>
      ) : null}
      {connection && connection.edges.length > 0 ? (
        <>
          <table aria-label="Deals">
            <thead>
              <tr>
                <th className="num">No.</th>
                <th>Date</th>
                <th>Buyer</th>
                <th>Vehicle</th>
                <th>Salesperson</th>
                <th>Status</th>
                <th className="num">Payment</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node: d }) => (
                <tr key={d.id}>
                  <td className="num">
                    <Link href={`/deals/${d.id}`}>{d.dealNumber}</Link>
                  </td>
                  <td>
                    <Link href={`/deals/${d.id}`}>{date(d.dealDate)}</Link>
                  </td>
                  <td>{d.buyer?.displayName ?? '—'}</td>
                  <td>
                    {d.vehicle ? `${d.vehicle.year} ${d.vehicle.make} ${d.vehicle.model}` : '—'}
                  </td>
                  <td>{d.salesperson?.displayName ?? '—'}</td>
                  <td>
                    <span className="badge">{titleCase(d.status)}</span>
                  </td>
                  <td className="num">
                    {d.selectedScenario?.monthlyPayment
                      ? `${money(d.selectedScenario.monthlyPayment)}/mo`
                      : d.selectedScenario
                        ? titleCase(d.selectedScenario.kind)
                        : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={pages.page}
            hasNext={connection.pageInfo.hasNextPage}
            busy={query.isFetching}
            onBack={pages.back}
            onNext={() => pages.next(connection.pageInfo.endCursor)}
          />
        </>
      ) : null}
    </>
  );
}
