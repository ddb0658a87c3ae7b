/**
 * Lesson 7 — key confirmation (RFC 9382 §4): a wrong code fails on cA, B never sends cB, Ke is
 * released only after the peer's MAC verified, and forward secrecy.
 */
import {
  cA,
  deriveW,
  K,
  KcAKcB,
  KeKa,
  P256_SHA256,
  pA,
  pB,
  randomScalar,
  Spake2Session,
  TT,
  type SessionEvent,
} from '../../src/spake2/index.js';
import {
  claim,
  done,
  expectError,
  heading,
  say,
  seededRandom,
  show,
  throwaway,
  title,
  utf8,
} from '../kit.js';

title(7, 'Key confirmation: fail early, release Ke late, keep the past secret');

const suite = P256_SHA256;
const salt = utf8('pairing 51c0');
const ids = { idA: 'agent', idB: 'human' };
/** Public events only (messages, state changes): safe to print for any session. */
const observer = (who: string) => (e: SessionEvent) => {
  if (e.kind === 'message') say(`  ${who} ${e.direction} ${e.msg}`);
  if (e.kind === 'state') say(`  ${who}: ${e.from} → ${e.to}`);
};

heading('A wrong code: both sides get through the shares, B rejects cA');
throwaway('the two codes');
say('A (the agent) shows 482913; the human mistypes 482914.');
{
  const a = new Spake2Session({
    ...ids,
    role: 'A',
    secret: { password: { code: '482913', salt } },
    observer: observer('A'),
  });
  const b = new Spake2Session({
    ...ids,
    role: 'B',
    secret: { password: { code: '482914', salt } },
    observer: observer('B'),
  });
  const sharePA = a.start();
  const sharePB = b.start();
  b.receiveShare(sharePA);
  a.receiveShare(sharePB);
  claim(
    'nothing failed yet: a share reveals nothing, so it cannot be wrong',
    a.state === 'haveKey' && b.state === 'haveKey',
  );
  const macA = a.confirm();
  expectError(
    'B verifies cA — the first message that depends on the code',
    'SPAKE2_ERR_CONFIRMATION',
    () => b.verify(macA),
  );
  claim('B is failed for good (secrets wiped)', b.state === 'failed');
  expectError('B cannot send cB now', 'SPAKE2_ERR_STATE', () => b.confirm());
  expectError('A, still waiting for cB, gets no key', 'SPAKE2_ERR_STATE', () => a.sessionKey());
  say('A pairing layer must now burn the code: that was the one guess (lesson 9).');
}

heading('Without confirmation the mismatch would be silent');
{
  const random = seededRandom('lesson 7: implicit');
  const [x, y] = [randomScalar(suite.group, random), randomScalar(suite.group, random)];
  const wA = deriveW(suite, { code: '482913', salt });
  const wB = deriveW(suite, { code: '482914', salt });
  const sharePA = pA(suite, wA, x).toBytes();
  const sharePB = pB(suite, wB, y).toBytes();
  const keOf = (role: 'A' | 'B', w: bigint, k: bigint, peer: Uint8Array) => {
    const kk = K(suite, role, w, k, suite.group.decodeShare(peer, 'share')).toBytes();
    return KeKa(
      suite,
      TT(suite, { A: utf8('agent'), B: utf8('human'), pA: sharePA, pB: sharePB, K: kk, w }),
    ).Ke;
  };
  const keA = keOf('A', wA, x, sharePB);
  const keB = keOf('B', wB, y, sharePA);
  claim(
    'the protocol steps alone give A and B different Ke, and neither side can tell',
    Buffer.compare(keA, keB) !== 0,
  );
  say(
    'Implicit authentication only: they would start encrypting under different keys and learn',
    'of it from garbage later — too late to count a guess. RFC 9382 §3.1: neither side may',
    "consider the protocol complete before it verified the peer's MAC.",
  );
}

