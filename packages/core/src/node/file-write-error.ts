/**
 * A file could not be written. The message names the file the caller asked for (never a temporary file), says what
 * failed and why, and that the file was left as it was; `code` is the system's error code (`'ENOSPC'`, `'EROFS'`,
 * `'EACCES'`, …) when there is one.
 */
export class FileWriteError extends Error {
  override readonly name: string = 'FileWriteError';

  constructor(
    message: string,
    /** The file that was to be written. */
    readonly path: string,
    /** What failed, without the path: e.g. `no space left on device (ENOSPC) after writing 53248 bytes`. */
    readonly reason: string,
    /** The system's error code, when the failure came from the system. */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The most characters of another error's message repeated in a {@link FileWriteError}'s. */
const MESSAGE_LIMIT = 200;

/**
 * A system error (`ENOSPC: no space left on device, write '…'`) as `no space left on device (ENOSPC)`, without the
 * path the system put in it (which may be a temporary file's). Other errors give their message, cut to 200 characters.
 */
export function describeSystemError(error: unknown): { readonly text: string; readonly code: string | undefined } {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const whole = typeof message === 'string' ? message : String(error);
  const text = whole.length > MESSAGE_LIMIT ? `${whole.slice(0, MESSAGE_LIMIT)}… (${whole.length} characters)` : whole;
  if (typeof code !== 'string') return { text, code: undefined };
  const description = text.startsWith(`${code}: `) ? text.slice(code.length + 2).split(', ')[0] : text;
  return { text: `${description} (${code})`, code };
}
