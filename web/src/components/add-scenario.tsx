'use client';
// Adds a cash, finance or lease scenario beside the others; the server computes it.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  useAddScenarioMutation,
  useDealQuery,
  type DealDeskFragment,
  type ScenarioInput,
  type ScenarioKind,
} from '../generated/graphql.ts';
import { Button, ErrorBanner, Field } from './ui.tsx';

export function AddScenario({
  deal,
  confirm = (action) => action(),
}: {
  deal: DealDeskFragment;
  /** Runs the add, after a confirmation when it would send the deal back for approval. */
  confirm?: (action: () => void) => void;
}) {
  const client = useQueryClient();
  const add = useAddScenarioMutation({
    onSuccess: () => client.invalidateQueries({ queryKey: useDealQuery.getKey({ id: deal.id }) }),
  });
  const [kind, setKind] = useState<ScenarioKind>('CASH');
  const [f, setF] = useState({
    apr: '5.9',
    termMonths: '72',
    downPayment: '0',
    moneyFactor: '0.00125',
    residualPercent: '0.58',
    leaseTerm: '36',
    cashDown: '2000',
  });
  const set = (key: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((v) => ({ ...v, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: ScenarioInput =
      kind === 'CASH'
        ? { kind, name: 'Cash' }
        : kind === 'FINANCE'
          ? {
              kind,
              name: `Finance ${f.termMonths} mo`,
              finance: { apr: f.apr, termMonths: Number(f.termMonths), downPayment: f.downPayment },
            }
          : {
              kind,
              name: `Lease ${f.leaseTerm} mo`,
              lease: {
                moneyFactor: f.moneyFactor,
                residualPercent: f.residualPercent,
                termMonths: Number(f.leaseTerm),
                cashDown: f.cashDown,
              },
            };
    confirm(() => add.mutate({ dealId: deal.id, version: deal.version, input }));
  };
  const box = (key: keyof typeof f, label: string) => (
    <Field id={`s-${key}`} label={label}>
      <input id={`s-${key}`} value={f[key]} onChange={set(key)} style={{ width: 100 }} />
    </Field>
  );
  return (
    <form className="card row no-print" onSubmit={submit} aria-label="Add a scenario">
      <Field id="s-kind" label="Scenario kind">
        <select id="s-kind" value={kind} onChange={(e) => setKind(e.target.value as ScenarioKind)}>
          <option value="CASH">Cash</option>
          <option value="FINANCE">Finance</option>
          <option value="LEASE">Lease</option>
        </select>
      </Field>
      {kind === 'FINANCE' ? (
        <>
          {box('apr', 'APR %')}
          {box('termMonths', 'Term')}
          {box('downPayment', 'Down')}
        </>
      ) : null}
      {kind === 'LEASE' ? (
        <>
          {box('moneyFactor', 'Money factor')}
          {box('residualPercent', 'Residual (fraction of MSRP)')}
          {box('leaseTerm', 'Term')}
          {box('cashDown', 'Cash down')}
        </>
      ) : null}
      <Button type="submit" busy={add.isPending}>
        Add scenario
      </Button>
      <ErrorBanner error={add.error} />
    </form>
  );
}
