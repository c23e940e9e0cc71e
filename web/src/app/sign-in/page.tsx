'use client';
// Sign-in: two boxes checked by hand (the form library and zod would be most of the page's first load).
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState, type FormEvent } from 'react';
import { Button, ErrorBanner, Field } from '../../components/ui.tsx';
import { safeNext } from '../../lib/navigation.ts';
import {
  signInErrors,
  type SignInErrors as Errors,
  type SignInValues as Values,
} from '../../lib/sign-in-form.ts';
import { session } from '../../lib/session.ts';

function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const expired = params.get('expired') === '1';
  const [error, setError] = useState<unknown>(null);
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [values, setValues] = useState<Values>({ username: '', password: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [isSubmitting, setSubmitting] = useState(false);
  const set = (key: keyof Values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [key]: e.target.value }));
    setErrors((x) => ({ ...x, [key]: undefined }));
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = signInErrors(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(found.username ? 'username' : 'password')?.focus();
      return;
    }
    setError(null);
    setSubmitting(true);
    try {
      const step = await session.signIn(values.username.trim(), values.password);
      if (step && 'enroll' in step) return router.replace('/profile?enroll=1');
      if (step) return setMfaToken(step.mfaToken);
      router.replace(next);
    } catch (err) {
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };
  if (mfaToken)
    return (
      <CodeStep
        mfaToken={mfaToken}
        onDone={() => router.replace(next)}
        onRestart={() => setMfaToken(null)}
      />
    );
  return (
    <main className="signin card">
      <h1>Sign in to Autolytiq</h1>
      {expired ? (
        <div className="banner-warn">Your session ended. Sign in again to continue.</div>
      ) : null}
      <ErrorBanner error={error} />
      <form onSubmit={onSubmit} noValidate>
        <Field id="username" label="Username" error={errors.username}>
          <input
            id="username"
            autoComplete="username"
            autoFocus
            value={values.username}
            onChange={set('username')}
            aria-invalid={!!errors.username}
          />
        </Field>
        <div style={{ height: 12 }} />
        <Field id="password" label="Password" error={errors.password}>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={values.password}
            onChange={set('password')}
            aria-invalid={!!errors.password}
          />
        </Field>
        <div style={{ height: 16 }} />
        <Button type="submit" variant="primary" busy={isSubmitting}>
          Sign in
        </Button>
      </form>
      <p style={{ marginTop: 16 }}>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
    </main>
  );
}

/** The second step: a code from the authenticator app, or one of the backup codes. */
function CodeStep(props: { mfaToken: string; onDone: () => void; onRestart: () => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await session.verifyMfa(props.mfaToken, code.trim());
      props.onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin card">
      <h1>Enter your sign-in code</h1>
      <p>
        Open your authenticator app and type the 6-digit code for Autolytiq, or use a backup code.
      </p>
      <ErrorBanner error={error} />
      <form onSubmit={submit} noValidate>
        <Field id="code" label="Code">
          <input
            id="code"
            autoComplete="one-time-code"
            inputMode="text"
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </Field>
        <div style={{ height: 16 }} />
        <Button type="submit" variant="primary" busy={busy}>
          Continue
        </Button>{' '}
        <Button type="button" onClick={props.onRestart}>
          Start over
        </Button>
      </form>
    </main>
  );
}

export default function SignInPage() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
