/**
 * WeCom (企业微信) callback crypto for self-built apps, after the 加解密方案说明 appendix:
 * - msg_signature = lowercase hex SHA1 of the dictionary-sorted concatenation of token,
 *   timestamp, nonce and the encrypted text;
 * - AESKey = Base64_Decode(EncodingAESKey + "="), 32 bytes; IV = its first 16 bytes;
 * - AES-256-CBC over random(16) + msg_len(4, network order) + msg + receiveid, PKCS#7-padded to
 *   a multiple of 32 bytes (WeCom's block size for padding, not AES's 16), then Base64.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AuthenticationError, ConfigurationError, InputError } from '../../lib/errors.ts';
import { constantTimeEqual } from '../constant-time-equal.ts';
import { isWithinTimestampWindow, parseUnixSeconds } from '../timestamp-window.ts';

const ENCODING_AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const PADDING_BLOCK_BYTES = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;

// Limitation: self-built apps only (receiveid = CorpID); third-party suites (suite_id) untested.
/** What an app's callback settings hold: Token, EncodingAESKey and the CorpID (receiveid). */
export interface WecomCredentials {
  token: string;
  encodingAesKey: string;
  /** The receiveid WeCom appends; for a self-built app's callbacks, the CorpID. */
  corpId: string;
}

/** The AES key and IV an EncodingAESKey stands for. */
export interface WecomAesKey {
  key: Buffer;
  iv: Buffer;
}

export interface WecomSignatureOptions {
  token: string;
  timestamp: string;
  nonce: string;
  /** The Base64 ciphertext: the Encrypt element, or echostr for URL verification. */
  encrypted: string;
}

export interface DecryptWecomMessageOptions extends WecomCredentials {
  /** The `msg_signature` query parameter. */
  signature: string;
  timestamp: string;
  nonce: string;
  /** The Encrypt element of the posted XML envelope. */
  encrypted: string;
  now: Date;
  /** Allowed clock distance in seconds, either way; 300 unless given. */
  toleranceSeconds?: number;
}

export interface VerifyWecomUrlOptions extends WecomCredentials {
  signature: string;
  timestamp: string;
  nonce: string;
  /** The `echostr` query parameter, already URL-decoded (as query parsing leaves it). */
  echostr: string;
  now: Date;
  toleranceSeconds?: number;
}

export interface EncryptWecomMessageOptions extends WecomCredentials {
  /** The plaintext reply, normally an XML message. */
  message: string;
  timestamp: string;
  nonce: string;
  /** 16 bytes to prefix; random unless given (tests pass fixed bytes). */
  random?: Uint8Array;
}

/** An encrypted reply with the signature WeCom will check. */
export interface EncryptedWecomMessage {
  encrypted: string;
  signature: string;
  timestamp: string;
  nonce: string;
}

/** Computes WeCom's msg_signature for a ciphertext. */
export function wecomSignature(options: WecomSignatureOptions): string {
  const parts = [options.token, options.timestamp, options.nonce, options.encrypted].sort();
  return createHash('sha1').update(parts.join(''), 'utf8').digest('hex');
}

/**
 * Authenticates and decrypts a callback message: checks msg_signature (before touching the
 * ciphertext) and the timestamp window, decrypts, and checks the receiveid is our CorpID.
 * Returns the plaintext message, an XML document to read with `parseWecomXml`.
 */
export function decryptWecomMessage(options: DecryptWecomMessageOptions): string {
  const aesKey = checkCredentials(options);
  checkSignature(options);
  checkTimestamp(options);

  const plaintext = decryptBlock({ aesKey, encrypted: options.encrypted });
  const { message, receiveId } = splitPlaintext(plaintext);
  if (!constantTimeEqual(receiveId, options.corpId)) {
    throw new AuthenticationError({
      code: 'wecom_corp_mismatch',
      message: 'The message was encrypted for another CorpID; check the configured CorpID.',
    });
  }
  return message;
}

/**
 * Answers WeCom's GET check of a callback URL: verifies `msg_signature` over `echostr` and
 * returns the decrypted echo, which must be sent back as the plain response body.
 */
export function verifyWecomUrl(options: VerifyWecomUrlOptions): string {
  return decryptWecomMessage({ ...options, encrypted: options.echostr });
}

