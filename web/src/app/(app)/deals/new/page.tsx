'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, ErrorBanner, Field } from '../../../../components/ui.tsx';
import {
  useCreateDealMutation,
  useCustomersQuery,
  useVehiclesQuery,
} from '../../../../generated/graphql.ts';
import { addScenarioFieldOf, addScenarioInput } from '../../../../lib/deal-add-scenario.ts';
import { fieldErrors } from '../../../../lib/errors.ts';
import { money } from '../../../../lib/format.ts';
import { useDebouncedValue } from '../../../../lib/use-debounced-value.ts';

export default function NewDealPage() {
  const router = useRouter();
  const create = useCreateDealMutation();
  const [buyerSearch, setBuyerSearch] = useState('');
  const [vehicleSearch, setVehicleSearch] = useState('');
  const [buyerId, setBuyerId] = useState('');
  const [vehicleId, setVehicleId] = useState('');
  const [terms, setTerms] = useState({ apr: '6.9', termMonths: '60', downPayment: '2000' });
  const [where, setWhere] = useState({ state: '', zip: '' });
  const buyerQ = useDebouncedValue(buyerSearch.trim(), 250);
  const vehicleQ = useDebouncedValue(vehicleSearch.trim(), 250);
  const customers = useCustomersQuery({ first: 10, search: buyerQ || undefined });
  const vehicles = useVehiclesQuery({
    first: 10,
    filter: { status: ['AVAILABLE'], text: vehicleQ || undefined },
  });
  // Bad boxes (the browser's check, or the server's answer) named on the box.
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const submit = async () => {
    const parsed = addScenarioInput('FINANCE', {
      ...terms,
      moneyFactor: '',
      residualPercent: '',
      leaseTerm: '',
      cashDown: '',
    });
    setErrors(parsed.errors ?? {});
    if (!parsed.input) return;
    const created = await create
      .mutateAsync({
        input: {
          buyerId,
          vehicleId,
          // Blank: the deals service takes them from the buyer's address.
          buyerState: where.state.trim().toUpperCase() || undefined,
          buyerZip: where.zip.trim() || undefined,
          scenarios: [{ ...parsed.input, name: 'Finance', select: true }],
        },
      })
      .catch((error: unknown) => {
        setErrors(newDealErrors(error));
        throw error;
      });
    router.push(`/deals/${created.createDeal.id}`);
  };
  return (
    <>
      <h1>New deal</h1>
      <ErrorBanner error={Object.values(errors).some(Boolean) ? null : create.error} />
      <div className="grid2">
        <div className="card">
          <Field id="buyer-search" label="Buyer">
            <input
              id="buyer-search"
              type="search"
              placeholder="Search customers"
              value={buyerSearch}
              onChange={(e) => setBuyerSearch(e.target.value)}
            />
          </Field>
          <div role="radiogroup" aria-label="Buyers" style={{ marginTop: 8 }}>
            {customers.data?.customers.edges.map(({ node }) => (
              <label key={node.id} style={{ display: 'block' }}>
                <input
                  type="radio"
                  name="buyer"
                  value={node.id}
                  checked={buyerId === node.id}
                  onChange={() => setBuyerId(node.id)}
                />{' '}
                {node.displayName} <span className="muted">{node.emails[0] ?? ''}</span>
              </label>
            ))}
          </div>
        </div>
        <div className="card">
          <Field id="vehicle-search" label="Vehicle">
            <input
              id="vehicle-search"
              type="search"
              placeholder="Search available inventory"
              value={vehicleSearch}
              onChange={(e) => setVehicleSearch(e.target.value)}
            />
          </Field>
          <div role="radiogroup" aria-label="Vehicles" style={{ marginTop: 8 }}>
            {vehicles.data?.vehicles.edges.map(({ node: v }) => (
              <label key={v.id} style={{ display: 'block' }}>
                <input
                  type="radio"
                  name="vehicle"
                  value={v.id}
                  checked={vehicleId === v.id}
                  onChange={() => setVehicleId(v.id)}
                />{' '}
                {v.year} {v.make} {v.model} <span className="muted">{money(v.listPrice)}</span>
              </label>
            ))}
          </div>
        </div>
      </div>
      <div className="card">
        <h2>Finance scenario</h2>
        <div className="row">
          <Field id="n-state" label="Buyer state (blank: from address)" error={errors.state}>
            <input
              id="n-state"
              aria-invalid={!!errors.state}
              maxLength={2}
              value={where.state}
              onChange={(e) => setWhere((w) => ({ ...w, state: e.target.value }))}
            />
          </Field>
          <Field id="n-zip" label="Buyer ZIP" error={errors.zip}>
            <input
              id="n-zip"
              aria-invalid={!!errors.zip}
              value={where.zip}
              onChange={(e) => setWhere((w) => ({ ...w, zip: e.target.value }))}
            />
          </Field>
          <Field id="n-apr" label="APR %" error={errors.apr}>
            <input
              id="n-apr"
              aria-invalid={!!errors.apr}
              value={terms.apr}
              onChange={(e) => setTerms((t) => ({ ...t, apr: e.target.value }))}
            />
          </Field>
          <Field id="n-term" label="Term (months)" error={errors.termMonths}>
            <input
              id="n-term"
              aria-invalid={!!errors.termMonths}
              value={terms.termMonths}
              onChange={(e) => setTerms((t) => ({ ...t, termMonths: e.target.value }))}
            />
          </Field>
          <Field id="n-down" label="Down payment" error={errors.downPayment}>
            <input
              id="n-down"
              aria-invalid={!!errors.downPayment}
              value={terms.downPayment}
              onChange={(e) => setTerms((t) => ({ ...t, downPayment: e.target.value }))}
            />
          </Field>
          <Button
            variant="primary"
            busy={create.isPending}
            disabled={!buyerId || !vehicleId}
            onClick={() => void submit().catch(() => undefined)}
          >
            Create deal
          </Button>
        </div>
      </div>
    </>
  );
}

/** The server's input errors on the new-deal boxes (the one scenario, the tax place). */
function newDealErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    if (path === 'buyerState') out.state = message;
    else if (path === 'buyerZip') out.zip = message;
    else {
      const key = addScenarioFieldOf(path.replace(/^scenarios\[0\]\./, ''));
      if (key) out[key] = message;
    }
  }
  return out;
}
