// Drives the provider as a partner would with a certified relying-party library (openid-client)
// and a real Chromium: discovery, login and consent through the pages with PKCE, userinfo,
// refresh, introspection and revocation. Prints one JSON summary line; exits non-zero on failure.
//
// usage: node rp-check.mjs ISSUER CHROMIUM_PATH
import * as client from 'openid-client';
import { chromium } from 'playwright-core';

const [issuer, chromiumPath] = process.argv.slice(2);
const redirectUri = 'http://127.0.0.1:8081/login/oauth2/code/demo';
const deadline = Date.now() + 60_000;

function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

const config = await client.discovery(new URL(issuer), 'demo-shop', undefined,
  client.ClientSecretBasic('demo-shop-secret'), { execute: [client.allowInsecureRequests] });
check(config.serverMetadata().issuer === issuer, 'discovered issuer');

const verifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const nonce = client.randomNonce();
const authorizationUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri,
  scope: 'openid profile email',
  code_challenge: await client.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state,
  nonce,
});

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let callbackUrl;
try {
  const page = await browser.newPage();
  // Nothing listens at the shop's address: the browser's arrival there is the callback.
  await page.route('http://127.0.0.1:8081/**', (route) => {
    callbackUrl = route.request().url();
    return route.fulfill({ status: 200, contentType: 'text/plain', body: 'callback received' });
  });
  await page.goto(authorizationUrl.href);
  await page.fill('#username', 'alice');
  await page.fill('#password', 'alice-demo-password');
  await page.click('#sign-in');
  // The consent page appears unless alice already allowed these scopes for demo-shop.
  while (!callbackUrl && Date.now() < deadline) {
    if (await page.locator('#allow').count() > 0) {
      await page.click('#allow');
    }
    await page.waitForTimeout(50);
  }
} finally {
  await browser.close();
}
check(callbackUrl, 'browser reached the redirect URI');

const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), {
  pkceCodeVerifier: verifier,
  expectedState: state,
  expectedNonce: nonce,
  idTokenExpected: true,
});
const claims = tokens.claims();
check(claims.sub === 'alice', 'ID token subject');
const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
check(userInfo.email === 'alice@example.com', 'userinfo email');

const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
check(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token, 'refresh token rotated');
const active = await client.tokenIntrospection(config, refreshed.access_token);
check(active.active === true, 'introspection of the refreshed access token');

await client.tokenRevocation(config, refreshed.refresh_token);
const revoked = await client.tokenIntrospection(config, refreshed.access_token);
check(revoked.active === false, 'access token inactive after its refresh token was revoked');

console.log(JSON.stringify({
  ok: true,
  issuer: config.serverMetadata().issuer,
  sub: claims.sub,
  email: userInfo.email,
  refreshed: true,
  introspectedActive: active.active,
  activeAfterRevocation: revoked.active,
}));
