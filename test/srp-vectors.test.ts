import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  N,
  claimSignature,
  clientKey,
  computeX,
  createVerifier,
  g,
  hexToBigInt,
  k,
  modPowBigInt,
  modPowN,
  padHex,
  scrambler,
  serverKey,
  verifyPassword,
} from '../src/crypto/srp.ts';

// Computed independently and cross-checked against both JS clients.
const join = (s: string) => s.replace(/\s+/g, '');
const V = {
  poolName: 'ExAmPlE12',
  userId: 'alice',
  password: 'Passw0rd!',
  salt: 'c0ffee00112233445566778899aabbcc',
  a: 'a1'.repeat(128),
  b: 'b2'.repeat(128),
  secretBlock: 'c2VjcmV0LWJsb2NrLTAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
  timestamp: 'Tue Mar 5 09:07:03 UTC 2024',
  k: '538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6',
  x: 'b4e3266a9c4a74567148842fbcd5c6bc01f7585d8a48291180eb51a8b778e614',
  u: 'de61ada2b19e08fe7d647307f75e2446d6e6f90a3c317b0ff0f62f3f29e4571e',
  K: 'bb46402784bb39efd95983ba246b22d3',
  signature: 'hABDxuFIHjG3UybUEj8ijJizbL3lOfNYOA/qZlEdsgw=',
  v: join(`009152a69f0765fda519a54e02543f681d5aba903ac38eb16148815e297a1af0d97ae755e2d0914f779bb18ba0040012
0fe58f0c13168f48a1716cd6ce8b068cdf66b2934b499b5eb86b1331e3cbd6c87799972c7ee932ad6a384df280b45ea9
f4543b20e860fea1b8cfec6c4d2d4b00425ad5c4161581b2711479926e35c34e6cbdc9134557a62b98cfad3fe4e5fda4
2843b244e4825ff53b57e4707ceccbc21896eb826d0af8697c5e993e5097af1098c1bf0f25065676410a87efd9f5952f
b6f8b41856c0c4cf87280642d7c8fde0f63b7896e560c19dd39f6fcd6fd6ddbf912f0155548b5dcf2aa75a24355d5783
7a14693184bcd94f39302d9522b4978a3ff1d23a01ffc3af7a41874572255cc551959235591acf7887fa1d2dfd4d3b0e
8155b277b3f7fc2f04919ff4279cafb71cd497a412217fa24e20758e4da3a64770a7f2288b7e5ab1e3d19239106fca63
6bfbdfe051953c0dc113e8c39eda6a0b3e518042175eba2f2bca77f68335e32afbf023faa9299b588b45926630fb4c04
73`),
  A: join(`c02a160ecd7f774f857baa05bd1b2ad7aebfaa860706eab803d36b0a02519016df15f42bf0bba4ebb0cf36bb07f07777
120e6cbb168a37bb685b5cb5bf13ed99bed6b6c2fdacd62a1fb99ba64da85256970fbbc9f12c68081ca066770fe7d2a6
475855dbb19243d35fa6e63616e8f32c21d5d830c3acb99ef28b416f20e1acdf8e40d4242b7cfeb5864a5123e5fbacb2
ce223f08e586910a9e81de64100acf751f366b14d5ce00bc22ca5c79db8dd8d2e0d9f68f19304f1f748cec8cbeb51865
96ed35f2088b33152191016395308af48c9fb016e0edf8526989a3a50e9b1c95830ee17bae1ff9834c3915b87ba4cd85
00635528440ae81099dd2ee4141751d0dba5e7cf0163a68241312fb1a239b8553404781a623208993b7b803bce0f7fa0
2f2fe992ed654c3efbea01ed7db620ba4b505bd072ab387d0a0f08ed9e5d7fec9bfbc22d7a5129580eca4c2a933f6f7a
aa18a1e4f3f48c27973296b5bef6af7a4b8291daf65a98ca40ad75b6c52c6a0030d423a19a1870467123d843146b2d63`),
  B: join(`3726e3989da49753be9254f09fc5b7ceff9ca11d324f3dedf938e907a1935dd2b92a468c78c87d47f92549a4cf4f0f3d
a2052538dda1145af82dfbc7a7f8fb23f7b88cd076dc20b90896583a0a6c60659620846f9580fed352b9ba44bdaba735
5de217ab86f4b20224aabe8750571b26393d6563e3de12124a3df2ca8b69c56ec85477a26906bd6c68a2d89066f2f59b
660c55b8d4eaf14be3d48f909c1fd72799355b79d88674805529722c3c2ade458e308d980a378819188167861a8d11c1
a02effe14da905dbe41dc397c6603148a7072f30b63b869fcd3d6f5fe6b77628e5000f22bc9336f4aa11faf305723182
80a9ffe89db218cd08398f6bc554b45416ff534cc1e2176019788f31b55a7e6595b4f5c40e9d777d0efd6d0b37268c9a
eb53c8d0d8de66f5c457c51be066d35ecfcdcc7f60c878a16176f90e1ad86cc3c2087f7223a8fceb6fced996bab2999e
9c72ae2f34583cf4767dfc8f8f5b8739cfb0dd76900ae9c9d1512e370d3b5d0524765388d87971219ad4f91fe3ce1cc`),
};

