/**
 * Names of the local identity provider that the stack's processes need without loading the
 * organisation directory (the test run's global setup cannot resolve the `@hub/*` paths it uses).
 */

export const realmName = 'mappa-hub';
/** The public client people get tokens with (password grant) from the command line. */
export const cliClientId = 'hub-cli';
/** Where a stack's Keycloak imports its realm from (it holds secrets: owner only). */
export const realmFileName = `${realmName}.json`;
/** Beside the realm file: the fingerprint of its content, compared with what Keycloak imported. */
export const realmFingerprintName = `${realmName}.json.sha256`;
