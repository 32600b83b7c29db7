import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import {
  decryptWecomMessage,
  encryptWecomMessage,
  parseWecomEncodingAesKey,
  verifyWecomUrl,
  wecomSignature,
} from './wecom-crypto.ts';

/** Values from WeCom's published callback sample (Token, EncodingAESKey, CorpID, requests). */
const SAMPLE = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
};
const SAMPLE_ECHOSTR =
  'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
const SAMPLE_ENCRYPT =
  'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHH' +
  'hGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4a' +
  'SknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP' +
  '7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8' +
  'V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p' +
  '8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';

const TIMESTAMP = '1735689600';
const NOW = new Date(Number(TIMESTAMP) * 1000);
const NONCE = '1372623149';
const RANDOM = Buffer.from('0123456789abcdef');

/**
 * Reference encryption written from the spec for these tests: random(16) + big-endian length +
 * message + receiveid, PKCS#7 to 32-byte blocks, AES-256-CBC with the key's first 16 bytes as IV.
 */
function referenceEncrypt(options: { encodingAesKey: string; corpId: string; message: string }) {
  const key = Buffer.from(`${options.encodingAesKey}=`, 'base64');
  const message = Buffer.from(options.message, 'utf8');
  const length = Buffer.from([
    (message.length >>> 24) & 0xff,
    (message.length >>> 16) & 0xff,
    (message.length >>> 8) & 0xff,
    message.length & 0xff,
  ]);
  const plain = Buffer.concat([RANDOM, length, message, Buffer.from(options.corpId)]);
  const padSize = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(padSize, padSize)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

function signedRequest(encrypted: string, credentials = SAMPLE) {
  const signature = wecomSignature({
    token: credentials.token,
    timestamp: TIMESTAMP,
    nonce: NONCE,
    encrypted,
  });
  return { ...credentials, signature, timestamp: TIMESTAMP, nonce: NONCE, encrypted, now: NOW };
}

function errorOf(run: () => unknown): DealwiseError | undefined {
  try {
    run();
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

describe('wecomSignature', () => {
  it('is the SHA1 of the sorted concatenation, as computed with openssl', () => {
    const signature = wecomSignature({
      token: 'tok',
      timestamp: '1735689600',
      nonce: 'nonce42',
      encrypted: 'ENC+abc=',
    });

    expect(signature).toBe('ebe862ecc504c0bdd46957417401b751e2ee0be1');
  });

  it("reproduces the msg_signature of WeCom's URL verification sample", () => {
    const signature = wecomSignature({
      token: SAMPLE.token,
      timestamp: '1409659589',
      nonce: '263014780',
      encrypted: SAMPLE_ECHOSTR,
    });

    expect(signature).toBe('5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3');
  });
});

describe('verifyWecomUrl', () => {
  it("decrypts the echostr of WeCom's sample", () => {
    const echo = verifyWecomUrl({
      ...SAMPLE,
      signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
      timestamp: '1409659589',
      nonce: '263014780',
      echostr: SAMPLE_ECHOSTR,
      now: new Date(1409659589_000),
    });

    expect(echo).toBe('1616140317555161061');
  });

  it('rejects an echostr whose signature was made for another one', () => {
    const request = signedRequest(referenceEncrypt({ ...SAMPLE, message: 'echo' }));
    const error = errorOf(() => verifyWecomUrl({ ...request, echostr: SAMPLE_ECHOSTR }));

    expect(error?.code).toBe('wecom_signature_invalid');
  });
});

describe('decryptWecomMessage', () => {
  it("decrypts WeCom's sample text message", () => {
    const message = decryptWecomMessage({
      ...SAMPLE,
      signature: '477715d11cdb4164915debcba66cb864d751f3e6',
      timestamp: '1409659813',
      nonce: '1372623149',
      encrypted: SAMPLE_ENCRYPT,
      now: new Date(1409659813_000),
    });

    expect(message).toContain('<Content><![CDATA[hello]]></Content>');
  });

  it('decrypts a Chinese message encrypted by the reference function', () => {
    const text = '<xml><Content><![CDATA[请发报价单 quote]]></Content></xml>';
    const request = signedRequest(referenceEncrypt({ ...SAMPLE, message: text }));

    expect(decryptWecomMessage(request)).toBe(text);
  });

  it('checks the signature before decrypting', () => {
    const request = { ...signedRequest('not base64 at all'), signature: 'f'.repeat(40) };

    expect(errorOf(() => decryptWecomMessage(request))?.code).toBe('wecom_signature_invalid');
  });

  it('rejects a message signed with another token', () => {
    const encrypted = referenceEncrypt({ ...SAMPLE, message: 'hi' });
    const request = signedRequest(encrypted, { ...SAMPLE, token: 'other-token' });

    expect(errorOf(() => decryptWecomMessage({ ...request, token: SAMPLE.token }))?.code).toBe(
      'wecom_signature_invalid',
    );
  });

  it('rejects a timestamp older than the window', () => {
    const request = signedRequest(referenceEncrypt({ ...SAMPLE, message: 'hi' }));
    const now = new Date(NOW.getTime() + 301_000);

    expect(errorOf(() => decryptWecomMessage({ ...request, now }))?.code).toBe(
      'wecom_timestamp_stale',
    );
  });

  it('accepts an older timestamp within a configured window', () => {
    const request = signedRequest(referenceEncrypt({ ...SAMPLE, message: 'hi' }));
    const now = new Date(NOW.getTime() + 500_000);

    expect(decryptWecomMessage({ ...request, now, toleranceSeconds: 600 })).toBe('hi');
  });

  it('rejects a message encrypted for another CorpID', () => {
    const encrypted = referenceEncrypt({ ...SAMPLE, corpId: 'ww0000000000000000', message: 'hi' });

    expect(errorOf(() => decryptWecomMessage(signedRequest(encrypted)))?.code).toBe(
      'wecom_corp_mismatch',
    );
  });

  it('reports a signed but non-Base64 payload as malformed input', () => {
    const error = errorOf(() => decryptWecomMessage(signedRequest('%%%')));

    expect(error).toMatchObject({ name: 'InputError', code: 'wecom_payload_malformed' });
  });

  it('reports a payload under another EncodingAESKey as malformed input', () => {
    const otherKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const encrypted = referenceEncrypt({ ...SAMPLE, encodingAesKey: otherKey, message: 'hi' });

    expect(errorOf(() => decryptWecomMessage(signedRequest(encrypted)))?.code).toBe(
      'wecom_payload_malformed',
    );
  });
});

describe('encryptWecomMessage', () => {
  const reply = { ...SAMPLE, timestamp: TIMESTAMP, nonce: NONCE, random: RANDOM };

  it('produces the same ciphertext as the reference function for the same random bytes', () => {
    const message = '<xml><Content><![CDATA[收到]]></Content></xml>';

    expect(encryptWecomMessage({ ...reply, message }).encrypted).toBe(
      referenceEncrypt({ ...SAMPLE, message }),
    );
  });

  it('pads to a multiple of 32 bytes as WeCom specifies', () => {
    // 16 random + 4 length + 2 message + 18 CorpID = 40 bytes: 48 with 16-byte padding, 64 with 32.
    const { encrypted } = encryptWecomMessage({ ...reply, message: 'hi' });

    expect(Buffer.from(encrypted, 'base64').length).toBe(64);
  });

  it('signs the ciphertext so that it round-trips through decryption', () => {
    const sealed = encryptWecomMessage({ ...reply, message: '报价 ready' });
    const opened = decryptWecomMessage({ ...SAMPLE, ...sealed, now: NOW });

    expect(opened).toBe('报价 ready');
  });
});

describe('parseWecomEncodingAesKey', () => {
  it('takes the IV from the first 16 bytes of the key', () => {
    const { key, iv } = parseWecomEncodingAesKey(SAMPLE.encodingAesKey);

    expect([key.length, iv.toString('hex')]).toEqual([32, key.subarray(0, 16).toString('hex')]);
  });

  it.each([
    ['42 characters', SAMPLE.encodingAesKey.slice(1)],
    ['a character outside A-Z a-z 0-9', `+${SAMPLE.encodingAesKey.slice(1)}`],
  ])('rejects a key with %s as a configuration error', (_label, encodingAesKey) => {
    const error = errorOf(() => parseWecomEncodingAesKey(encodingAesKey));

    expect(error).toMatchObject({
      name: 'ConfigurationError',
      code: 'wecom_encoding_aes_key_invalid',
    });
  });
});
