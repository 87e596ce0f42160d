// Password hashing with argon2id (@node-rs/argon2, its defaults follow OWASP's recommendation),
// and the rules a new password must follow.
import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';

/** At most two hashes at once. argon2 runs on libuv's thread pool (four threads), which also
 *  gzips every page rendered afresh and reads files: a burst of sign-ins queued there made each
 *  fresh page wait for the hashes before it (about 27 ms each). Two leave half the pool free, and
 *  bound the memory the hashes take (19 MB each). Sign-ins beyond wait here, in order. */
export const hashing = pLimit(2);

export const hashPassword = (password: string) => hashing(() => hash(password));

// Verifying against a real hash when the email is unknown keeps the time of a failed login
// the same whether or not the account exists.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('not-a-real-password');
    const dummy = await dummyHash;
    await hashing(() => verify(dummy, password)).catch(() => false);
    return false;
  }
  return hashing(() => verify(storedHash, password)).catch(() => false);
}

export const PASSWORD_MIN = 10;

// The ~49,000 most common passwords of zxcvbn-ts's maintained list (from leaked-password
// frequency lists), read once, lowercased like what is compared with them. The package unpacks
// all its dictionaries when loaded (0.15 s): loaded on the first new password, not at start.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return common;
}

/** Lowercased, without spaces and the separators people put between words. */
const squeeze = (s: string) => s.toLowerCase().replace(/[\s._\-]+/g, '');

/** One or two characters repeated ("aaaaaaaaaa", "ababababab"), or a run of digits or letters
 *  up or down, wrapping around ("1234567890", "9876543210", "abcdefghij"). */
const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz'].flatMap((r) => [r, [...r].reverse().join('')]);
function isTrivial(password: string): boolean {
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return true;
  return RUNS.some((run) => run.repeat(Math.ceil(lower.length / run.length) + 1).includes(lower));
}

/**
 * Why a new password is refused (an i18n key of `errors.*`), or null. Length first; then one of
 * the most common passwords, a trivial repetition or sequence, or the account's own address,
 * the part before its @, or its name (each of 4 characters or more) within the password.
 */
export function passwordProblem(password: string, person: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN) return 'errors.passwordTooShort';
  if (commonPasswords().has(password.toLowerCase()) || commonPasswords().has(squeeze(password))) return 'errors.passwordCommon';
  if (isTrivial(password)) return 'errors.passwordTrivial';
  const squeezed = squeeze(password);
  const email = person.email?.trim().toLowerCase() ?? '';
  const personal = [email, email.split('@')[0], person.name ?? ''].map(squeeze).filter((s) => s.length >= 4);
  if (personal.some((p) => squeezed.includes(p))) return 'errors.passwordPersonal';
  return null;
}
