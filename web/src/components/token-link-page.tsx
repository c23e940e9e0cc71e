'use client';
// A page opened from a mailed link (?token=…): one button that uses the token, then the outcome.
// A button rather than an automatic call, so mail scanners that open links do not use them up.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useAction } from '../lib/identity.ts';
import { Button, ErrorBanner } from './ui.tsx';

interface Props {
  title: string;
  explain: string;
  button: string;
  done: string;
  action: (token: string) => Promise<unknown>;
}

function Inner(props: Props) {
  const token = useSearchParams().get('token') ?? '';
  const action = useAction(props.action);
  return (
    <main className="signin card">
      <h1>{props.title}</h1>
      {action.result ? (
        <p role="status" data-testid="token-done">
          {props.done} <Link href="/sign-in">Sign in</Link>
        </p>
      ) : (
        <>
          <p>{props.explain}</p>
          <ErrorBanner error={action.error} />
          <Button variant="primary" busy={action.busy} onClick={() => void action.run(token)}>
            {props.button}
          </Button>
        </>
      )}
    </main>
  );
}

export function TokenLinkPage(props: Props) {
  return (
    <Suspense>
      <Inner {...props} />
    </Suspense>
  );
}
