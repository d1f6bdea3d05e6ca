import { writeSync } from 'node:fs';

/**
 * The system call that writes bytes: `write(descriptor, buffer, offset, length)` returns how many of the `length`
 * bytes from `buffer[offset]` it wrote, which on a full file system may be fewer than asked (`fs.writeSync` by
 * default).
 */
export type WriteBytes = (descriptor: number, buffer: Uint8Array, offset: number, length: number) => number;

/** The default {@link WriteBytes}: `fs.writeSync` at the file's current position. */
export const systemWriteBytes: WriteBytes = (descriptor, buffer, offset, length) =>
  writeSync(descriptor, buffer, offset, length);

/**
 * Writes to an open file, every byte: a short write is continued from where it stopped, so a full file system ends
 * in an error (`ENOSPC` on the next call), never in a silently shorter file. Counts the bytes written.
 */
export class DescriptorWriter {
  /** Bytes written so far. */
  written = 0;

  constructor(
    private readonly descriptor: number,
    private readonly writeBytes: WriteBytes = systemWriteBytes,
  ) {}

  /**
   * Writes all of `bytes`.
   * @throws the system's error; or an Error with code `'ENOSPC'` when a write makes no progress (0 bytes), which
   * would otherwise loop forever.
   */
  write(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      const count = this.writeBytes(this.descriptor, bytes, offset, bytes.length - offset);
      if (!(Number.isSafeInteger(count) && count > 0 && count <= bytes.length - offset)) {
        throw Object.assign(
          new Error(`ENOSPC: the file system accepted ${String(count)} of ${bytes.length - offset} bytes, write`),
          { code: 'ENOSPC' },
        );
      }
      offset += count;
      this.written += count;
    }
  }
}
