'use client';
// A new deal: buyer, vehicle and a first finance scenario. Opened from a customer, a vehicle or a lead
// ("Start a deal"), it arrives with `?buyerId=` / `?vehicleId=` already chosen.
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import {
  BuyerChoice,
  VehicleChoice,
  type ChosenVehicle,
} from '../../../../components/new-deal-pickers.tsx';
import { Button, ErrorBanner, Field } from '../../../../components/ui.tsx';
import { useCreateDealMutation } from '../../../../generated/graphql.ts';
import { addScenarioFieldOf, addScenarioInput } from '../../../../lib/deal-add-scenario.ts';
import { fieldErrors } from '../../../../lib/errors.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';

export default function NewDealPage() {
  const router = useRouter();
  const params = useSearchParams();
  const state = useSession();
  const create = useCreateDealMutation();
  const startBuyer = params.get('buyerId');
  const startVehicle = params.get('vehicleId');
  const [buyerId, setBuyerId] = useState(startBuyer ?? '');
  const [vehicle, setVehicle] = useState<ChosenVehicle | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const vehicleId = vehicle?.id ?? '';
  const [terms, setTerms] = useState({ apr: '6.9', termMonths: '60', downPayment: '2000' });
  const [where, setWhere] = useState({ state: '', zip: '' });
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
          ...(acknowledged && vehicle?.heldBy ? { acknowledgeOpenDeals: true } : {}),
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
        <BuyerChoice startId={startBuyer} value={buyerId} onPick={setBuyerId} />
        <VehicleChoice
          startId={startVehicle}
          value={vehicle}
          withDeals={hasPermission(state, 'deals.read')}
          onPick={(v) => (setVehicle(v), setAcknowledged(false))}
          acknowledge={
            <label>
              <input
                type="checkbox"
                checked={acknowledged}
                onChange={(e) => setAcknowledged(e.target.checked)}
              />{' '}
              Write this deal on it as well (a second deal on the same car)
            </label>
          }
        />
      </div>
      {errors.vehicle ? (
        <div className="banner-error" role="alert" id="n-vehicle-error">
          {errors.vehicle}
        </div>
      ) : null}
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
    else if (path === 'vehicleId') out.vehicle = message;
    else if (path === 'buyerZip') out.zip = message;
    else {
      const key = addScenarioFieldOf(path.replace(/^scenarios\[0\]\./, ''));
      if (key) out[key] = message;
    }
  }
  return out;
}
