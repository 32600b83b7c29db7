import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import {
  decryptFeishuPayload,
  feishuSignature,
  parseFeishuBody,
  verifyFeishuSignature,
} from './feishu-crypto.ts';

const ENCRYPT_KEY = 'test-encrypt-key';
const TIMESTAMP = '1735689600';
const NOW = new Date(Number(TIMESTAMP) * 1000);
const BODY = '{"encrypt":"abc"}';
/** Computed with `openssl dgst -sha256` over `1735689600nonce-1test-encrypt-key<BODY>`. */
const SIGNATURE = 'c4493bebacd2df9e7203a940760b0580d1898ec7f1a5d24ceff071eabe9c879a';

/** Reference encryption written from the guide: SHA256 key, IV prefix, AES-256-CBC, PKCS#7. */
function referenceEncrypt(plain: string, encryptKey = ENCRYPT_KEY): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = Buffer.from('fedcba9876543210');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

function headers(overrides: Record<string, string | undefined> = {}) {
  return {
    'X-Lark-Request-Timestamp': TIMESTAMP,
    'X-Lark-Request-Nonce': 'nonce-1',
    'X-Lark-Signature': SIGNATURE,
    ...overrides,
  };
}

function errorOf(run: () => unknown): DealwiseError | undefined {
  try {
    run();
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

describe('feishuSignature', () => {
  it('is the SHA256 of timestamp, nonce, key and body, as computed with openssl', () => {
    const signature = feishuSignature({
      timestamp: TIMESTAMP,
      nonce: 'nonce-1',
      encryptKey: ENCRYPT_KEY,
      rawBody: BODY,
    });

    expect(signature).toBe(SIGNATURE);
  });
});

describe('verifyFeishuSignature', () => {
  const base = { rawBody: BODY, encryptKey: ENCRYPT_KEY };

  it('accepts a correctly signed request', () => {
    expect(errorOf(() => verifyFeishuSignature({ ...base, headers: headers() }))).toBeUndefined();
  });

  it('rejects a request without a nonce', () => {
    const request = { ...base, headers: headers({ 'X-Lark-Request-Nonce': undefined }) };

    expect(errorOf(() => verifyFeishuSignature(request))?.code).toBe('feishu_signature_missing');
  });

  it('rejects a body changed after signing', () => {
    const request = { ...base, rawBody: '{"encrypt":"abd"}', headers: headers() };

    expect(errorOf(() => verifyFeishuSignature(request))?.code).toBe('feishu_signature_invalid');
  });

  it('rejects a signature made with another Encrypt Key', () => {
    const request = { ...base, encryptKey: 'other-key', headers: headers() };

    expect(errorOf(() => verifyFeishuSignature(request))?.code).toBe('feishu_signature_invalid');
  });

  it('rejects a stale timestamp when a clock is given', () => {
    const now = new Date(NOW.getTime() + 301_000);

    expect(errorOf(() => verifyFeishuSignature({ ...base, now, headers: headers() }))?.code).toBe(
      'feishu_timestamp_stale',
    );
  });

  it('accepts a timestamp within the window when a clock is given', () => {
    const now = new Date(NOW.getTime() - 299_000);

    expect(
      errorOf(() => verifyFeishuSignature({ ...base, now, headers: headers() })),
    ).toBeUndefined();
  });
});

describe('decryptFeishuPayload', () => {
  it('decrypts what the reference function encrypted', () => {
    const plain = '{"schema":"2.0","event":{"message":{"content":"{\\"text\\":\\"你好\\"}"}}}';

    expect(
      decryptFeishuPayload({ encrypt: referenceEncrypt(plain), encryptKey: ENCRYPT_KEY }),
    ).toBe(plain);
  });

  it('reports a payload under another Encrypt Key as malformed input', () => {
    const encrypt = referenceEncrypt('{"type":"url_verification"}', 'other-key');
    const error = errorOf(() => decryptFeishuPayload({ encrypt, encryptKey: ENCRYPT_KEY }));

    expect(error).toMatchObject({ name: 'InputError', code: 'feishu_payload_malformed' });
  });

  it('rejects a text shorter than an IV and one block', () => {
    const encrypt = Buffer.alloc(16).toString('base64');

    expect(errorOf(() => decryptFeishuPayload({ encrypt, encryptKey: ENCRYPT_KEY }))?.code).toBe(
      'feishu_payload_malformed',
    );
  });

  it('reports an empty Encrypt Key as a configuration error', () => {
    const error = errorOf(() => decryptFeishuPayload({ encrypt: 'AAAA', encryptKey: '' }));

    expect(error).toMatchObject({ name: 'ConfigurationError', code: 'feishu_encrypt_key_missing' });
  });
});

describe('parseFeishuBody', () => {
  it('returns a plaintext body as it is', () => {
    const rawBody = '{"challenge":"c1","token":"t","type":"url_verification"}';

    expect(parseFeishuBody({ rawBody })).toEqual({
      challenge: 'c1',
      token: 't',
      type: 'url_verification',
    });
  });

  it('decrypts an encrypted body given as bytes', () => {
    const encrypt = referenceEncrypt('{"uuid":"u1","token":"t"}');
    const rawBody = new TextEncoder().encode(JSON.stringify({ encrypt }));

    expect(parseFeishuBody({ rawBody, encryptKey: ENCRYPT_KEY })).toEqual({
      uuid: 'u1',
      token: 't',
    });
  });

  it('asks for the Encrypt Key when the body is encrypted and none is configured', () => {
    const rawBody = JSON.stringify({ encrypt: referenceEncrypt('{}') });

    expect(errorOf(() => parseFeishuBody({ rawBody }))?.code).toBe('feishu_encrypt_key_missing');
  });

  it('rejects a body that is not a JSON object', () => {
    expect(errorOf(() => parseFeishuBody({ rawBody: '[1,2]' }))?.code).toBe(
      'feishu_payload_malformed',
    );
  });
});
