'use client';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { HeldBy } from '../../../components/held-by.tsx';
import { Pager } from '../../../components/pager.tsx';
import { Empty, ErrorBanner, Field, Loading } from '../../../components/ui.tsx';
import {
  useVehiclesQuery,
  type VehicleSort,
  type VehicleStatus,
} from '../../../generated/graphql.ts';
import { fieldErrors } from '../../../lib/errors.ts';
import { money, titleCase } from '../../../lib/format.ts';
import {
  EMPTY_FILTERS as EMPTY,
  toVehicleFilter,
  type Filters,
} from '../../../lib/vehicle-filter.ts';
import { hasPermission, useSession } from '../../../lib/session.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';

const STATUSES: VehicleStatus[] = ['AVAILABLE', 'ON_HOLD', 'SOLD', 'IN_TRANSIT'];
// Oldest in stock first: the cars that cost the most to keep are the ones to sell.
const SORTS: VehicleSort[] = [
  'DAYS_IN_STOCK_DESC',
  'DAYS_IN_STOCK_ASC',
  'PRICE_ASC',
  'PRICE_DESC',
  'YEAR_DESC',
  'YEAR_ASC',
];

const SORT_LABELS: Record<VehicleSort, string> = {
  DAYS_IN_STOCK_DESC: 'Oldest in stock first',
  DAYS_IN_STOCK_ASC: 'Newest arrivals first',
  PRICE_ASC: 'Price, low to high',
  PRICE_DESC: 'Price, high to low',
  YEAR_DESC: 'Year, newest first',
  YEAR_ASC: 'Year, oldest first',
};

export default function InventoryPage() {
  const state = useSession();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [sort, setSort] = useState<VehicleSort>('DAYS_IN_STOCK_DESC');
  const settled = useDebouncedValue(filters, 250);
  const filter = useMemo(() => toVehicleFilter(settled), [settled]);
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => reset(), [filter, sort, reset]);
  // Which deal holds each car (one car, one deal), for those who may read deals.
  const withDeals = hasPermission(state, 'deals.read');
  const query = useVehiclesQuery(
    { filter, sort, first: 25, after: pages.after, withDeals },
    { placeholderData: (previous) => previous },
  );
  const connection = query.data?.vehicles;
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [key]: e.target.value }));
  // The API names the filter box it refuses (filter.priceMax…): the message goes under that box.
  const boxErrors = fieldErrors(query.error, 'filter');
  const box = (key: keyof Filters, label: string, width = 110) => (
    <Field id={`f-${key}`} label={label} error={boxErrors[key]}>
      <input id={`f-${key}`} value={filters[key]} onChange={set(key)} style={{ width }} />
    </Field>
  );
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Inventory</h1>
        {hasPermission(state, 'inventory.write') ? (
          <div className="row">
            <Link className="btn" href="/inventory/import">
              Import CSV
            </Link>
            <Link className="btn btn-primary" href="/inventory/new">
              Add by VIN
            </Link>
          </div>
        ) : null}
      </div>
      <div className="card row">
        {box('text', 'Search', 180)}
        {box('make', 'Make')}
        {box('model', 'Model')}
        {box('yearMin', 'Year from', 80)}
        {box('yearMax', 'Year to', 80)}
        {box('priceMin', 'Price from', 90)}
        {box('priceMax', 'Price to', 90)}
        {box('daysInStockMin', 'Min days in stock', 80)}
        <Field id="f-status" label="Status">
          <select id="f-status" value={filters.status} onChange={set('status')}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {titleCase(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-sort" label="Sort">
          <select id="f-sort" value={sort} onChange={(e) => setSort(e.target.value as VehicleSort)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorBanner error={Object.keys(boxErrors).length ? null : query.error} />
      {query.isPending ? <Loading /> : null}
      {connection && connection.edges.length === 0 ? (
        <Empty>No vehicle matches. Widen the filters, or add a vehicle by its VIN.</Empty>
      ) : null}
      {connection && connection.edges.length > 0 ? (
        <>
          <table aria-label="Vehicles">
            <thead>
              <tr>
                <th>Stock</th>
                <th>Vehicle</th>
                <th>Condition</th>
                <th>VIN</th>
                <th className="num">Miles</th>
                <th className="num">Price</th>
                <th>Status</th>
                <th className="num">Days</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node: v }) => (
                <tr key={v.id}>
                  <td>{v.stockNumber}</td>
                  <td>
                    <Link href={`/inventory/${v.id}`}>
                      {v.year} {v.make} {v.model} {v.trim ?? ''}
                    </Link>
                  </td>
                  <td>{titleCase(v.condition)}</td>
                  <td className="mono">{v.vin}</td>
                  <td className="num">{v.mileage.toLocaleString('en-US')}</td>
                  <td className="num">{money(v.listPrice)}</td>
                  <td>
                    <span className="badge">{titleCase(v.status)}</span>{' '}
                    <HeldBy deals={v.openDeals} />
                  </td>
                  <td className="num">{v.daysInStock}</td>
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
