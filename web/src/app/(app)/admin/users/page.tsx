'use client';
// Users of the dealership (admin.users): search and filter, invite, edit (name, email, roles),
// deactivate / reactivate, send a password reset, lift a sign-in lock, resend an invitation.
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { AdminUserForm, type UserFormValues } from '../../../../components/admin-user-form.tsx';
import { Pager } from '../../../../components/pager.tsx';
import { Button, Empty, ErrorBanner, Field, Loading, Modal } from '../../../../components/ui.tsx';
import type { UserStatus } from '../../../../generated/graphql.ts';
import {
  useAdminRolesQuery,
  useCreateUserMutation,
  useDeactivateUserMutation,
  useReactivateUserMutation,
  useResendInvitationMutation,
  useResetUserPasswordMutation,
  useUnlockUserMutation,
  useUpdateUserMutation,
  useUserAccountsQuery,
  type AdminUserFragment,
} from '../../../../generated/graphql.ts';
import { fieldErrors } from '../../../../lib/errors.ts';
import { date } from '../../../../lib/format.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';
import { useCursorPages } from '../../../../lib/use-cursor-pages.ts';
import { useDebouncedValue } from '../../../../lib/use-debounced-value.ts';

const STATUS_LABEL: Record<UserStatus, string> = {
  ACTIVE: 'Active',
  INVITED: 'Invited',
  DEACTIVATED: 'Deactivated',
};
const EMPTY: UserFormValues = { username: '', displayName: '', email: '', roles: [], password: '' };

export default function UsersPage() {
  const state = useSession();
  if (!hasPermission(state, 'admin.users'))
    return <Empty>Managing users needs the admin.users permission.</Empty>;
  return <Users />;
}

