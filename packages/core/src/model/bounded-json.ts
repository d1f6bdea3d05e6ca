import { MAX_JSON_DEPTH } from './model-limits.js';

/** Bounds for {@link parseBoundedJson}, each checked before what it bounds is allocated. */
export interface JsonBounds {
  /** Most values other than the numbers of typed arrays (objects, arrays, strings, numbers, literals), in all. */
  readonly maxStructureValues: number;
  /** Most numbers in all the typed arrays (see `typedArrayPaths`). */
  readonly maxTypedValues: number;
  /** Deepest nesting of arrays and objects; default {@link MAX_JSON_DEPTH}. */
  readonly maxDepth?: number;
  /** Longest string (key or value), in characters; default {@link MAX_JSON_STRING_LENGTH}. */
  readonly maxStringLength?: number;
  /**
   * Where arrays of numbers are expected, as paths of keys with `'*'` for any key or array element, e.g.
   * `[['parameters', '*', 'values']]` for a model file: an array of numbers there is read into a Float64Array (8
   * bytes a number, outside the JavaScript heap), its numbers counted against `maxTypedValues`. Any other value
   * there is read as usual (an array holding something other than numbers becomes an ordinary array, its elements
   * then counted against `maxStructureValues`), for the caller to refuse with its own message.
   */
  readonly typedArrayPaths?: readonly (readonly string[])[];
}

/** Keys rejected anywhere in a loaded file: they mean nothing to bpnet and can pollute prototypes downstream. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The longest string {@link parseBoundedJson} reads unless told otherwise: 2^20 (1,048,576) characters. */
export const MAX_JSON_STRING_LENGTH = 2 ** 20;

/** The longest number it reads: 400 characters (the longest float64 bpnet writes has 24). */
const MAX_NUMBER_LENGTH = 400;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/**
 * Parses JSON text given in chunks (a whole string is one chunk) as JSON.parse would, but within `bounds`: it counts
 * values and nesting as it reads and refuses the text at the first value past a bound, so the time and memory spent
 * on any input are proportional to the bounds, never to the input. It rejects `__proto__`, `constructor` and
 * `prototype` keys, and reads the arrays at `bounds.typedArrayPaths` into Float64Arrays. Numbers are converted exactly
 * as JSON.parse converts them; strings are decoded as JSON.parse decodes them; a repeated key keeps its last value.
 * @param what - the source, for messages, e.g. `'Model file model.json'`.
 * @throws Error starting with `what`: not JSON (naming the position), nested too deeply, a bound exceeded (naming
 *   it), a forbidden key, or a typed array holding something other than numbers.
 */
export function parseBoundedJson(chunks: Iterable<string>, what: string, bounds: JsonBounds): unknown {
  return new BoundedJsonParser(chunks[Symbol.iterator](), what, bounds).parseDocument();
}

/** A JSON number, whole. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Characters that can occur in a JSON number: digits, `-`, `+`, `.`, `e` and `E`. */
function isNumberCharacter(c: number): boolean {
  return (c >= DIGIT_0 && c <= DIGIT_9) || c === MINUS || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

/** Where the run of number characters starting at `start` ends in `text`. */
function numberEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isNumberCharacter(text.charCodeAt(end))) end++;
  return end;
}

type Paths = readonly (readonly string[])[];
const NO_PATHS: Paths = [];

/** The rests of the paths whose next step is `step` (a key, or `'*'` for an array element) or `'*'` (any). */
function follow(paths: Paths, step: string): Paths {
  if (paths.length === 0) return NO_PATHS;
  const rests = paths.filter((path) => path[0] === step || path[0] === '*').map((path) => path.slice(1));
  return rests.length === 0 ? NO_PATHS : rests;
}

class BoundedJsonParser {
  private text = '';
  private pos = 0;
  /** Characters of the chunks before `text`. */
  private consumed = 0;
  private structureValues = 0;
  private typedValues = 0;
  private readonly maxDepth: number;
  private readonly maxStringLength: number;

  constructor(
    private readonly chunks: Iterator<string>,
    private readonly what: string,
    private readonly bounds: JsonBounds,
  ) {
    this.maxDepth = bounds.maxDepth ?? MAX_JSON_DEPTH;
    this.maxStringLength = bounds.maxStringLength ?? MAX_JSON_STRING_LENGTH;
  }

  parseDocument(): unknown {
    const value = this.parseValue(0, this.bounds.typedArrayPaths ?? NO_PATHS);
    if (this.skipWhitespace() !== -1) this.fail();
    return value;
  }

