/**
 * Value validators shared by the context rules (URL parameters, generic assignments, connection
 * strings). Each one leaves a value whose whole shape is a provider token or a JWT to the rule
 * that reports it with a precise kind (see `isProviderToken`).
 */
import {
  isCodeReference,
  isPasswordLike,
  isPlaceholderPassword,
  isPublicKey,
  isUuid,
  lettersAndDigits,
  looksRandom,
} from './helpers.js';
import { isProviderToken } from './providers.js';

/** A random-looking value (see `looksRandom`) that no provider rule claims. */
export function randomCredential(value: string): boolean {
  return looksRandom(value) && !isProviderToken(value);
}

/**
 * A secret / API-key value: letters and digits, not a URL, code reference, public key or
 * provider token.
 */
export function secretValue(value: string): boolean {
  return (
    lettersAndDigits(value) &&
    !value.includes('://') &&
    !isCodeReference(value) &&
    !isPublicKey(value) &&
    !isProviderToken(value)
  );
}

/** A password value (see `isPasswordLike`) that is not a provider token. */
export function passwordValue(value: string): boolean {
  return isPasswordLike(value) && !isProviderToken(value);
}

/** A session id: random-looking, not a bare UUID (analytics session ids are UUIDs or epoch ms). */
export function sessionValue(value: string): boolean {
  return looksRandom(value) && !isUuid(value);
}

/** A private_key value that is not a PEM block (the PEM rules report those). */
export function privateKeyValue(value: string): boolean {
  return !value.startsWith('-') && secretValue(value);
}

/** A connection-string password: present, not a placeholder, not a provider token. */
export function connectionPassword(value: string): boolean {
  return !isPlaceholderPassword(value) && !isProviderToken(value);
}
