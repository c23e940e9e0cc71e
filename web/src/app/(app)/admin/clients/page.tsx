'use client';
// Integration clients (admin.clients): third-party systems (DMS, CRM, lead providers) that call the
// API with OAuth client credentials. The secret appears once, right after creating or rotating;
// after that only its existence is known. How integrators use it: docs/integrations.md.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Empty, ErrorBanner, Field, Loading } from '../../../../components/ui.tsx';
import {
  useAdminApiClientsQuery,
  useCreateApiClientMutation,
  useRevokeApiClientMutation,
  useRotateApiClientSecretMutation,
  type AdminApiClientFragment,
} from '../../../../generated/graphql.ts';
import { fieldErrors } from '../../../../lib/errors.ts';
import { dateTime } from '../../../../lib/format.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';

interface ShownSecret {
  name: string;
  clientId: string;
  clientSecret: string;
}

export default function ClientsPage() {
  const state = useSession();
  if (!hasPermission(state, 'admin.clients'))
    return <Empty>Managing integrations needs the admin.clients permission.</Empty>;
  return <Clients held={state.status === 'signedIn' ? state.user.permissions : []} />;
}

function Clients({ held }: { held: readonly string[] }) {
  const client = useQueryClient();
  const [showRevoked, setShowRevoked] = useState(false);
  const query = useAdminApiClientsQuery({ includeRevoked: showRevoked });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const rotate = useRotateApiClientSecretMutation();
  const revoke = useRevokeApiClientMutation();
  const refresh = () => client.invalidateQueries({ queryKey: ['AdminApiClients'] });
  if (query.isPending) return <Loading />;
  if (!query.data) return <ErrorBanner error={query.error} />;
  // Only what the administrator holds can be given (the server checks it too).
  const catalog = query.data.permissionCatalog.filter(
    (p) => held.includes(p.name) && p.name !== 'admin.clients',
  );
  const onRotate = async (c: AdminApiClientFragment) => {
    if (!window.confirm(`Issue a new secret for ${c.name}? The current one stops working now.`))
      return;
    const d = await rotate.mutateAsync({ id: c.id });
    setSecret({ name: c.name, ...d.rotateApiClientSecret });
    await refresh();
  };
  const onRevoke = async (c: AdminApiClientFragment) => {
    if (!window.confirm(`Revoke ${c.name}? It is refused from now on.`)) return;
    await revoke.mutateAsync({ id: c.id });
    setSecret(null);
    await refresh();
  };
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Integrations</h1>
        <Button variant="primary" onClick={() => setCreating(true)}>
          New integration client
        </Button>
      </div>
      <p className="muted">
        Systems such as your DMS or CRM sign in at <code>POST /auth/token</code> with a client id
        and secret (OAuth client credentials) and can do only what you allow here.
      </p>
      <ErrorBanner error={rotate.error ?? revoke.error} />
      {secret ? <SecretOnce secret={secret} onClose={() => setSecret(null)} /> : null}
      {creating ? (
        <NewClient
          catalog={catalog}
          onCancel={() => setCreating(false)}
          onCreated={async (shown) => {
            setCreating(false);
            setSecret(shown);
            await refresh();
          }}
        />
      ) : null}
      <label className="row" style={{ gap: 6 }}>
        <input
          type="checkbox"
          checked={showRevoked}
          onChange={(e) => setShowRevoked(e.target.checked)}
        />
        Show revoked clients
      </label>
      {query.data.apiClients.length === 0 ? (
        <Empty>No integration clients yet.</Empty>
      ) : (
        <table aria-label="Integration clients">
          <thead>
            <tr>
              <th>Name</th>
              <th>Client id</th>
              <th>Permissions</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {query.data.apiClients.map((c) => (
              <tr key={c.id} data-client={c.name}>
                <td>{c.name}</td>
                <td>
                  <code>{c.id}</code>
                </td>
                <td>{c.permissions.join(', ')}</td>
                <td>
                  {dateTime(c.createdAt)} by {c.createdBy}
                </td>
                <td>{c.lastUsedAt ? dateTime(c.lastUsedAt) : 'never'}</td>
                <td>
                  {c.revokedAt ? (
                    <span className="muted">Revoked {dateTime(c.revokedAt)}</span>
                  ) : (
                    <div className="row">
                      <Button
                        onClick={() => void onRotate(c)}
                        busy={rotate.isPending}
                        aria-label={`New secret for ${c.name}`}
                      >
                        New secret
                      </Button>
                      <Button
                        variant="danger"
                        onClick={() => void onRevoke(c)}
                        busy={revoke.isPending}
                        aria-label={`Revoke ${c.name}`}
                      >
                        Revoke
                      </Button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The one time the secret can be seen. */
function SecretOnce({ secret, onClose }: { secret: ShownSecret; onClose: () => void }) {
  return (
    <section className="card" aria-label="Credentials shown once">
      <h2>Credentials for {secret.name}</h2>
      <p>
        Copy the secret now: it is shown only this once and cannot be read again. If it is lost,
        issue a new one.
      </p>
      <Field id="shown-client-id" label="Client id">
        <input id="shown-client-id" readOnly value={secret.clientId} />
      </Field>
      <Field id="shown-client-secret" label="Client secret">
        <input id="shown-client-secret" readOnly value={secret.clientSecret} />
      </Field>
      <Button onClick={onClose}>I have copied it</Button>
    </section>
  );
}

function NewClient(props: {
  catalog: ReadonlyArray<{ name: string; description: string }>;
  onCancel: () => void;
  onCreated: (shown: ShownSecret) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>([]);
  const create = useCreateApiClientMutation();
  const errors = fieldErrors(create.error);
  const save = async () => {
    const d = await create.mutateAsync({ input: { name, permissions } });
    await props.onCreated({ name: d.createApiClient.client.name, ...d.createApiClient });
  };
  return (
    <section className="card" aria-label="New integration client">
      <h2>New integration client</h2>
      <ErrorBanner error={errors.name || errors.permissions ? null : create.error} />
      <Field id="client-name" label="Name" error={errors.name}>
        <input id="client-name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <fieldset className="field">
        <legend>Allowed to</legend>
        {props.catalog.map((p) => (
          <label key={p.name} className="row" style={{ gap: 6 }}>
            <input
              type="checkbox"
              name="client-permissions"
              value={p.name}
              checked={permissions.includes(p.name)}
              onChange={(e) =>
                setPermissions(
                  e.target.checked
                    ? [...permissions, p.name]
                    : permissions.filter((x) => x !== p.name),
                )
              }
            />
            {p.name} — {p.description}
          </label>
        ))}
        {errors.permissions ? (
          <span className="error" role="alert">
            {errors.permissions}
          </span>
        ) : null}
      </fieldset>
      <div className="row">
        <Button variant="primary" onClick={() => void save()} busy={create.isPending}>
          Create client
        </Button>
        <Button onClick={props.onCancel}>Cancel</Button>
      </div>
    </section>
  );
}
