import { unreadableFileError } from './parse-errors.ts';

function decodeStrictly(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    // A leading byte order mark is dropped by the decoder.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function encodingsToTry(bytes: Uint8Array): string[] {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return ['utf-16le'];
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return ['utf-16be'];
  return ['utf-8', 'gb18030'];
}

/**
 * The text of a file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or else
 * GB18030, which covers GBK and GB2312 files such as Chinese Excel exports.
 */
export function decodeText(options: { name: string; bytes: Uint8Array; format: string }): string {
  for (const encoding of encodingsToTry(options.bytes)) {
    const text = decodeStrictly(options.bytes, encoding);
    if (text !== undefined) return text;
  }
  throw unreadableFileError({
    name: options.name,
    format: options.format,
    reason: 'the bytes are not valid UTF-8, UTF-16 or GB18030 text',
  });
}
