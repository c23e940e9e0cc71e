'use client';
// Invite / edit a user: name, email, roles (checkboxes from the dealership's roles); on invite a
// username and, optionally, a password (without one the user is mailed an invitation).
import { useState } from 'react';
import { Button, ErrorBanner, Field } from './ui.tsx';
import { fieldErrors } from '../lib/errors.ts';

export interface UserFormValues {
  username: string;
  displayName: string;
  email: string;
  roles: string[];
  password: string;
}

export function AdminUserForm(props: {
  mode: 'invite' | 'edit';
  initial: UserFormValues;
  roles: Array<{ name: string; description: string }>;
  busy: boolean;
  error: unknown;
  onSubmit: (values: UserFormValues) => void;
  onCancel: () => void;
}) {
  const [v, setV] = useState(props.initial);
  const errors = fieldErrors(props.error);
  const shown = new Set(['username', 'displayName', 'email', 'roles', 'password']);
  const bannerError = Object.keys(errors).some((k) => shown.has(k)) ? null : props.error;
  const set = (patch: Partial<UserFormValues>) => setV((old) => ({ ...old, ...patch }));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(v);
      }}
    >
      <ErrorBanner error={bannerError} />
      {props.mode === 'invite' ? (
        <Field id="u-username" label="Username" error={errors.username}>
          <input
            id="u-username"
            autoComplete="off"
            value={v.username}
            onChange={(e) => set({ username: e.target.value })}
            aria-invalid={!!errors.username}
          />
        </Field>
      ) : null}
      <Field id="u-displayName" label="Name" error={errors.displayName}>
        <input
          id="u-displayName"
          value={v.displayName}
          onChange={(e) => set({ displayName: e.target.value })}
          aria-invalid={!!errors.displayName}
        />
      </Field>
      <Field id="u-email" label="Email" error={errors.email}>
        <input
          id="u-email"
          type="email"
          value={v.email}
          onChange={(e) => set({ email: e.target.value })}
          aria-invalid={!!errors.email}
        />
      </Field>
      <fieldset className="field" aria-describedby={errors.roles ? 'u-roles-error' : undefined}>
        <legend>Roles</legend>
        {props.roles.map((r) => (
          <label key={r.name} className="row" style={{ gap: 6 }}>
            <input
              type="checkbox"
              name="roles"
              value={r.name}
              checked={v.roles.includes(r.name)}
              onChange={(e) =>
                set({
                  roles: e.target.checked
                    ? [...v.roles, r.name]
                    : v.roles.filter((x) => x !== r.name),
                })
              }
            />
            <span>
              <b>{r.name}</b> <span className="muted">{r.description}</span>
            </span>
          </label>
        ))}
        {errors.roles ? (
          <span className="error" role="alert" id="u-roles-error">
            {errors.roles}
          </span>
        ) : null}
      </fieldset>
      {props.mode === 'invite' ? (
        <Field
          id="u-password"
          label="Password (optional: leave empty to mail an invitation)"
          error={errors.password}
        >
          <input
            id="u-password"
            type="password"
            autoComplete="new-password"
            value={v.password}
            onChange={(e) => set({ password: e.target.value })}
            aria-invalid={!!errors.password}
          />
        </Field>
      ) : null}
      <div className="row" style={{ marginTop: 16, justifyContent: 'flex-end' }}>
        <Button type="button" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={props.busy}>
          {props.mode === 'invite' ? (v.password ? 'Create user' : 'Send invitation') : 'Save'}
        </Button>
      </div>
    </form>
  );
}
