'use client';
// A vehicle: its details (invoice and dealer cost for users with inventory.write) and, for them, the
// "Edit vehicle" form, loaded on demand so the page's first load stays small.
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { HeldBy } from '../../../../components/held-by.tsx';
import { Button, Empty, ErrorBanner, Loading } from '../../../../components/ui.tsx';
import {
  useDealStartVehicleQuery,
  useVehicleCostsQuery,
  useVehicleQuery,
} from '../../../../generated/graphql.ts';
import { date, money, titleCase } from '../../../../lib/format.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';
import { usePageTitle } from '../../../../lib/use-page-title.ts';

const VehicleEditPanel = dynamic(
  () => import('../../../../components/vehicle-editor.tsx').then((m) => m.VehicleEditPanel),
  { ssr: false, loading: () => <Loading /> },
);

export default function VehiclePage() {
  const { id } = useParams<{ id: string }>();
  const query = useVehicleQuery({ id });
  const titled = query.data?.vehicle;
  usePageTitle(
    titled && `${titled.year} ${titled.make} ${titled.model} · stock ${titled.stockNumber}`,
  );
  // Invoice, dealer cost and editing are inventory.write (the API refuses the rest).
  const session = useSession();
  const canWrite = hasPermission(session, 'inventory.write');
  const costs = useVehicleCostsQuery({ id }, { enabled: canWrite });
  // The open deals holding it (one car, one deal), for those who may read deals.
  const canReadDeals = hasPermission(session, 'deals.read');
  const held = useDealStartVehicleQuery({ id, withDeals: true }, { enabled: canReadDeals });
  const [editing, setEditing] = useState(false);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const v = query.data?.vehicle;
  if (!v) return <Empty>This vehicle does not exist (or belongs to another dealership).</Empty>;
  const rows: Array<[string, string]> = [
    ['VIN', v.vin],
    ['Stock number', v.stockNumber],
    ['Condition', titleCase(v.condition)],
    ['Status', titleCase(v.status)],
    ['Mileage', v.mileage.toLocaleString('en-US')],
    ['List price', money(v.listPrice)],
    ['MSRP', money(v.msrp)],
    ...(canWrite
      ? ([
          ['Invoice', costs.data ? money(costs.data.vehicle?.invoice) : '…'],
          ['Dealer cost', costs.data ? money(costs.data.vehicle?.cost) : '…'],
        ] as Array<[string, string]>)
      : []),
    ['Body', v.body ?? '—'],
    ['Drivetrain', v.drivetrain ?? '—'],
    ['Engine', v.engine ?? '—'],
    ['Exterior', v.exteriorColor ?? '—'],
    ['Interior', v.interiorColor ?? '—'],
    ['In stock since', `${date(v.inStockDate)} (${v.daysInStock} days)`],
  ];
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>
          {v.year} {v.make} {v.model} {v.trim ?? ''}
        </h1>
        <div className="row">
          {hasPermission(session, 'deals.write') ? (
            <Link className="btn btn-primary" href={`/deals/new?vehicleId=${v.id}`}>
              Start a deal
            </Link>
          ) : null}
          {canWrite && !editing ? (
            <Button type="button" onClick={() => setEditing(true)}>
              Edit vehicle
            </Button>
          ) : null}
        </div>
      </div>
      {held.data?.vehicle?.openDeals?.length ? (
        <p className="banner-warn">
          This vehicle is <HeldBy deals={held.data.vehicle.openDeals} />.
        </p>
      ) : null}
      {editing ? (
        <VehicleEditPanel vehicle={v} canSeeCost={canWrite} onClose={() => setEditing(false)} />
      ) : null}
      <ErrorBanner error={costs.error} />
      <div className="card" hidden={editing}>
        <table aria-label="Vehicle">
          <tbody>
            {rows.map(([k, val]) => (
              <tr key={k}>
                <th style={{ width: 180 }}>{k}</th>
                <td className={k === 'VIN' ? 'mono' : undefined}>{val}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {v.options.length > 0 ? (
        <div className="card">
          <h2>Options</h2>
          <ul>
            {v.options.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
