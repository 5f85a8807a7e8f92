// A real OpenID Provider for tuphap's browser tests: panva/oidc-provider
// (certified by the OpenID Foundation) with its default settings, except
// what any deployment must configure: the client, the accounts and their
// claims, the assurance levels it supports, and a minimal login screen in
// place of the development one (which cannot say at which level the person
// signed in).
//
// With the defaults, the ID token of the code flow carries no profile
// claims (conformIdTokenClaims): the relying party must read them from the
// UserInfo endpoint, as a conforming provider demands.
//
// Environment: PORT (0: any), RP (the relying party's origin),
// CLIENT_ID, CLIENT_SECRET. It prints "ISSUER <url>" once listening.
import http from 'node:http';
import Provider from 'oidc-provider';

const rp = process.env.RP;
const accounts = {
  // The national e-ID's claim names are configuration on tuphap's side;
  // this provider uses names of its own to prove it.
  '001090012345': { name: 'Nguyễn Văn An', birthdate: '1990-05-12', so_dinh_danh: '001090012345', level: 'level2' },
  '079195004321': { name: 'Trần Thị Bích Ngọc', birthdate: '1995', so_dinh_danh: '079195004321', level: 'level2' },
  '048088007788': { name: 'Lê Hoàng Đức', birthdate: '1988-02-29', so_dinh_danh: '048088007788', level: 'level1' },
};

const server = http.createServer();
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  const issuer = `http://localhost:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [`${rp}/dang-nhap/xong`],
      post_logout_redirect_uris: [`${rp}/`],
    }],
    scopes: ['openid', 'profile', 'vneid'],
    claims: { openid: ['sub'], profile: ['name', 'birthdate'], vneid: ['so_dinh_danh'], acr: null },
    acrValues: ['level1', 'level2'],
    findAccount: (ctx, id) => {
      const a = accounts[id];
      if (!a) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: a.name, birthdate: a.birthdate, so_dinh_danh: a.so_dinh_danh }) };
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
  });
  const oidc = provider.callback();
  server.on('request', async (req, res) => {
    const m = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!m) return oidc(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'consent') {
        // The national e-ID asks no consent of a public service.
        const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
        const d = details.prompt.details;
        if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
        if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
        const grantId = await grant.save();
        return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      }
      if (req.method === 'POST' && m[2]) {
        const body = await new Promise((ok) => { let b = ''; req.on('data', (c) => { b += c; }); req.on('end', () => ok(b)); });
        const login = new URLSearchParams(body).get('login');
        const a = accounts[login];
        if (!a) {
          res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
          return res.end('unknown account');
        }
        return provider.interactionFinished(req, res, { login: { accountId: login, acr: a.level } }, { mergeWithLastSubmission: false });
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Test OpenID Provider</title></head>
<body><h1 id="op-login">Sign in (test OpenID Provider)</h1>
<form method="post" action="/interaction/${details.uid}/login">
<label>Personal ID <input id="op-id" name="login" autocomplete="off"></label>
<button id="op-submit" type="submit">Sign in</button></form></body></html>`);
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(err && err.message));
    }
  });
  console.log(`ISSUER ${issuer}`);
});
