import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { SystemClient, SyntheticUser } from './principals';

/**
 * The local identity provider's secrets: a client secret per system client and a password per synthetic
 * user, generated once with crypto randomness and kept in `<stackDir>/secrets/identity.json` (never in
 * git). A directory change adds secrets for new principals and drops those of removed ones; the others
 * stay, so that a running system's configured secret keeps working.
 */

const secretsSchema = z
  .object({
    clients: z.record(z.string(), z.string().min(16)),
    users: z.record(z.string(), z.string().min(16)),
  })
  .strict();

export type IdentitySecrets = z.infer<typeof secretsSchema>;

/** The secrets file cannot be read; the message says which file and why. */
export class IdentitySecretsError extends Error {
  constructor(file: string, reason: string) {
    super(
      `the identity secrets in ${file} cannot be used: ${reason}; delete the file to regenerate`,
    );
    this.name = 'IdentitySecretsError';
  }
}

/** 32 random bytes, base64url: no characters that need quoting in a shell, URL or form body. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** `existing` carried over for principals that remain, fresh secrets for new ones (pure but for `fresh`). */
export function secretsFor(
  clients: readonly SystemClient[],
  users: readonly SyntheticUser[],
  existing: IdentitySecrets | undefined,
  fresh: () => string = randomSecret,
): IdentitySecrets {
  const keep = (
    known: Record<string, string> | undefined,
    names: string[],
  ): Record<string, string> =>
    Object.fromEntries(names.map((name) => [name, known?.[name] ?? fresh()]));
  return {
    clients: keep(
      existing?.clients,
      clients.map((client) => client.clientId),
    ),
    users: keep(
      existing?.users,
      users.map((user) => user.username),
    ),
  };
}

export function identitySecretsFile(stackDir: string): string {
  return resolve(stackDir, 'secrets', 'identity.json');
}

export function readIdentitySecrets(file: string): IdentitySecrets | undefined {
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new IdentitySecretsError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = secretsSchema.safeParse(data);
  if (!parsed.success) {
    throw new IdentitySecretsError(file, parsed.error.issues.map((i) => i.message).join('; '));
  }
  return parsed.data;
}

/** Writes a file only its owner may read, in a folder only its owner may enter, atomically. */
export function writePrivateFile(file: string, content: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // an older folder may have been made with the default mode
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, content, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}

/** The stack's identity secrets, created or brought up to date with the principals. */
export function ensureIdentitySecrets(
  stackDir: string,
  clients: readonly SystemClient[],
  users: readonly SyntheticUser[],
): IdentitySecrets {
  const file = identitySecretsFile(stackDir);
  const existing = readIdentitySecrets(file);
  const secrets = secretsFor(clients, users, existing);
  const content = `${JSON.stringify(secrets, null, 2)}\n`;
  if (!existing || JSON.stringify(existing, null, 2) + '\n' !== content) {
    writePrivateFile(file, content);
  }
  return secrets;
}
