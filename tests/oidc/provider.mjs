// A real OpenID Connect provider for the web chat tests: panva/oidc-provider, OpenID-certified.
// Configured from one JSON file whose path is argv[2]: {port, issuer, jwks (private keys the test
// generated), clients, accounts: {login: {sub, email, name, tid?}}}. Its own login and consent pages
// (devInteractions) are driven over HTTP by the test. Prints "ready" once it listens on 127.0.0.1.
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  // Entra ID puts email/preferred_username/oid/tid in the ID token itself; so does this provider.
  conformIdTokenClaims: false,
  claims: { openid: ["sub", "oid", "tid"], email: ["email"], profile: ["name", "preferred_username"] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  findAccount(_ctx, id) {
    const account = config.accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: () => ({ ...account }) };
  },
});
provider.proxy = false;

provider.listen(config.port, "127.0.0.1", () => {
  process.stdout.write("ready\n");
});
