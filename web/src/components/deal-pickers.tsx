'use client';
// The deal editor's pickers (loaded with it): the co-buyer from a customer search, and another vehicle
// from a search of AVAILABLE inventory. Each asks the API only once something is typed.
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useCustomersQuery, useVehiclesQuery } from '../generated/graphql.ts';
import { money } from '../lib/format.ts';
import { heldByText } from '../lib/held-by.ts';
import { useDebouncedValue } from '../lib/use-debounced-value.ts';
import { Button, Field } from './ui.tsx';

export interface PickedCustomer {
  id: string;
  name: string;
}
export interface PickedVehicle {
  id: string;
  label: string;
  listPrice: string | null;
  /** "in deal #1002 (Morgan Lee)" when another open deal holds it. */
  heldBy: string | null;
}

/** "2023 Hyundai Kona SEL · stock A1001": how a picker names a vehicle. */
export function vehicleLabel(v: {
  year: number;
  make: string;
  model: string;
  trim?: string | null;
  stockNumber: string;
}) {
  return `${v.year} ${v.make} ${v.model}${v.trim ? ` ${v.trim}` : ''} · stock ${v.stockNumber}`;
}

// Enter in a search box searches; it does not save the deal.
const keepEnter = (e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && e.preventDefault();

function useSearch() {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  return { search, setSearch, q };
}

export function CoBuyerPicker(props: {
  buyerId: string | undefined;
  value: PickedCustomer | null;
  error?: string;
  onPick: (picked: PickedCustomer | null) => void;
}) {
  const { search, setSearch, q } = useSearch();
  const customers = useCustomersQuery({ first: 8, search: q }, { enabled: q.length > 0 });
  const found = (customers.data?.customers.edges ?? [])
    .map((e) => e.node)
    .filter((c) => c.id !== props.buyerId);
  return (
    <fieldset className="card" aria-label="Co-buyer">
      <legend>Co-buyer</legend>
      <div className="row">
        <span data-testid="co-buyer-current">
          {props.value ? props.value.name : <span className="muted">No co-buyer</span>}
        </span>
        {props.value ? (
          <Button type="button" variant="danger" onClick={() => props.onPick(null)}>
            Remove co-buyer
          </Button>
        ) : null}
      </div>
      <Field id="d-coBuyerId" label="Find a co-buyer" error={props.error}>
        <input
          id="d-coBuyerId"
          type="search"
          placeholder="Search customers by name, phone or email"
          value={search}
          aria-invalid={!!props.error}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={keepEnter}
        />
      </Field>
      {q ? (
        <div role="radiogroup" aria-label="Co-buyers found" style={{ marginTop: 8 }}>
          {customers.isPending ? <span className="muted">Searching…</span> : null}
          {!customers.isPending && found.length === 0 ? (
            <span className="muted">No other customer matches.</span>
          ) : null}
          {found.map((c) => (
            <label key={c.id} style={{ display: 'block' }}>
              <input
                type="radio"
                name="coBuyer"
                value={c.id}
                checked={props.value?.id === c.id}
                onChange={() => props.onPick({ id: c.id, name: c.displayName })}
              />{' '}
              {c.displayName} <span className="muted">{c.emails[0] ?? ''}</span>
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

export function VehiclePicker(props: {
  /** The deal being edited: it does not count as holding a vehicle. */
  dealId: string;
  value: PickedVehicle | null;
  /** The deal's vehicle when the editor opened (left out of the results). */
  currentId: string | undefined;
  error?: string;
  onPick: (picked: PickedVehicle) => void;
  onUseListPrice: (listPrice: string) => void;
  /** Shown when the picked vehicle is in another open deal: the confirmation to share it. */
  acknowledge?: ReactNode;
}) {
  const { search, setSearch, q } = useSearch();
  const vehicles = useVehiclesQuery(
    { first: 8, filter: { status: ['AVAILABLE'], text: q }, withDeals: true },
    { enabled: q.length > 0 },
  );
  const found = (vehicles.data?.vehicles.edges ?? [])
    .map((e) => e.node)
    .filter((v) => v.id !== props.currentId);
  const picked = props.value;
  const swapped = picked && picked.id !== props.currentId;
  return (
    <fieldset className="card" aria-label="Vehicle">
      <legend>Vehicle</legend>
      <div className="row">
        <span data-testid="vehicle-current">{picked?.label ?? '—'}</span>
        {swapped && picked.listPrice ? (
          <Button type="button" onClick={() => props.onUseListPrice(picked.listPrice!)}>
            Use its list price ({money(picked.listPrice)})
          </Button>
        ) : null}
      </div>
      {swapped ? (
        <p className="muted">
          The selling price stays as it is unless you change it. A vehicle this deal holds is
          released; the new one is held on the next approval.
        </p>
      ) : null}
      {swapped && picked.heldBy ? (
        <div className="banner-warn" data-testid="picked-held-by">
          This vehicle is {picked.heldBy}. {props.acknowledge}
        </div>
      ) : null}
      <Field id="d-vehicleId" label="Find another vehicle" error={props.error}>
        <input
          id="d-vehicleId"
          type="search"
          placeholder="Search available inventory"
          value={search}
          aria-invalid={!!props.error}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={keepEnter}
        />
      </Field>
      {q ? (
        <div role="radiogroup" aria-label="Available vehicles" style={{ marginTop: 8 }}>
          {vehicles.isPending ? <span className="muted">Searching…</span> : null}
          {!vehicles.isPending && found.length === 0 ? (
            <span className="muted">No other available vehicle matches.</span>
          ) : null}
          {found.map((v) => {
            const label = vehicleLabel(v);
            const heldBy = heldByText(v.openDeals, props.dealId);
            return (
              <label key={v.id} style={{ display: 'block' }}>
                <input
                  type="radio"
                  name="vehicle"
                  value={v.id}
                  checked={picked?.id === v.id}
                  onChange={() =>
                    props.onPick({ id: v.id, label, listPrice: v.listPrice ?? null, heldBy })
                  }
                />{' '}
                {label} <span className="muted">{money(v.listPrice)}</span>
                {heldBy ? <span className="held-by"> · {heldBy}</span> : null}
              </label>
            );
          })}
        </div>
      ) : null}
    </fieldset>
  );
}
