// Staff two-step verification: the calls behind the code step, setting up an app and the
// account page. The server decides what a session still owes (/api/auth/me says it); these
// only ask.
import { api, call } from './api/client';
import { me } from './session';

export interface TotpEnrolment {
  otpauth_url: string;
  secret: string;
  /** The otpauth URL as a QR code: an SVG data URI for an <img>. */
  qr_svg: string;
}

export interface MfaStatus {
  enrolled: boolean;
  required: boolean;
  recovery_codes_left: number;
}

/** A code from the app or a recovery code: on success the session is verified. */
export async function verifySecondStep(code: string): Promise<void> {
  const m = await call(api.POST('/api/auth/mfa/verify', { body: { code } }));
  me.set({ loaded: true, me: m });
}

export function startTotp(): Promise<TotpEnrolment> {
  return call(api.POST('/api/auth/mfa/totp/start'));
}

/** Confirms the new app; the ten recovery codes come back this once. */
export async function confirmTotp(code: string): Promise<string[]> {
  const body = await call(api.POST('/api/auth/mfa/totp/confirm', { body: { code } }));
  return body.recovery_codes;
}

export async function newRecoveryCodes(): Promise<string[]> {
  const body = await call(api.POST('/api/auth/mfa/recovery-codes'));
  return body.recovery_codes;
}

export function mfaStatus(): Promise<MfaStatus> {
  return call(api.GET('/api/auth/mfa'));
}

export async function turnOffMfa(): Promise<void> {
  await call(api.DELETE('/api/auth/mfa'));
}

/** The secret in groups of four, as authenticator apps show and accept it. */
export function groupedSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}
