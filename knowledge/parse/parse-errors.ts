import { InputError } from '../../lib/errors.ts';

/** The file is corrupt or in an encoding we cannot decode. */
export function unreadableFileError(options: {
  name: string;
  format: string;
  reason: string;
  cause?: unknown;
}): InputError {
  return new InputError({
    code: 'unreadable_file',
    message:
      `"${options.name}" cannot be read as ${options.format}: ${options.reason}; ` +
      'check that it opens in its usual application, save it again and re-upload it',
    cause: options.cause,
    details: { name: options.name, format: options.format },
  });
}

/** The file holds no text worth indexing. */
export function emptyFileError(name: string): InputError {
  return new InputError({
    code: 'empty_file',
    message: `"${name}" is empty or holds no text; upload a file with content`,
    details: { name },
  });
}
