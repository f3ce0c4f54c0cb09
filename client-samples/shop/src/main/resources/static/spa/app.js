// The demo SPA: authorization code with PKCE for the public client demo-spa, then partner-api with
// the access token. Tokens live in sessionStorage of this tab only (a demo; see the README). The
// session is renewed without the password (OAuth 2.0 for Browser-Based Applications): with the
// refresh token (rotated by the provider at every use), else by a silent authorization request
// (prompt=none, a top-level redirect: the provider's pages may not be framed).
'use strict';

const STORE = window.sessionStorage;

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomValue() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function claimsOf(jwt) {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
}

function show(id, visible) {
  document.getElementById(id).hidden = !visible;
}

function problem(message) {
  const box = document.getElementById('problem');
  box.textContent = message;
  box.hidden = !message;
}

async function login(config, silent) {
  const verifier = randomValue();
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomValue();
  const nonce = randomValue();
  STORE.setItem('pkce', JSON.stringify({ verifier, state, nonce }));
  const request = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, scope: 'openid profile orders.read orders.write',
    redirect_uri: location.origin + '/spa/callback', state, nonce,
    code_challenge: challenge, code_challenge_method: 'S256'
  });
  if (silent) {
    request.set('prompt', 'none');
  }
  location.assign(config.authorizationEndpoint + '?' + request);
}

async function completeLogin(config, query) {
  const pending = JSON.parse(STORE.getItem('pkce') || 'null');
  STORE.removeItem('pkce');
  history.replaceState(null, '', '/spa/');
  if (query.get('error') === 'login_required') {
    return;
  }
  if (query.get('error')) {
    throw new Error('Sign-in was not completed (' + query.get('error') + ').');
  }
  if (!pending || query.get('state') !== pending.state) {
    throw new Error('This sign-in answer was not expected; please log in again.');
  }
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: query.get('code'), client_id: config.clientId,
      redirect_uri: location.origin + '/spa/callback', code_verifier: pending.verifier
    })
  });
  const tokens = await response.json();
  if (!response.ok) {
    throw new Error('Sign-in failed (' + tokens.error + ').');
  }
  if (claimsOf(tokens.id_token).nonce !== pending.nonce) {
    throw new Error('The ID token does not belong to this sign-in.');
  }
  keep({ access: tokens.access_token, id: tokens.id_token, refresh: tokens.refresh_token });
}

function keep(tokens) {
  STORE.setItem('tokens', JSON.stringify(tokens));
  document.body.dataset.accessJti = claimsOf(tokens.access).jti;
}

// A new access token without the user: the refresh token, else a silent authorization request.
async function renew(config) {
  const stored = JSON.parse(STORE.getItem('tokens') || 'null');
  if (stored && stored.refresh) {
    const response = await fetch(config.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: stored.refresh, client_id: config.clientId })
    });
    if (response.ok) {
      const tokens = await response.json();
      const renewed = { access: tokens.access_token, id: tokens.id_token || stored.id, refresh: tokens.refresh_token };
      keep(renewed);
      document.getElementById('spa-renewed').textContent = 'Session renewed.';
      return renewed;
    }
  }
  STORE.removeItem('tokens');
  await login(config, true);
  return null;
}

async function loadOrders(config, tokens, retried) {
  problem('');
  let response;
  try {
    response = await fetch(config.partnerApi + '/api/orders', {
      headers: { Authorization: 'Bearer ' + tokens.access }
    });
  } catch (unreachable) {
    problem('Orders cannot be reached right now.');
    return;
  }
  if (response.status === 401 && !retried) {
    const renewed = await renew(config);
    if (renewed) {
      await loadOrders(config, renewed, true);
    }
    return;
  }
  if (!response.ok) {
    problem(response.status === 401 ? 'Your access has expired; please log in again.'
      : 'Orders are unavailable (' + response.status + ').');
    return;
  }
  const list = document.getElementById('spa-orders');
  list.replaceChildren();
  const body = await response.json();
  for (const order of body.orders) {
    const item = document.createElement('li');
    item.className = 'spa-order';
    item.textContent = order.quantity + ' × ' + order.item;
    list.append(item);
  }
  if (body.orders.length === 0) {
    const none = document.createElement('li');
    none.id = 'spa-no-orders';
    none.textContent = 'No orders yet.';
    list.append(none);
  }
}

function logout(config, tokens) {
  STORE.removeItem('tokens');
  const request = new URLSearchParams({
    id_token_hint: tokens.id, client_id: config.clientId, post_logout_redirect_uri: location.origin + '/spa/'
  });
  location.assign(config.endSessionEndpoint + '?' + request);
}

async function start() {
  const config = await (await fetch('/spa/config.json')).json();
  const query = new URLSearchParams(location.search);
  try {
    if (location.pathname === '/spa/callback') {
      await completeLogin(config, query);
    }
  } catch (failure) {
    problem(failure.message);
  }
  const tokens = JSON.parse(STORE.getItem('tokens') || 'null');
  show('signed-in', tokens !== null);
  show('signed-out', tokens === null);
  document.getElementById('spa-login').onclick = () => login(config);
  if (tokens) {
    const claims = claimsOf(tokens.id);
    document.getElementById('spa-welcome').textContent = 'Signed in as ' + (claims.name || claims.sub) + '.';
    document.body.dataset.accessJti = claimsOf(tokens.access).jti;
    document.getElementById('load-orders').onclick = () =>
      loadOrders(config, JSON.parse(STORE.getItem('tokens')));
    document.getElementById('spa-renew').onclick = () => renew(config);
    document.getElementById('spa-logout').onclick = () => logout(config, tokens);
  }
  document.body.dataset.ready = 'true';
}

start().catch(failure => problem('The page could not start: ' + failure.message));
