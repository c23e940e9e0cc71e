'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Pager } from '../../../components/pager.tsx';
import { Empty, ErrorBanner, Field, Loading } from '../../../components/ui.tsx';
import { useCustomersQuery } from '../../../generated/graphql.ts';
import { displayPhone } from '../../../lib/phone-display.ts';
import { fieldErrors } from '../../../lib/errors.ts';
import { date, titleCase } from '../../../lib/format.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';

export default function CustomersPage() {
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 250);
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => reset(), [debounced, reset]);
  const query = useCustomersQuery(
    { first: 25, after: pages.after, search: debounced || undefined },
    { placeholderData: (previous) => previous },
  );
  const searchError = fieldErrors(query.error).search;
  const connection = query.data?.customers;
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Customers</h1>
        <div className="row">
          <Link className="btn" href="/customers/import-lead">
            Import ADF lead
          </Link>
          <Link className="btn btn-primary" href="/customers/new">
            New customer
          </Link>
        </div>
      </div>
      <div className="card">
        <Field id="customer-search" label="Search by name, phone or email" error={searchError}>
          <input
            id="customer-search"
            type="search"
            value={search}
            placeholder="e.g. jon smith, 555-01, jon@example.com"
            onChange={(e) => setSearch(e.target.value)}
            aria-invalid={!!searchError}
          />
        </Field>
      </div>
      {!searchError ? <ErrorBanner error={query.error} /> : null}
      {query.isPending ? <Loading /> : null}
      {connection && connection.edges.length === 0 ? (
        <Empty>
          {debounced
            ? 'No customer matches. Check the spelling, or add them as a new customer.'
            : 'No customers yet. Add the first one with “New customer”.'}
        </Empty>
      ) : null}
      {connection && connection.edges.length > 0 ? (
        <>
          <p className="muted">{connection.totalCount} customers</p>
          <table aria-label="Customers">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Phone</th>
                <th>Source</th>
                <th>Added</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <Link href={`/customers/${node.id}`}>{node.displayName}</Link>
                  </td>
                  <td>{node.emails[0] ?? '—'}</td>
                  <td>{node.phones[0] ? displayPhone(node.phones[0].number) : '—'}</td>
                  <td>{titleCase(node.source)}</td>
                  <td>{date(node.createdAt)}</td>
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
