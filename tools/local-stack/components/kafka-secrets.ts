import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { organisationDirectory } from '@hub/security';
import { StackError } from '../errors';
import { report } from '../progress';
import { runStep } from '../processes';
import { stackDir } from '../settings';

/**
 * The local stack's Kafka secrets, created once under `<stackDir>/secrets` (0700; every file 0600):
 * a CA of its own, the broker's key and certificate signed by it, and one SCRAM-SHA-512 password per
 * principal. Nothing here leaves the machine; a deployment brings its own PKI and secret store.
 */
export const secretsDir = resolve(stackDir, 'secrets');
export const caCertFile = resolve(secretsDir, 'ca.crt');
const caKeyFile = resolve(secretsDir, 'ca.key');
const brokerKeyFile = resolve(secretsDir, 'broker.key');
const brokerCertFile = resolve(secretsDir, 'broker.crt');
/** The broker's key (unencrypted PKCS#8) and certificate chain, as Kafka's PEM key store reads it. */
export const brokerKeyStoreFile = resolve(secretsDir, 'broker.pem');
export const credentialsFile = resolve(secretsDir, 'kafka-credentials.json');

/**
 * The broker's own identity: the SCRAM user it connects to itself as (inter-broker listener), and
 * the CN of its certificate, which the controller listener requires (mutual TLS). A super user; not
 * in the organisation directory, because no system of any organisation is the broker.
 */
export const brokerPrincipal = 'kafka-broker';

/** SCRAM passwords by principal. */
export type KafkaCredentials = Record<string, string>;

function writeSecret(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode on write
}

function ensureSecretsDir(): void {
  mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
  chmodSync(secretsDir, 0o700);
}

async function openssl(args: string[]): Promise<void> {
  await runStep('kafka', '/usr/bin/openssl', args);
}

/** Creates the CA and the broker's certificate (SAN 127.0.0.1 and localhost) unless they exist. */
export async function ensureCertificates(): Promise<void> {
  ensureSecretsDir();
  if (existsSync(brokerKeyStoreFile) && existsSync(caCertFile)) return;
  report('kafka', `creating a local CA and the broker's certificate in ${secretsDir}`);
  const days = '3650';
  await openssl([
    'req', '-x509', '-newkey', 'rsa:3072', '-nodes', '-sha256', '-days', days,
    '-subj', '/CN=MAPPA Exchange Hub local stack CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout', caKeyFile, '-out', caCertFile,
  ]); // prettier-ignore
  const request = resolve(secretsDir, 'broker.csr');
  const extensions = resolve(secretsDir, 'broker.ext');
  await openssl([
    'req', '-newkey', 'rsa:2048', '-nodes', '-sha256',
    '-subj', `/CN=${brokerPrincipal}`,
    '-keyout', brokerKeyFile, '-out', request,
  ]); // prettier-ignore
  // serverAuth for its listeners, clientAuth for its own connections to the controller listener.
  writeSecret(
    extensions,
    [
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      '',
    ].join('\n'),
  );
  await openssl([
    'x509', '-req', '-sha256', '-days', days, '-in', request,
    '-CA', caCertFile, '-CAkey', caKeyFile, '-CAcreateserial',
    '-extfile', extensions, '-out', brokerCertFile,
  ]); // prettier-ignore
  writeSecret(
    brokerKeyStoreFile,
    readFileSync(brokerKeyFile, 'utf8') +
      readFileSync(brokerCertFile, 'utf8') +
      readFileSync(caCertFile, 'utf8'),
  );
  for (const file of [caKeyFile, caCertFile, brokerKeyFile, brokerCertFile, request]) {
    chmodSync(file, 0o600);
  }
  const serial = resolve(secretsDir, 'ca.srl');
  if (existsSync(serial)) chmodSync(serial, 0o600);
}

/** Every principal the broker knows: the directory's Kafka systems, and the broker itself. */
export function stackPrincipals(): string[] {
  const fromDirectory = organisationDirectory()
    .kafkaSystems()
    .flatMap(([, system]) => (system.kafkaPrincipal ? [system.kafkaPrincipal] : []));
  return [brokerPrincipal, ...fromDirectory];
}

export function readCredentials(): KafkaCredentials {
  if (!existsSync(credentialsFile)) return {};
  return JSON.parse(readFileSync(credentialsFile, 'utf8')) as KafkaCredentials;
}

/**
 * The password of every principal, generating (32 random bytes, base64url) those that have none
 * yet; existing passwords never change, so that a broker formatted with them keeps accepting them.
 */
export function ensureCredentials(): KafkaCredentials {
  ensureSecretsDir();
  const credentials = readCredentials();
  const missing = stackPrincipals().filter((principal) => !credentials[principal]);
  for (const principal of missing) credentials[principal] = randomBytes(32).toString('base64url');
  if (missing.length > 0 || !existsSync(credentialsFile)) {
    writeSecret(credentialsFile, JSON.stringify(credentials, null, 2) + '\n');
  }
  return credentials;
}

/** The password of `principal` in this stack, or an error saying how to get one. */
export function passwordOf(principal: string): string {
  const password = readCredentials()[principal];
  if (!password) {
    throw new StackError(
      'kafka',
      `${credentialsFile} has no password for ${principal}: run \`npm run stack:up\`, which ` +
        'creates one for every Kafka principal of the organisation directory',
    );
  }
  return password;
}