test('padHex follows the Java toByteArray rule', () => {
  assert.equal(padHex(20n), '14');
  assert.equal(padHex(200n), '00c8');
  assert.equal(padHex(236n), '00ec');
  assert.equal(padHex(0xabcn), '0abc');
});

test('k, x, v, A, B and u match the reference vector', () => {
  assert.equal(k.toString(16), V.k);
  const x = computeX(V.poolName, V.userId, V.password, hexToBigInt(V.salt));
  assert.equal(x.toString(16), V.x);
  const v = modPowN(g, x);
  assert.equal(padHex(v), V.v);
  const A = modPowN(g, hexToBigInt(V.a));
  assert.equal(A.toString(16), V.A);
  const B = (k * v + modPowN(g, hexToBigInt(V.b))) % N;
  assert.equal(B.toString(16), V.B);
  assert.equal(scrambler(A, B).toString(16), V.u);
});

test('the server key and the client key agree with K, and the signature matches', () => {
  const A = hexToBigInt(V.A);
  const B = hexToBigInt(V.B);
  const v = hexToBigInt(V.v);
  const K = serverKey(A, B, hexToBigInt(V.b), v)!;
  assert.equal(K.toString('hex'), V.K);
  const x = computeX(V.poolName, V.userId, V.password, hexToBigInt(V.salt));
  assert.equal(clientKey(hexToBigInt(V.a), A, B, x).toString('hex'), V.K);
  assert.equal(claimSignature(K, V.poolName, V.userId, Buffer.from(V.secretBlock, 'base64'), V.timestamp), V.signature);
});

test('OpenSSL modular exponentiation equals BigInt square-and-multiply', () => {
  for (let i = 0; i < 5; i++) {
    const base = hexToBigInt(randomBytes(384).toString('hex')) % N;
    const exp = hexToBigInt(randomBytes(32).toString('hex'));
    assert.equal(modPowN(base, exp), modPowBigInt(base, exp, N));
  }
  assert.equal(modPowN(2n, 10n), 1024n);
  assert.equal(modPowN(1n, 12345n), 1n);
  assert.equal(modPowN(N - 1n, 2n), 1n);
});

test('a verifier made for a password accepts it and nothing else', () => {
  const stored = createVerifier('Pool1', 'bob', 'S3cret!pass');
  assert.equal(verifyPassword('Pool1', 'bob', 'S3cret!pass', stored), true);
  assert.equal(verifyPassword('Pool1', 'bob', 'S3cret!pasS', stored), false);
  assert.equal(verifyPassword('Pool2', 'bob', 'S3cret!pass', stored), false);
});
