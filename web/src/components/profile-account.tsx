'use client';
import { useState } from 'react';
import { fieldErrors } from '../lib/errors.ts';
import { identity, useAction } from '../lib/identity.ts';
import { Button, ErrorBanner, Field } from './ui.tsx';

export function ChangePassword(props: { onDone: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const action = useAction(identity.changePassword);
  const errors = fieldErrors(action.error);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (await action.run(current, next)) {
          setCurrent('');
          setNext('');
          props.onDone();
        }
      }}
    >
      {action.result ? (
        <p role="status" data-testid="password-changed">
          Password changed. Your other devices were signed out.
        </p>
      ) : null}
      <ErrorBanner error={errors.currentPassword || errors.newPassword ? null : action.error} />
      <Field id="currentPassword" label="Current password" error={errors.currentPassword}>
        <input
          id="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </Field>
      <Field
        id="newPassword"
        label="New password (12 characters or more)"
        error={errors.newPassword}
      >
        <input
          id="newPassword"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </Field>
      <div style={{ height: 12 }} />
      <Button type="submit" variant="primary" busy={action.busy}>
        Change password
      </Button>
    </form>
  );
}

export function ChangeEmail(props: {
  email: string | null;
  verified: boolean;
  onDone: () => void;
}) {
  const [email, setEmail] = useState(props.email ?? '');
  const action = useAction(identity.updateMyEmail);
  const errors = fieldErrors(action.error);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (await action.run(email.trim())) props.onDone();
      }}
    >
      <p data-testid="email-status">
        {props.email
          ? props.verified
            ? `${props.email} — confirmed; password-reset links go here.`
            : `${props.email} — not confirmed yet: open the link we mailed to it.`
          : 'No address: password-reset links cannot reach you.'}
      </p>
      <ErrorBanner error={errors.email ? null : action.error} />
      <Field id="email" label="Email address" error={errors.email}>
        <input id="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <div style={{ height: 12 }} />
      <Button type="submit" busy={action.busy}>
        Save and send a confirmation link
      </Button>
    </form>
  );
}
