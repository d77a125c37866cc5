import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { keycloak } from './keycloak';

/** A stand-in provider whose discovery document names `issuerOf(base)` as its issuer. */
function provider(issuerOf: (base: string) => string | undefined): Promise<[Server, string]> {
  return new Promise((done) => {
    const server = createServer((request, response) => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/r`;
      if (request.url !== '/realms/r/.well-known/openid-configuration') {
        response.writeHead(404).end();
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ issuer: issuerOf(base), jwks_uri: `${base}/certs` }));
    });
    server.listen(0, '127.0.0.1', () => {
      done([server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/r`]);
    });
  });
}

describe('the Keycloak component', () => {
  it('serves the realm issuer as OIDC_ISSUER_URL', () => {
    expect(keycloak.envVar).toBe('OIDC_ISSUER_URL');
    expect(keycloak.localEndpoint).toBe(`http://127.0.0.1:${keycloak.port}/realms/mappa-hub`);
  });

  it.each([
    ['the discovery document names the issuer asked for', true, (base: string) => base, ''],
    ['the issuer is given with a trailing slash', true, (base: string) => base, '/'],
    ['the discovery document names another issuer', false, () => 'http://elsewhere/realms/r', ''],
    ['the discovery document names no issuer', false, () => undefined, ''],
  ])('when %s, answers ready = %p', async (_, ready, issuerOf, suffix) => {
    const [server, issuer] = await provider(issuerOf);
    try {
      expect(await keycloak.isReady(`${issuer}${suffix}`)).toBe(ready);
      expect(await keycloak.isReady(`${issuer}-missing`)).toBe(false);
    } finally {
      server.close();
    }
  });
});
