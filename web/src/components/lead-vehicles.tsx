'use client';
// An imported ADF lead's vehicles, linked to inventory: a lead that names a VIN or a stock number the
// dealership has shows that car (and which deal holds it), with "Start a deal" for the lead's customer
// on it. A vehicle the lead names but inventory lacks is said so.
import Link from 'next/link';
import { useLeadVehicleQuery, type ImportAdfLeadMutation } from '../generated/graphql.ts';
import { heldByText } from '../lib/held-by.ts';
import { hasPermission, useSession } from '../lib/session.ts';
import { vehicleLabel } from './deal-pickers.tsx';

type Lead = ImportAdfLeadMutation['importAdfLead'];
type LeadVehicle = Lead['vehicles'][number];

function described(v: LeadVehicle): string {
  const what = [v.year, v.make, v.model, v.trim].filter(Boolean).join(' ');
  const ids = [v.vin && `VIN ${v.vin}`, v.stock && `stock ${v.stock}`].filter(Boolean).join(', ');
  return `${what || 'A vehicle'}${ids ? ` (${ids})` : ''}`;
}

function LeadVehicleRow(props: { v: LeadVehicle; customerId: string; index: number }) {
  const session = useSession();
  const { v } = props;
  const withDeals = hasPermission(session, 'deals.read');
  const q = useLeadVehicleQuery(
    {
      vin: v.vin ?? '',
      byVin: !!v.vin,
      stock: v.stock ?? '',
      byStock: !v.vin && !!v.stock,
      withDeals,
    },
    { enabled: !!(v.vin || v.stock) },
  );
  const byStock = q.data?.vehicles?.edges
    .map((e) => e.node)
    .find((x) => x.stockNumber.toUpperCase() === (v.stock ?? '').toUpperCase());
  const found = q.data?.vehicleByVin ?? byStock ?? null;
  const held = found ? heldByText(found.openDeals) : null;
  return (
    <li data-testid={`lead-vehicle-${props.index}`}>
      {v.interest ? `${v.interest}: ` : ''}
      {described(v)} —{' '}
      {!v.vin && !v.stock ? (
        <span className="muted">no VIN or stock number to look up</span>
      ) : q.isPending ? (
        <span className="muted">looking it up…</span>
      ) : found ? (
        <>
          in stock: <Link href={`/inventory/${found.id}`}>{vehicleLabel(found)}</Link>
          {held ? <span className="held-by"> · {held}</span> : null}{' '}
          {hasPermission(session, 'deals.write') ? (
            <Link
              className="btn btn-primary"
              href={`/deals/new?buyerId=${props.customerId}&vehicleId=${found.id}`}
            >
              Start a deal on it
            </Link>
          ) : null}
        </>
      ) : (
        <span className="muted">not in inventory</span>
      )}
    </li>
  );
}

export function LeadVehicles({ lead }: { lead: Lead }) {
  if (lead.vehicles.length === 0) return null;
  return (
    <>
      <h2>Vehicles in the lead</h2>
      <ul>
        {lead.vehicles.map((v, i) => (
          <LeadVehicleRow key={i} v={v} customerId={lead.customer.id} index={i} />
        ))}
      </ul>
    </>
  );
}