  /** The character code at the read position, reading the next chunk when this one is used up; -1 at the end. */
  private peek(): number {
    while (this.pos >= this.text.length) {
      const next = this.chunks.next();
      if (next.done === true) return -1;
      this.consumed += this.text.length;
      this.text = next.value;
      this.pos = 0;
    }
    return this.text.charCodeAt(this.pos);
  }

  private skipWhitespace(): number {
    for (;;) {
      const c = this.peek();
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
      this.pos++;
    }
  }

  private countStructureValue(): void {
    if (++this.structureValues > this.bounds.maxStructureValues) {
      throw new Error(
        `${this.what}: more than ${this.bounds.maxStructureValues} JSON values (objects, arrays, strings and ` +
          `numbers outside parameter values) at position ${this.position()}; refusing to read further`,
      );
    }
  }

  /** @param paths - the rest of the typed-array paths that lead through this value. */
  private parseValue(depth: number, paths: Paths): unknown {
    const c = this.skipWhitespace();
    this.countStructureValue();
    if (c === 0x7b) return this.parseObject(depth + 1, paths);
    if (c === 0x5b) return this.parseArray(depth + 1, paths);
    if (c === QUOTE) return this.parseString();
    if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) return this.parseNumber();
    if (c === 0x74) return this.parseLiteral('true', true);
    if (c === 0x66) return this.parseLiteral('false', false);
    if (c === 0x6e) return this.parseLiteral('null', null);
    return this.fail();
  }

  private enter(depth: number): void {
    if (depth > this.maxDepth) throw new Error(`${this.what}: nested too deeply`);
    this.pos++;
  }

  private parseObject(depth: number, paths: Paths): Record<string, unknown> {
    this.enter(depth);
    const object: Record<string, unknown> = {};
    if (this.skipWhitespace() === 0x7d) {
      this.pos++;
      return object;
    }
    for (;;) {
      if (this.skipWhitespace() !== QUOTE) this.fail();
      const key = this.parseString();
      if (FORBIDDEN_KEYS.has(key)) throw new Error(`${this.what}: the key '${key}' is not allowed`);
      this.expect(0x3a);
      const inner = follow(paths, key);
      object[key] = inner.some((rest) => rest.length === 0)
        ? this.parseTypedArray(depth)
        : this.parseValue(depth, inner);
      if (this.endsAfterSeparator(0x7d)) return object;
    }
  }

  private parseArray(depth: number, paths: Paths): unknown[] {
    const inner = follow(paths, '*');
    this.enter(depth);
    const array: unknown[] = [];
    if (this.skipWhitespace() === 0x5d) {
      this.pos++;
      return array;
    }
    const typedElements = inner.some((rest) => rest.length === 0);
    for (;;) {
      array.push(typedElements ? this.parseTypedArray(depth) : this.parseValue(depth, inner));
      if (this.endsAfterSeparator(0x5d)) return array;
    }
  }

  /** After a member or element: consumes `,` (returns false) or the closing `close` (returns true); else fails. */
  private endsAfterSeparator(close: number): boolean {
    const c = this.skipWhitespace();
    if (c === close || c === 0x2c) {
      this.pos++;
      return c === close;
    }
    this.fail();
  }

  /**
   * An array of numbers into a Float64Array, each number counted against `maxTypedValues` before it is stored; at the
   * first element that is not a number, the rest is read as an ordinary array.
   */
  private parseTypedArray(depth: number): unknown {
    if (this.skipWhitespace() !== 0x5b) return this.parseValue(depth, NO_PATHS);
    this.countStructureValue();
    this.enter(depth + 1);
    let values = new Float64Array(64);
    let length = 0;
    if (this.skipWhitespace() === 0x5d) {
      this.pos++;
      return new Float64Array(0);
    }
    for (;;) {
      const c = this.skipWhitespace();
      if (c !== MINUS && !(c >= DIGIT_0 && c <= DIGIT_9))
        return this.continueAsArray(values.subarray(0, length), depth + 1);
      if (++this.typedValues > this.bounds.maxTypedValues) {
        throw new Error(
          `${this.what}: more than ${this.bounds.maxTypedValues} parameter and state ` +
            `values at position ${this.position()}; refusing to read further`,
        );
      }
      if (length === values.length) {
        const grown = new Float64Array(Math.min(2 * length, this.bounds.maxTypedValues));
        grown.set(values);
        values = grown;
      }
      values[length++] = this.parseNumber();
      if (this.endsAfterSeparator(0x5d)) return length === values.length ? values : values.slice(0, length);
    }
  }

  /** The rest of an array whose first elements, `read`, were numbers, as an ordinary array. */
  private continueAsArray(read: Float64Array, depth: number): unknown[] {
    this.typedValues -= read.length;
    for (let i = 0; i < read.length; i++) this.countStructureValue();
    const array: unknown[] = Array.from(read);
    for (;;) {
      array.push(this.parseValue(depth, NO_PATHS));
      if (this.endsAfterSeparator(0x5d)) return array;
    }
  }

  private parseLiteral<T>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) {
      if (this.peek() !== word.charCodeAt(i)) this.fail();
      this.pos++;
    }
    return value;
  }

  /** A number by the JSON grammar, -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?, converted by Number as JSON.parse does. */
  private parseNumber(): number {
    this.peek();
    const { text } = this;
    const end = numberEnd(text, this.pos);
    if (end < text.length) {
      const token = text.slice(this.pos, end);
      this.pos = end;
      return this.toNumber(token);
    }
    // The number may go on in the next chunk: gather its characters one by one.
    let token = '';
    for (let c = this.peek(); c !== -1 && isNumberCharacter(c) && token.length <= MAX_NUMBER_LENGTH; c = this.peek()) {
      token += String.fromCharCode(c);
      this.pos++;
    }
    return this.toNumber(token);
  }

  /** `token` as a number when it follows the JSON grammar. */
  private toNumber(token: string): number {
    if (token.length > MAX_NUMBER_LENGTH) {
      throw new Error(
        `${this.what}: a number of more than ${MAX_NUMBER_LENGTH} characters ` +
          `at position ${this.position()}; refusing to read it`,
      );
    }
    if (!NUMBER.test(token)) {
      throw new Error(
        `${this.what}: not valid JSON (truncated or damaged?): the number ` +
          `${JSON.stringify(token.slice(0, 40))} ending at position ${this.position()} is malformed`,
      );
    }
    return Number(token);
  }

  /** A string's contents, decoded as JSON.parse decodes them (the read position is on its opening quote). */
  private parseString(): string {
    this.pos++;
    let result = '';
    for (;;) {
      if (this.peek() === -1) this.fail();
      const { text } = this;
      let end = this.pos;
      let c = 0;
      while (end < text.length && (c = text.charCodeAt(end)) !== QUOTE && c !== BACKSLASH && c >= 0x20) end++;
      result += text.slice(this.pos, end);
      this.pos = end;
      if (result.length > this.maxStringLength) {
        throw new Error(
          `${this.what}: a string of more than ${this.maxStringLength} ` +
            `characters at position ${this.position()}; refusing to read it`,
        );
      }
      if (end === text.length) continue;
      if (c === QUOTE) {
        this.pos++;
        return result;
      }
      if (c < 0x20) this.fail();
      this.pos++;
      result += this.parseEscape();
    }
  }

  private parseEscape(): string {
    const c = this.peek();
    this.pos++;
    switch (c) {
      case QUOTE:
        return '"';
      case BACKSLASH:
        return '\\';
      case 0x2f:
        return '/';
      case 0x62:
        return '\b';
      case 0x66:
        return '\f';
      case 0x6e:
        return '\n';
      case 0x72:
        return '\r';
      case 0x74:
        return '\t';
      case 0x75: {
        let code = 0;
        for (let i = 0; i < 4; i++) {
          const h = this.peek();
          const digit =
            h >= DIGIT_0 && h <= DIGIT_9
              ? h - DIGIT_0
              : h >= 0x61 && h <= 0x66
                ? h - 0x57
                : h >= 0x41 && h <= 0x46
                  ? h - 0x37
                  : -1;
          if (digit < 0) this.fail();
          code = code * 16 + digit;
          this.pos++;
        }
        return String.fromCharCode(code);
      }
      default:
        this.pos--;
        return this.fail();
    }
  }

  private expect(code: number): void {
    if (this.skipWhitespace() !== code) this.fail();
    this.pos++;
  }

  private position(): number {
    return this.consumed + this.pos;
  }

  private fail(): never {
    const c = this.peek();
    const found =
      c === -1
        ? 'the text ends early'
        : `unexpected ${JSON.stringify(String.fromCharCode(c))} at position ${this.position()}`;
    throw new Error(`${this.what}: not valid JSON (truncated or damaged?): ${found}`);
  }
}
