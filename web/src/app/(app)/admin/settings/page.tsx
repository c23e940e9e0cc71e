'use client';
// Dealership settings (admin.settings), each part saved on its own with the version it was read at
// (someone else's change in between is a CONFLICT, shown in the part's banner):
// business information and opening hours (admin), deal defaults (deals), sign-in policy and the
// wording of account messages (auth).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MailTemplatesEditor } from '../../../../components/mail-templates-editor.tsx';
import { OpeningHoursEditor } from '../../../../components/opening-hours-editor.tsx';
import { Button, Empty, ErrorBanner, Field, Loading } from '../../../../components/ui.tsx';
import {
  useAdminSettingsQuery,
  useUpdateDealDefaultsMutation,
  useUpdateDealershipSettingsMutation,
  useUpdateSignInPolicyMutation,
  type AdminSettingsQuery,
  type OpeningHoursInput,
} from '../../../../generated/graphql.ts';
import { fieldErrors } from '../../../../lib/errors.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';

type Settings = AdminSettingsQuery;

export default function SettingsPage() {
  const state = useSession();
  if (!hasPermission(state, 'admin.settings'))
    return <Empty>Dealership settings need the admin.settings permission.</Empty>;
  return <AllSettings />;
}

function AllSettings() {
  const query = useAdminSettingsQuery();
  // Kept here: a saved part is remounted with its new version, which would drop its own notice.
  const [saved, setSaved] = useState<string | null>(null);
  if (query.isPending) return <Loading />;
  if (!query.data) return <ErrorBanner error={query.error} />;
  const d = query.data;
  return (
    <>
      <h1>Dealership settings</h1>
      <p role="status" className="muted">
        {saved}
      </p>
      <Business
        key={`b${d.myDealership.version}`}
        dealership={d.myDealership}
        onSaved={() => setSaved('Business information saved.')}
      />
      <DealDefaults
        key={`d${d.dealSettings.version}`}
        deal={d.dealSettings}
        onSaved={() => setSaved('Deal defaults saved.')}
      />
      <SignIn
        key={`s${d.signInPolicy.version}`}
        policy={d.signInPolicy}
        roles={d.roles}
        onSaved={() => setSaved('Sign-in policy saved.')}
      />
      <MailTemplatesEditor />
    </>
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['AdminSettings'] });
}

function Business({
  dealership: d,
  onSaved,
}: {
  dealership: Settings['myDealership'];
  onSaved: () => void;
}) {
  const refresh = useRefresh();
  const save = useUpdateDealershipSettingsMutation();
  const [form, setForm] = useState({
    name: d.name,
    legalName: d.legalName,
    taxId: d.taxId ?? '',
    phone: d.phone ?? '',
    logoUrl: d.logoUrl ?? '',
    timezone: d.timezone,
  });
  const [hours, setHours] = useState<OpeningHoursInput[]>(
    d.hours.map(({ day, opens, closes }) => ({ day, opens, closes })),
  );
  const errors = fieldErrors(save.error);
  const text = (key: keyof typeof form, label: string) => (
    <Field id={`settings-${key}`} label={label} error={errors[key]}>
      <input
        id={`settings-${key}`}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </Field>
  );
  const onSave = async () => {
    await save.mutateAsync({ input: { version: d.version, ...form, hours } });
    onSaved();
    await refresh();
  };
  const known = Object.keys(errors).some((k) => k in form || k.startsWith('hours'));
  return (
    <section className="card" aria-label="Business information">
      <h2>Business information</h2>
      <ErrorBanner error={known ? null : save.error} />
      {text('name', 'Dealership name')}
      {text('legalName', 'Legal name')}
      {text('taxId', 'Federal tax id (EIN)')}
      {text('phone', 'Phone')}
      {text('logoUrl', 'Logo address (https)')}
      {text('timezone', 'Time zone')}
      <h3>Opening hours</h3>
      <OpeningHoursEditor value={hours} onChange={setHours} errors={errors} />
      <div className="row">
        <Button variant="primary" onClick={() => void onSave()} busy={save.isPending}>
          Save business information
        </Button>
      </div>
    </section>
  );
}

function DealDefaults({ deal, onSaved }: { deal: Settings['dealSettings']; onSaved: () => void }) {
  const refresh = useRefresh();
  const save = useUpdateDealDefaultsMutation();
  const [docFee, setDocFee] = useState(String(deal.defaultDocFee));
  const errors = fieldErrors(save.error);
  const onSave = async () => {
    await save.mutateAsync({ version: deal.version, input: { defaultDocFee: docFee } });
    onSaved();
    await refresh();
  };
  return (
    <section className="card" aria-label="Deal defaults">
      <h2>Deal defaults</h2>
      <ErrorBanner error={errors.defaultDocFee ? null : save.error} />
      <Field id="settings-doc-fee" label="Default doc fee" error={errors.defaultDocFee}>
        <input
          id="settings-doc-fee"
          inputMode="decimal"
          value={docFee}
          onChange={(e) => setDocFee(e.target.value)}
        />
      </Field>
      <p className="muted">
        A new deal starts with this fee, capped by the buyer&apos;s state (or at {deal.maxDocFee}{' '}
        where the state sets no cap).
      </p>
      <div className="row">
        <Button variant="primary" onClick={() => void onSave()} busy={save.isPending}>
          Save deal defaults
        </Button>
      </div>
    </section>
  );
}

function SignIn(props: {
  policy: Settings['signInPolicy'];
  roles: Settings['roles'];
  onSaved: () => void;
}) {
  const refresh = useRefresh();
  const save = useUpdateSignInPolicyMutation();
  const [required, setRequired] = useState<string[]>([...props.policy.secondFactorRoles]);
  const [minLength, setMinLength] = useState(String(props.policy.passwordMinLength));
  const errors = fieldErrors(save.error);
  const onSave = async () => {
    await save.mutateAsync({
      input: {
        version: props.policy.version,
        secondFactorRoles: required,
        passwordMinLength: Number(minLength),
      },
    });
    props.onSaved();
    await refresh();
  };
  return (
    <section className="card" aria-label="Sign-in policy">
      <h2>Sign-in policy</h2>
      <ErrorBanner
        error={errors.secondFactorRoles || errors.passwordMinLength ? null : save.error}
      />
      <fieldset className="field">
        <legend>Require an authenticator app for</legend>
        {props.roles.map((r) => (
          <label key={r.name} className="row" style={{ gap: 6 }}>
            <input
              type="checkbox"
              name="second-factor-roles"
              value={r.name}
              checked={required.includes(r.name)}
              onChange={(e) =>
                setRequired(
                  e.target.checked ? [...required, r.name] : required.filter((x) => x !== r.name),
                )
              }
            />
            {r.name}
            {r.system ? '' : ' (custom)'}
          </label>
        ))}
        <span className="muted">Roles inheriting a chosen role need it too.</span>
        {errors.secondFactorRoles ? (
          <span className="error" role="alert">
            {errors.secondFactorRoles}
          </span>
        ) : null}
      </fieldset>
      <Field
        id="settings-password-min"
        label="Shortest password (12–64 characters)"
        error={errors.passwordMinLength}
      >
        <input
          id="settings-password-min"
          type="number"
          min={12}
          max={64}
          value={minLength}
          onChange={(e) => setMinLength(e.target.value)}
        />
      </Field>
      <div className="row">
        <Button variant="primary" onClick={() => void onSave()} busy={save.isPending}>
          Save sign-in policy
        </Button>
      </div>
    </section>
  );
}
