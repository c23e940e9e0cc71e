'use client';
// Roles (admin.users to change them): built-in roles are shown read-only; custom roles are created,
// edited and deleted here. Each permission shows whether the role holds it itself, through a role
// it inherits from, or not at all.
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Button, Empty, ErrorBanner, Field, Loading } from '../../../../components/ui.tsx';
import {
  useAdminRolesQuery,
  useCreateRoleMutation,
  useDeleteRoleMutation,
  useUpdateRoleMutation,
  type AdminRolesQuery,
} from '../../../../generated/graphql.ts';
import { fieldErrors } from '../../../../lib/errors.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';

type Role = AdminRolesQuery['roles'][number];

export default function RolesPage() {
  const state = useSession();
  if (!hasPermission(state, 'admin.users'))
    return <Empty>Managing roles needs the admin.users permission.</Empty>;
  return <Roles />;
}

function Roles() {
  const query = useAdminRolesQuery();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  if (query.isPending) return <Loading />;
  if (!query.data) return <ErrorBanner error={query.error} />;
  const { roles, permissionCatalog } = query.data;
  const role = roles.find((r) => r.name === selected) ?? null;
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Roles</h1>
        <div className="row">
          <Link className="btn" href="/admin/users">
            Users
          </Link>
          <Button
            variant="primary"
            onClick={() => {
              setCreating(true);
              setSelected(null);
            }}
          >
            New role
          </Button>
        </div>
      </div>
      <table aria-label="Roles">
        <thead>
          <tr>
            <th>Role</th>
            <th>Description</th>
            <th>Inherits</th>
            <th>Permissions (effective)</th>
            <th>Users</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => (
            <tr key={r.name} data-role={r.name}>
              <td>
                <Button
                  onClick={() => {
                    setSelected(r.name);
                    setCreating(false);
                  }}
                  aria-label={`Open role ${r.name}`}
                >
                  {r.name}
                </Button>{' '}
                {r.system ? <span className="muted">built-in</span> : null}
              </td>
              <td>{r.description}</td>
              <td>{r.inherits.join(', ') || '—'}</td>
              <td>{r.effectivePermissions.length}</td>
              <td>{r.userCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {creating || role ? (
        <RoleEditor
          key={role ? `${role.name}:${role.version}` : 'new'}
          role={creating ? null : role}
          roles={roles}
          catalog={permissionCatalog}
          onDone={(name) => {
            setCreating(false);
            setSelected(name);
          }}
        />
      ) : null}
    </>
  );
}

/** Own permissions are checkboxes; inherited ones are marked "from <role>" (and cannot be unticked here). */
function RoleEditor(props: {
  role: Role | null;
  roles: Role[];
  catalog: AdminRolesQuery['permissionCatalog'];
  onDone: (name: string | null) => void;
}) {
  const client = useQueryClient();
  const { role } = props;
  const [name, setName] = useState('');
  const [description, setDescription] = useState(role?.description ?? '');
  const [own, setOwn] = useState<string[]>(role ? [...role.permissions] : []);
  const [inherits, setInherits] = useState<string[]>(role ? [...role.inherits] : []);
  const create = useCreateRoleMutation();
  const update = useUpdateRoleMutation();
  const remove = useDeleteRoleMutation();
  const error = create.error ?? update.error ?? remove.error;
  const errors = fieldErrors(error);
  const readOnly = role?.system ?? false;
  // Which inherited role brings each permission (first one found), from the roles as saved.
  const byName = new Map(props.roles.map((r) => [r.name, r]));
  const inheritedFrom = new Map<string, string>();
  for (const parent of inherits)
    for (const p of byName.get(parent)?.effectivePermissions ?? [])
      if (!inheritedFrom.has(p)) inheritedFrom.set(p, parent);
  const refresh = () => client.invalidateQueries({ queryKey: ['AdminRoles'] });
  const save = async () => {
    if (role) {
      await update.mutateAsync({
        name: role.name,
        input: { version: role.version, description, permissions: own, inherits },
      });
      await refresh();
      props.onDone(role.name);
    } else {
      const d = await create.mutateAsync({
        input: { name, description, permissions: own, inherits },
      });
      await refresh();
      props.onDone(d.createRole.name);
    }
  };
  return (
    <section className="card" aria-label={role ? `Role ${role.name}` : 'New role'}>
      <h2>{role ? role.name : 'New role'}</h2>
      {readOnly ? <p className="muted">A built-in role: it cannot be changed or deleted.</p> : null}
      <ErrorBanner error={errors.name || errors.permissions || errors.inherits ? null : error} />
      {!role ? (
        <Field id="role-name" label="Name" error={errors.name}>
          <input id="role-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
      ) : null}
      <Field id="role-description" label="Description" error={errors.description}>
        <input
          id="role-description"
          value={description}
          disabled={readOnly}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <fieldset className="field">
        <legend>Inherits from</legend>
        {props.roles
          .filter((r) => r.name !== role?.name)
          .map((r) => (
            <label key={r.name} className="row" style={{ gap: 6 }}>
              <input
                type="checkbox"
                name="inherits"
                value={r.name}
                disabled={readOnly}
                checked={inherits.includes(r.name)}
                onChange={(e) =>
                  setInherits(
                    e.target.checked ? [...inherits, r.name] : inherits.filter((x) => x !== r.name),
                  )
                }
              />
              {r.name}
            </label>
          ))}
        {errors.inherits ? (
          <span className="error" role="alert">
            {errors.inherits}
          </span>
        ) : null}
      </fieldset>
      <fieldset className="field">
        <legend>Permissions</legend>
        <table aria-label="Permissions">
          <thead>
            <tr>
              <th>Own</th>
              <th>Permission</th>
              <th>Inherited</th>
            </tr>
          </thead>
          <tbody>
            {props.catalog.map((p) => (
              <tr key={p.name} data-permission={p.name}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Own: ${p.name}`}
                    disabled={readOnly}
                    checked={own.includes(p.name)}
                    onChange={(e) =>
                      setOwn(e.target.checked ? [...own, p.name] : own.filter((x) => x !== p.name))
                    }
                  />
                </td>
                <td>
                  <code>{p.name}</code> <span className="muted">{p.description}</span>
                </td>
                <td data-testid="inherited">
                  {inheritedFrom.has(p.name) ? `from ${inheritedFrom.get(p.name)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {errors.permissions ? (
          <span className="error" role="alert">
            {errors.permissions}
          </span>
        ) : null}
      </fieldset>
      {!readOnly ? (
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          {role ? (
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={() =>
                void remove
                  .mutateAsync({ name: role.name })
                  .then(async () => {
                    await refresh();
                    props.onDone(null);
                  })
                  .catch(() => undefined)
              }
            >
              Delete role
            </Button>
          ) : null}
          <Button
            variant="primary"
            busy={create.isPending || update.isPending}
            onClick={() => void save().catch(() => undefined)}
          >
            {role ? 'Save role' : 'Create role'}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
