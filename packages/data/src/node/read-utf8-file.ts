import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { completeUtf8Length, firstInvalidUtf8 } from '../utf8-bytes.js';

/** Bytes read per chunk. */
const chunkBytes = 1 << 16;

/**
 * Reads a UTF-8 text file in chunks of 64 KiB and hands the decoded text to `onText` piece by piece (a piece never
 * ends inside a character), so the whole text is never held at once. Decoding is strict (`TextDecoder` with
 * `fatal: true`): bytes that are not UTF-8, such as Latin-1 or Windows-1252 text, are refused, never replaced by
 * U+FFFD. A byte-order mark is handed on as U+FEFF.
 *
 * A regular file larger than `maxBytes` is refused before anything is read; any other file (a pipe, a device, a
 * file that grows) is refused as soon as more than `maxBytes` bytes have come, so at most `maxBytes + 1` bytes are
 * ever read. The file is closed in every case.
 * @param where - the start of error messages: the file's name.
 * @throws Error `"CSV file <path>: cannot be read: …"` when the file cannot be opened or read;
 *   `"<where>: the file has N bytes, more than the limit of M (options.maxBytes); nothing was read"`;
 *   `"<where>: the file is longer than the limit of M bytes (options.maxBytes); stopped reading after M + 1 bytes"`;
 *   `"<where> line L: byte 0xE9 (file offset N) is not UTF-8; …"`; and whatever `onText` throws.
 */
export function readUtf8File(path: string, maxBytes: number, where: string, onText: (text: string) => void): void {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw new Error(`CSV file ${path}: cannot be read: ${(error as Error).message}`);
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isFile() && stats.size > maxBytes) {
      throw new Error(
        `${where}: the file has ${stats.size} bytes, more than the ` +
          `limit of ${maxBytes} (options.maxBytes); nothing was read`,
      );
    }
    readChunks(descriptor, path, maxBytes, where, onText);
  } finally {
    closeSync(descriptor);
  }
}

function readChunks(
  descriptor: number,
  path: string,
  maxBytes: number,
  where: string,
  onText: (text: string) => void,
): void {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const buffer = new Uint8Array(chunkBytes);
  const lines = new LineCounter();
  let carried = 0; // bytes of an unfinished character at the start of buffer
  let total = 0; // bytes read from the file
  for (;;) {
    let read: number;
    try {
      read = readSync(descriptor, buffer, carried, Math.min(chunkBytes - carried, maxBytes + 1 - total), null);
    } catch (error) {
      throw new Error(`CSV file ${path}: cannot be read: ${(error as Error).message}`);
    }
    total += read;
    if (total > maxBytes) {
      throw new Error(
        `${where}: the file is longer than the limit of ${maxBytes} ` +
          `bytes (options.maxBytes); stopped reading after ${total} bytes`,
      );
    }
    const filled = carried + read;
    const complete = read === 0 ? filled : completeUtf8Length(buffer, filled);
    if (complete > 0) {
      const bytes = buffer.subarray(0, complete);
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        const bad = Math.max(0, firstInvalidUtf8(bytes, 0, complete));
        const line = lines.lineAt(bytes, bad);
        const offset = total - filled + bad;
        const hex = buffer[bad].toString(16).toUpperCase().padStart(2, '0');
        throw new Error(
          `${where} line ${line}: byte 0x${hex} (file offset ${offset}) is not UTF-8; expected the ` +
            `file in UTF-8 (convert a Latin-1 or Windows-1252 file first, e.g. iconv -f latin1 -t utf-8)`,
        );
      }
      lines.count(bytes);
      onText(text);
    }
    if (read === 0) return;
    buffer.copyWithin(0, complete, filled);
    carried = filled - complete;
  }
}

/** Counts the lines of the bytes decoded so far (LF, CRLF and CR each end one), to name the line of a bad byte. */
class LineCounter {
  private line = 1;
  private previousWasCr = false;

  /** Moves past `bytes`. */
  count(bytes: Uint8Array): void {
    this.line = this.lineAt(bytes, bytes.length);
    this.previousWasCr = bytes.length > 0 ? bytes[bytes.length - 1] === 13 : this.previousWasCr;
  }

  /** The line that `bytes[index]` is on, `bytes` following the bytes counted so far. */
  lineAt(bytes: Uint8Array, index: number): number {
    let line = this.line;
    for (let at = bytes.indexOf(13); at >= 0 && at < index; at = bytes.indexOf(13, at + 1)) line++;
    for (let at = bytes.indexOf(10); at >= 0 && at < index; at = bytes.indexOf(10, at + 1)) {
      const afterCr = at === 0 ? this.previousWasCr : bytes[at - 1] === 13;
      if (!afterCr) line++;
    }
    return line;
  }
}