function Users() {
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState<UserStatus | ''>('');
  const debounced = useDebouncedValue(search.trim(), 250);
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => reset(), [debounced, role, status, reset]);
  const filter = {
    search: debounced || undefined,
    role: role || undefined,
    status: status || undefined,
  };
  const query = useUserAccountsQuery(
    { filter, first: 25, after: pages.after },
    { placeholderData: (previous) => previous },
  );
  const roles = useAdminRolesQuery();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<AdminUserFragment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['UserAccounts'] });
  const create = useCreateUserMutation();
  const update = useUpdateUserMutation();
  const deactivate = useDeactivateUserMutation();
  const reactivate = useReactivateUserMutation();
  const resetPassword = useResetUserPasswordMutation();
  const unlock = useUnlockUserMutation();
  const resend = useResendInvitationMutation();
  const actionError =
    deactivate.error ?? reactivate.error ?? resetPassword.error ?? unlock.error ?? resend.error;
  const roleList = (roles.data?.roles ?? []).map((r) => ({
    name: r.name,
    description: r.description,
  }));
  const connection = query.data?.userAccounts;
  const searchError = fieldErrors(query.error, 'filter').search;
  const act = async (message: string, run: () => Promise<unknown>) => {
    setNotice(null);
    for (const m of [deactivate, reactivate, resetPassword, unlock, resend]) m.reset();
    await run();
    setNotice(message);
    await refresh();
  };
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Users</h1>
        <div className="row">
          <Link className="btn" href="/admin/roles">
            Roles
          </Link>
          <Link className="btn" href="/admin/users/import">
            Import CSV
          </Link>
          <Button variant="primary" onClick={() => setInviting(true)}>
            Invite a user
          </Button>
        </div>
      </div>
      <div className="card row" style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <Field id="user-search" label="Search by username, name or email" error={searchError}>
          <input
            id="user-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </Field>
        <Field id="user-role" label="Role">
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">Any role</option>
            {roleList.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="user-status" label="Status">
          <select
            id="user-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as UserStatus | '')}
          >
            <option value="">Any status</option>
            {Object.entries(STATUS_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {notice ? (
        <div className="banner-ok" role="status" data-testid="admin-notice">
          {notice}
        </div>
      ) : null}
      <ErrorBanner error={actionError} />
      {!searchError ? <ErrorBanner error={query.error} /> : null}
      {query.isPending ? <Loading /> : null}
      {connection && connection.edges.length === 0 ? <Empty>No user matches.</Empty> : null}
      {connection && connection.edges.length > 0 ? (
        <>
          <p className="muted" data-testid="user-count">
            {connection.totalCount} users
          </p>
          <table aria-label="Users">
            <thead>
              <tr>
                <th>Username</th>
                <th>Name</th>
                <th>Email</th>
                <th>Roles</th>
                <th>Status</th>
                <th>Last sign-in</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id} data-username={node.username}>
                  <td>{node.username}</td>
                  <td>{node.displayName}</td>
                  <td>{node.email ?? '—'}</td>
                  <td>{node.roles.join(', ')}</td>
                  <td data-testid="user-status">{STATUS_LABEL[node.status]}</td>
                  <td>{node.lastSignInAt ? date(node.lastSignInAt) : '—'}</td>
                  <td>
                    <div className="row" style={{ flexWrap: 'wrap', gap: 4 }}>
                      <Button onClick={() => setEditing(node)} aria-label={`Edit ${node.username}`}>
                        Edit
                      </Button>
                      {node.status === 'DEACTIVATED' ? (
                        <Button
                          aria-label={`Reactivate ${node.username}`}
                          onClick={() =>
                            void act(`${node.username} can sign in again.`, () =>
                              reactivate.mutateAsync({ id: node.id }),
                            )
                          }
                        >
                          Reactivate
                        </Button>
                      ) : (
                        <Button
                          variant="danger"
                          aria-label={`Deactivate ${node.username}`}
                          onClick={() => {
                            if (
                              window.confirm(
                                `Deactivate ${node.username}? They are signed out everywhere at once.`,
                              )
                            )
                              void act(`${node.username} is deactivated and signed out.`, () =>
                                deactivate.mutateAsync({ id: node.id }),
                              );
                          }}
                        >
                          Deactivate
                        </Button>
                      )}
                      {node.status === 'ACTIVE' ? (
                        <Button
                          aria-label={`Send ${node.username} a password reset`}
                          onClick={() =>
                            void act(`A reset link was mailed to ${node.username}.`, () =>
                              resetPassword.mutateAsync({ id: node.id }),
                            )
                          }
                        >
                          Reset password
                        </Button>
                      ) : null}
                      {node.status === 'INVITED' ? (
                        <Button
                          aria-label={`Resend the invitation to ${node.username}`}
                          onClick={() =>
                            void act(`A new invitation was mailed to ${node.username}.`, () =>
                              resend.mutateAsync({ id: node.id }),
                            )
                          }
                        >
                          Resend invitation
                        </Button>
                      ) : null}
                      <Button
                        aria-label={`Unlock ${node.username}`}
                        onClick={() =>
                          void act(`Sign-in locks on ${node.username} are lifted.`, () =>
                            unlock.mutateAsync({ userId: node.id }),
                          )
                        }
                      >
                        Unlock
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={pages.page}
            hasNext={connection.pageInfo.hasNextPage}
            busy={query.isFetching}
            onBack={pages.back}
            onNext={() => pages.next(connection.pageInfo.endCursor)}
          />
        </>
      ) : null}
      <Modal
        open={inviting}
        onOpenChange={(open) => {
          setInviting(open);
          create.reset();
        }}
        title="Invite a user"
      >
        <AdminUserForm
          mode="invite"
          initial={EMPTY}
          roles={roleList}
          busy={create.isPending}
          error={create.error}
          onCancel={() => setInviting(false)}
          onSubmit={(v) =>
            void create
              .mutateAsync({
                input: {
                  username: v.username,
                  displayName: v.displayName,
                  email: v.email || null,
                  roles: v.roles,
                  password: v.password || null,
                },
              })
              .then(async (d) => {
                setInviting(false);
                setNotice(
                  d.createUser.status === 'INVITED'
                    ? `${d.createUser.username} was invited by mail.`
                    : `${d.createUser.username} can sign in now.`,
                );
                await refresh();
              })
              .catch(() => undefined)
          }
        />
      </Modal>
      <Modal
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
          update.reset();
        }}
        title={editing ? `Edit ${editing.username}` : 'Edit'}
      >
        {editing ? (
          <AdminUserForm
            mode="edit"
            initial={{
              username: editing.username,
              displayName: editing.displayName,
              email: editing.email ?? '',
              roles: editing.roles,
              password: '',
            }}
            roles={roleList}
            busy={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSubmit={(v) =>
              void update
                .mutateAsync({
                  id: editing.id,
                  version: editing.version,
                  input: { displayName: v.displayName, email: v.email || null, roles: v.roles },
                })
                .then(async (d) => {
                  setEditing(null);
                  setNotice(`${d.updateUser.username} is saved.`);
                  await refresh();
                })
                .catch(() => undefined)
            }
          />
        ) : null}
      </Modal>
    </>
  );
}
