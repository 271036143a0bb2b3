import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1).
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export type PolicyFailure = { zh: string; en: string };

/** Password policy: at least 10 characters, three of four character classes, not the username. */
export function checkPasswordPolicy(password: string, username?: string): PolicyFailure[] {
  const failures: PolicyFailure[] = [];
  if (password.length < 10) failures.push({ zh: '长度至少 10 位', en: 'at least 10 characters' });
  if (password.length > 128) failures.push({ zh: '长度不超过 128 位', en: 'at most 128 characters' });
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3)
    failures.push({
      zh: '需包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'use at least three of: lower case, upper case, digits, symbols',
    });
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    failures.push({ zh: '不能包含用户名', en: 'must not contain the username' });
  return failures;
}

/** A random password that satisfies the policy (for generated demo and reset passwords). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(14);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10)}7a`;
}
