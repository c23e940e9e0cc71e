'use client';
import { TokenLinkPage } from '../../components/token-link-page.tsx';
import { identity } from '../../lib/identity.ts';

export default function UnlockPage() {
  return (
    <TokenLinkPage
      title="Unlock your sign-in"
      explain="After many failed sign-ins your username was locked. Unlock it to sign in again."
      button="Unlock"
      done="Unlocked. You can sign in again."
      action={identity.unlockAccount}
    />
  );
}
