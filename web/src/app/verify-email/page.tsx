'use client';
import { TokenLinkPage } from '../../components/token-link-page.tsx';
import { identity } from '../../lib/identity.ts';

export default function VerifyEmailPage() {
  return (
    <TokenLinkPage
      title="Confirm your email address"
      explain="Confirm that this address is yours; password-reset links go only to confirmed addresses."
      button="Confirm"
      done="Your address is confirmed."
      action={identity.verifyEmail}
    />
  );
}