/** Encrypts and signs a passive reply (and lets tests build genuine callbacks). */
export function encryptWecomMessage(options: EncryptWecomMessageOptions): EncryptedWecomMessage {
  const aesKey = checkCredentials(options);
  const random = options.random ?? randomBytes(RANDOM_BYTES);
  if (random.length !== RANDOM_BYTES) {
    throw new InputError({
      code: 'wecom_random_invalid',
      message: `The random prefix must be exactly ${RANDOM_BYTES} bytes.`,
    });
  }

  const message = Buffer.from(options.message, 'utf8');
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(message.length);
  const plaintext = Buffer.concat([random, length, message, Buffer.from(options.corpId, 'utf8')]);

  const cipher = createCipheriv('aes-256-cbc', aesKey.key, aesKey.iv).setAutoPadding(false);
  const padded = addPadding(plaintext);
  const encrypted = Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');

  const { timestamp, nonce, token } = options;
  const signature = wecomSignature({ token, timestamp, nonce, encrypted });
  return { encrypted, signature, timestamp, nonce };
}

/**
 * Turns an EncodingAESKey (43 characters of A-Z, a-z, 0-9) into the AES key and IV; throws a
 * ConfigurationError otherwise. Call it at start-up to fail fast on a mistyped key.
 */
export function parseWecomEncodingAesKey(encodingAesKey: string): WecomAesKey {
  const key = ENCODING_AES_KEY_PATTERN.test(encodingAesKey)
    ? Buffer.from(`${encodingAesKey}=`, 'base64')
    : undefined;
  if (key?.length !== 32) {
    throw new ConfigurationError({
      code: 'wecom_encoding_aes_key_invalid',
      message:
        "The WeCom EncodingAESKey must be the 43 letters and digits shown in the app's " +
        'callback settings.',
      details: { length: encodingAesKey.length },
    });
  }
  return { key, iv: key.subarray(0, 16) };
}

function checkCredentials(credentials: WecomCredentials): WecomAesKey {
  if (credentials.token.length === 0 || credentials.corpId.length === 0) {
    throw new ConfigurationError({
      code: 'wecom_credentials_missing',
      message: 'Set the WeCom callback Token and the CorpID; both are needed to verify callbacks.',
    });
  }
  return parseWecomEncodingAesKey(credentials.encodingAesKey);
}

function checkSignature(options: DecryptWecomMessageOptions): void {
  const expected = wecomSignature(options);
  if (constantTimeEqual(options.signature.toLowerCase(), expected)) return;
  throw new AuthenticationError({
    code: 'wecom_signature_invalid',
    message: 'msg_signature does not match; check the callback Token, or the request is forged.',
  });
}

function checkTimestamp(options: DecryptWecomMessageOptions): void {
  const timestampSeconds = parseUnixSeconds(options.timestamp);
  const { now, toleranceSeconds } = options;
  if (timestampSeconds !== undefined) {
    if (isWithinTimestampWindow({ timestampSeconds, now, toleranceSeconds })) return;
  }
  throw new AuthenticationError({
    code: 'wecom_timestamp_stale',
    message:
      'The callback timestamp is missing or outside the allowed window; a replayed request, ' +
      'or a server clock that needs syncing.',
  });
}

function decryptBlock(options: { aesKey: WecomAesKey; encrypted: string }): Buffer {
  const ciphertext = BASE64_PATTERN.test(options.encrypted)
    ? Buffer.from(options.encrypted, 'base64')
    : Buffer.alloc(0);
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw malformed('The encrypted text is not Base64 of whole AES blocks.');
  }

  const { key, iv } = options.aesKey;
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return removePadding(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
}

function splitPlaintext(plaintext: Buffer): { message: string; receiveId: string } {
  const header = RANDOM_BYTES + LENGTH_BYTES;
  if (plaintext.length < header) throw malformed('The decrypted text is too short.');

  const messageEnd = header + plaintext.readUInt32BE(RANDOM_BYTES);
  if (messageEnd > plaintext.length) throw malformed('The message length is out of range.');

  return {
    message: plaintext.subarray(header, messageEnd).toString('utf8'),
    receiveId: plaintext.subarray(messageEnd).toString('utf8'),
  };
}

function addPadding(plaintext: Buffer): Buffer {
  const size = PADDING_BLOCK_BYTES - (plaintext.length % PADDING_BLOCK_BYTES);
  return Buffer.concat([plaintext, Buffer.alloc(size, size)]);
}

function removePadding(padded: Buffer): Buffer {
  const size = padded.at(-1) ?? 0;
  if (size < 1 || size > PADDING_BLOCK_BYTES || size > padded.length) {
    throw malformed('The decrypted text has no valid padding; check the EncodingAESKey.');
  }
  for (let index = padded.length - size; index < padded.length; index += 1) {
    if (padded[index] !== size) {
      throw malformed('The decrypted text has no valid padding; check the EncodingAESKey.');
    }
  }
  return padded.subarray(0, padded.length - size);
}

function malformed(message: string): InputError {
  return new InputError({ code: 'wecom_payload_malformed', message });
}
