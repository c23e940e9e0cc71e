'use client';
// The new-deal page's buyer and vehicle choices: a search, with the customer or vehicle the deal was
// started from (a customer page, a vehicle page, a lead) already chosen at the top. A vehicle another
// open deal holds says so ("in deal #1002 (Morgan Lee)") and is taken only when the user confirms.
import { useEffect, useState, type ReactNode } from 'react';
import {
  useCustomersQuery,
  useDealStartBuyerQuery,
  useDealStartVehicleQuery,
  useVehiclesQuery,
} from '../generated/graphql.ts';
import { money } from '../lib/format.ts';
import { heldByText } from '../lib/held-by.ts';
import { useDebouncedValue } from '../lib/use-debounced-value.ts';
import { vehicleLabel } from './deal-pickers.tsx';
import { Field } from './ui.tsx';

function Choice(props: {
  name: string;
  id: string;
  checked: boolean;
  onPick: () => void;
  children: ReactNode;
}) {
  return (
    <label style={{ display: 'block' }}>
      <input
        type="radio"
        name={props.name}
        value={props.id}
        checked={props.checked}
        onChange={props.onPick}
      />{' '}
      {props.children}
    </label>
  );
}

/** The started-from entity first, then the search's finds without it. */
function withStart<T extends { id: string }>(start: T | null | undefined, found: readonly T[]) {
  return start ? [start, ...found.filter((x) => x.id !== start.id)] : [...found];
}

export function BuyerChoice(props: {
  startId: string | null;
  value: string;
  onPick: (id: string) => void;
}) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const customers = useCustomersQuery({ first: 10, search: q || undefined });
  const start = useDealStartBuyerQuery({ id: props.startId ?? '' }, { enabled: !!props.startId });
  const list = withStart(
    start.data?.customer,
    (customers.data?.customers.edges ?? []).map((e) => e.node),
  );
  return (
    <div className="card">
      <Field id="buyer-search" label="Buyer">
        <input
          id="buyer-search"
          type="search"
          placeholder="Search customers"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </Field>
      <div role="radiogroup" aria-label="Buyers" style={{ marginTop: 8 }}>
        {list.map((c) => (
          <Choice
            key={c.id}
            name="buyer"
            id={c.id}
            checked={props.value === c.id}
            onPick={() => props.onPick(c.id)}
          >
            {c.displayName} <span className="muted">{c.emails[0] ?? ''}</span>
          </Choice>
        ))}
      </div>
    </div>
  );
}

export interface ChosenVehicle {
  id: string;
  /** "in deal #1002 (Morgan Lee)" when another open deal holds it. */
  heldBy: string | null;
}

export function VehicleChoice(props: {
  startId: string | null;
  value: ChosenVehicle | null;
  withDeals: boolean;
  onPick: (v: ChosenVehicle) => void;
  /** The confirmation to share a held vehicle, shown when the chosen one is held. */
  acknowledge: ReactNode;
}) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { withDeals } = props;
  const vehicles = useVehiclesQuery({
    first: 10,
    filter: { status: ['AVAILABLE'], text: q || undefined },
    withDeals,
  });
  const start = useDealStartVehicleQuery(
    { id: props.startId ?? '', withDeals },
    { enabled: !!props.startId },
  );
  // The vehicle the deal was started from is chosen once it is read (with the deals holding it).
  const started = start.data?.vehicle;
  const { value, onPick } = props;
  useEffect(() => {
    if (started && !value) onPick({ id: started.id, heldBy: heldByText(started.openDeals) });
  }, [started, value, onPick]);
  const list = withStart(
    start.data?.vehicle,
    (vehicles.data?.vehicles.edges ?? []).map((e) => e.node),
  );
  return (
    <div className="card">
      <Field id="vehicle-search" label="Vehicle">
        <input
          id="vehicle-search"
          type="search"
          placeholder="Search available inventory"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </Field>
      <div role="radiogroup" aria-label="Vehicles" style={{ marginTop: 8 }}>
        {list.map((v) => {
          const heldBy = heldByText(v.openDeals);
          return (
            <Choice
              key={v.id}
              name="vehicle"
              id={v.id}
              checked={props.value?.id === v.id}
              onPick={() => props.onPick({ id: v.id, heldBy })}
            >
              {vehicleLabel(v)} <span className="muted">{money(v.listPrice)}</span>
              {heldBy ? <span className="held-by"> · {heldBy}</span> : null}
            </Choice>
          );
        })}
      </div>
      {props.value?.heldBy ? (
        <div className="banner-warn" data-testid="picked-held-by">
          This vehicle is {props.value.heldBy}. {props.acknowledge}
        </div>
      ) : null}
    </div>
  );
}
