'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button, ErrorBanner, Field } from '../../components/ui.tsx';
import { safeNext } from '../../lib/navigation.ts';
import { session } from '../../lib/session.ts';

const schema = z.object({
  username: z.string().trim().min(1, 'Enter your username.'),
  password: z.string().min(1, 'Enter your password.'),
});
type Values = z.infer<typeof schema>;

function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const expired = params.get('expired') === '1';
  const [error, setError] = useState<unknown>(null);
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { username: '', password: '' },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const step = await session.signIn(values.username, values.password);
      if (step && 'enroll' in step) return router.replace('/profile?enroll=1');
      if (step) return setMfaToken(step.mfaToken);
      router.replace(next);
    } catch (e) {
      setError(e);
    }
  });
  const { errors, isSubmitting } = form.formState;
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
        <Field id="username" label="Username" error={errors.username?.message}>
          <input
            id="username"
            autoComplete="username"
            autoFocus
            {...form.register('username')}
            aria-invalid={!!errors.username}
          />
        </Field>
        <div style={{ height: 12 }} />
        <Field id="password" label="Password" error={errors.password?.message}>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            {...form.register('password')}
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
  const submit = async (e: React.FormEvent) => {
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
