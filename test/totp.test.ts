import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { checkTotp, newTotpSecret, TOTP_STEP_MS, totpStep } from '../src/crypto/totp.ts';

// RFC 6238 Appendix B, SHA-1 rows: the seed is the ASCII string "12345678901234567890". The RFC
// lists 8-digit codes; a 6-digit code is the same number modulo 10^6, i.e. its last six digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [seconds: number, eightDigits: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

test('the RFC seed in base32 is the RFC seed', () => {
  assert.equal(Buffer.from(Secret.fromBase32(RFC_SECRET).bytes).toString('latin1'), '12345678901234567890');
});

for (const [seconds, code] of RFC_VECTORS) {
  test(`RFC 6238 vector T=${seconds}: ${code.slice(2)} is accepted and names its time step`, () => {
    const now = seconds * 1000;
    assert.equal(checkTotp(RFC_SECRET, code.slice(2), now), Math.floor(seconds / 30));
    assert.equal(totpStep(now), Math.floor(seconds / 30));
  });
}

test('RFC 6238 vectors: a wrong digit is refused', () => {
  for (const [seconds, code] of RFC_VECTORS) {
    const six = code.slice(2);
    const wrong = six.slice(0, 5) + String((Number(six[5]) + 1) % 10);
    assert.equal(checkTotp(RFC_SECRET, wrong, seconds * 1000), undefined);
  }
});

test('a code is accepted one step before and after its own, not two', () => {
  const step = 1234567;
  const code = TOTP.generate({ secret: Secret.fromBase32(RFC_SECRET), timestamp: step * TOTP_STEP_MS });
  const at = (s: number, offsetMs = 0) => checkTotp(RFC_SECRET, code, s * TOTP_STEP_MS + offsetMs);
  assert.equal(at(step), step);
  assert.equal(at(step, TOTP_STEP_MS - 1), step);
  assert.equal(at(step - 1), step);
  assert.equal(at(step + 1), step);
  assert.equal(at(step + 1, TOTP_STEP_MS - 1), step);
  assert.equal(at(step - 2), undefined);
  assert.equal(at(step + 1, TOTP_STEP_MS), undefined);
  assert.equal(at(step + 2), undefined);
});

test('codes that are not exactly six digits are refused', () => {
  const now = 59_000;
  for (const code of ['', '28708', '2870820', '94287082', '28708a', ' 287082', '287082 ', '+87082', '２８７０８２']) {
    assert.equal(checkTotp(RFC_SECRET, code, now), undefined, JSON.stringify(code));
  }
});

test('newTotpSecret is 32 random bytes as unpadded RFC 4648 base32 (52 characters)', () => {
  const a = newTotpSecret();
  const b = newTotpSecret();
  assert.match(a, /^[A-Z2-7]{52}$/);
  assert.match(b, /^[A-Z2-7]{52}$/);
  assert.notEqual(a, b);
  assert.equal(Secret.fromBase32(a).bytes.length, 32);
  // Round trip: the decoded bytes encode back to the same text.
  assert.equal(new Secret({ buffer: new Uint8Array(Secret.fromBase32(a).bytes).buffer }).base32, a);
});

test('a code made from a new secret by an authenticator (otpauth) is accepted', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 0, 1, 12, 0, 10);
  const code = new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: now });
  assert.equal(checkTotp(secret, code, now), totpStep(now));
});
