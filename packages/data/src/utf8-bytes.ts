/**
 * The length of the longest prefix of `bytes[0, end)` that does not end inside a UTF-8 sequence: `end` itself unless
 * the last 1 to 3 bytes start a multi-byte sequence that continues past `end`. Lets a file be decoded chunk by chunk,
 * each chunk on its own, by carrying those bytes over to the next chunk.
 */
export function completeUtf8Length(bytes: Uint8Array, end: number): number {
  let lead = end - 1;
  while (lead >= 0 && lead > end - 4 && (bytes[lead] & 0xc0) === 0x80) lead--;
  if (lead < 0) return end;
  const byte = bytes[lead];
  const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return lead + length > end ? lead : end;
}

/**
 * The index of the first byte in `bytes[start, end)` where the bytes stop being well-formed UTF-8 (the Unicode
 * Standard's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short by `end`),
 * or -1 if all of them are well-formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array, start: number, end: number): number {
  let at = start;
  while (at < end) {
    const byte = bytes[at];
    if (byte < 0x80) {
      at++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) length = 2;
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    } else return at;
    if (at + length > end) return at;
    const second = bytes[at + 1];
    if (second < low || second > high) return at;
    for (let next = at + 2; next < at + length; next++) if ((bytes[next] & 0xc0) !== 0x80) return at;
    at += length;
  }
  return -1;
}