heading('The right code: Ke only after verify (RFC 9382 §4)');
{
  const a = new Spake2Session({
    ...ids,
    role: 'A',
    secret: { password: { code: '482913', salt } },
  });
  const b = new Spake2Session({
    ...ids,
    role: 'B',
    secret: { password: { code: '482913', salt } },
  });
  const sharePA = a.start();
  const sharePB = b.start();
  b.receiveShare(sharePA);
  a.receiveShare(sharePB);
  expectError('A asks for Ke before verifying cB', 'SPAKE2_ERR_STATE', () => a.sessionKey());
  expectError('B tries to send cB before verifying cA', 'SPAKE2_ERR_STATE', () => b.confirm());
  b.verify(a.confirm());
  a.verify(b.confirm());
  claim(
    'after both MACs verified, both are confirmed',
    a.state === 'confirmed' && b.state === 'confirmed',
  );
  claim(
    'and release the same Ke (not printed: a session key)',
    Buffer.compare(a.sessionKey(), b.sessionKey()) === 0,
  );
  say(`public transcript digest on both screens: ${a.transcriptDigest} = ${b.transcriptDigest}`);
}

heading('Forward secrecy: the code leaks later');
{
  const random = seededRandom('lesson 7: forward secrecy');
  const x = randomScalar(suite.group, random);
  const y = randomScalar(suite.group, random);
  const code = '739201';
  throwaway('the code, x, y and the points from them');
  show('x', x);
  show('y', y);
  const a = new Spake2Session({
    ...ids,
    role: 'A',
    scalar: x,
    secret: { password: { code, salt } },
  });
  const b = new Spake2Session({
    ...ids,
    role: 'B',
    scalar: y,
    secret: { password: { code, salt } },
  });
  const recPA = a.start();
  const recPB = b.start();
  b.receiveShare(recPA);
  a.receiveShare(recPB);
  const recCA = a.confirm();
  b.verify(recCA);
  a.verify(b.confirm());
  say('The attacker recorded pA, pB, cA, cB. Afterwards the sessions wiped x and y.');
  say('Later the attacker learns the code, so w:');
  const w = deriveW(suite, { code, salt });
  const X = suite.group.decodeShare(recPA, 'pA').subtract(suite.M.multiply(w));
  const Y = suite.group.decodeShare(recPB, 'pB').subtract(suite.N.multiply(w));
  show('X = pA − w·M', X.toBytes());
  show('Y = pB − w·N', Y.toBytes());
  claim(
    'w unblinds the shares: X = x·P and Y = y·P',
    X.equals(suite.group.P.multiply(x)) && Y.equals(suite.group.P.multiply(y)),
  );
  const macFor = (k: Uint8Array) => {
    const tt = TT(suite, { A: utf8('agent'), B: utf8('human'), pA: recPA, pB: recPB, K: k, w });
    const { KcA } = KcAKcB(suite, KeKa(suite, tt).Ka, new Uint8Array());
    return cA(suite, KcA, tt);
  };
  const guesses = { X: X, Y: Y, 'X + Y': X.add(Y) };
  const anyHit = Object.values(guesses).some(
    (k) => Buffer.compare(macFor(k.toBytes()), recCA) === 0,
  );
  claim('the values the attacker can form (X, Y, X + Y, …) do not reproduce cA', !anyHit);
  const withX = K(suite, 'A', w, x, suite.group.decodeShare(recPB, 'pB')).toBytes();
  claim(
    'only x or y gives K = x·Y = y·X: with x, the recorded cA is reproduced',
    Buffer.compare(macFor(withX), recCA) === 0,
  );
  say(
    'K = h·x·y·P from X = x·P and Y = y·P alone is the computational Diffie-Hellman problem.',
    'So a leaked code exposes no past Ke — provided x and y are random, used once and erased',
    '(RFC 9382 §7; with key confirmation SPAKE2 has perfect forward secrecy: Becerra, Ostrev,',
    'Škrobot, ProvSec 2018).',
  );
}
done();
