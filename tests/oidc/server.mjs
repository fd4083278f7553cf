// A real OpenID provider (npm oidc-provider) on loopback for Sweep's OAuth
// tests. Its one client is public (no secret) and must use PKCE, as an app
// on a phone is. Logins are approved at once for the test user: the
// interaction step answers itself, so a test can drive the whole
// Authorization Code flow over HTTP.
//
// Usage: SWEEP_NODE_MODULES=.tools/node_modules node server.mjs PORT
// (ES modules ignore NODE_PATH, so the package is loaded from that folder.)
import http from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = resolve(process.env.SWEEP_NODE_MODULES || 'node_modules');
const { default: Provider } = await import(pathToFileURL(join(modules, 'oidc-provider', 'lib', 'index.js')).href);

const port = Number(process.argv[2] || 4700);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'sweep-app',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: ['com.sweepwallet.app:/oauth/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'offline_access', 'balances:read'],
  findAccount: async (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  issueRefreshToken: async () => true,
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, RefreshToken: 3600, Grant: 3600, Interaction: 600, Session: 3600 },
  cookies: { keys: ['sweep-test-cookie-key'] },
});
provider.proxy = false;

// Approve every interaction for the test user, with the scopes asked for.
async function approve(req, res) {
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId: 'user-1', clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope || 'openid'));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId: 'user-1' }, consent: { grantId } }, {
    mergeWithLastSubmission: false,
  });
}

const callback = provider.callback();
http
  .createServer((req, res) => {
    if (req.url.startsWith('/interaction/')) {
      approve(req, res).catch((err) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    callback(req, res);
  })
  .listen(port, '127.0.0.1', () => console.log(`oidc-provider on ${issuer}`));
