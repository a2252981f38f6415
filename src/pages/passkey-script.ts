/**
 * The one script of the hosted pages (served at `/passkeys.js`, same origin, allowed by the pages'
 * Content-Security-Policy): the WebAuthn ceremony of a passkey form. The form carries the options
 * the server issued (`data-options`, JSON) and the ceremony (`data-webauthn`: `get` to sign in,
 * `create` to add a passkey); its button runs navigator.credentials, and the answer is posted in
 * the hidden `credential` field as the JSON the API takes.
 */
export const PASSKEY_SCRIPT = `(() => {
  const form = document.querySelector('form[data-webauthn]');
  if (!form) return;
  const b64u = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const bytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const show = (message) => {
    let p = document.getElementById('loginErrorMessage');
    if (!p) {
      p = document.createElement('p');
      p.id = 'loginErrorMessage';
      p.className = 'errorMessage';
      p.setAttribute('role', 'alert');
      form.before(p);
    }
    p.textContent = message;
  };
  form.addEventListener('submit', async (event) => {
    if (form.elements.credential.value) return;
    event.preventDefault();
    const o = JSON.parse(form.dataset.options);
    try {
      if (form.dataset.webauthn === 'create') {
        const publicKey = { ...o, challenge: bytes(o.challenge), user: { ...o.user, id: bytes(o.user.id) }, excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: bytes(c.id) })) };
        const c = await navigator.credentials.create({ publicKey });
        const r = c.response;
        form.elements.credential.value = JSON.stringify({
          id: c.id, rawId: b64u(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment || undefined,
          clientExtensionResults: c.getClientExtensionResults(),
          response: { clientDataJSON: b64u(r.clientDataJSON), attestationObject: b64u(r.attestationObject), transports: r.getTransports() },
        });
      } else {
        const publicKey = { ...o, challenge: bytes(o.challenge), allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: bytes(c.id) })) };
        const c = await navigator.credentials.get({ publicKey });
        const r = c.response;
        form.elements.credential.value = JSON.stringify({
          id: c.id, rawId: b64u(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment || undefined,
          clientExtensionResults: c.getClientExtensionResults(),
          response: { clientDataJSON: b64u(r.clientDataJSON), authenticatorData: b64u(r.authenticatorData), signature: b64u(r.signature), userHandle: r.userHandle ? b64u(r.userHandle) : undefined },
        });
      }
      form.submit();
    } catch (error) {
      show('The passkey was not used: ' + (error && error.message ? error.message : error));
    }
  });
})();
`;
