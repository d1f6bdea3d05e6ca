import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** One option of an example's command line. */
export interface OptionSpec<T = unknown> {
  /** `'boolean'`: a flag such as `--numpy`; `'string'`: an option with a value, `--epochs 3` or `--epochs=3`. */
  readonly type: 'boolean' | 'string';
  /** What the value is, shown in the help as `--epochs <n>` (string options). Default `value`. */
  readonly value?: string;
  /** One line of help. */
  readonly description: string;
  /** The value when the option is absent, as it would be typed: parsed like a typed value and shown in the help. */
  readonly default?: string;
  /**
   * Turns the typed text into the option's value (string options). It throws an `Error` whose message says what was
   * expected, written to follow the option's name: `must be a positive integer`.
   */
  readonly parse?: (text: string) => T;
}

/** An example's command: how it is typed, what it does, and its options (`--help`/`-h` is always added). */
export interface CommandSpec<O extends Readonly<Record<string, OptionSpec>>> {
  /** The command as typed after `pnpm`, e.g. `example:mnist`; it begins the usage line and every error line. */
  readonly name: string;
  /** What the command does, printed under the usage line by `--help`. */
  readonly summary: string;
  /** The options by long name (without the dashes), in the order the help lists them. */
  readonly options: O;
}

/** The value an option spec yields: a boolean for a flag, else the parsed (or raw) text, `undefined` when absent. */
export type OptionValue<S> = S extends { readonly type: 'boolean' }
  ? boolean
  : S extends { readonly parse: (text: string) => infer T }
    ? S extends { readonly default: string }
      ? T
      : T | undefined
    : S extends { readonly default: string }
      ? string
      : string | undefined;

/** The values of every option of a command, by name. */
export type CommandLineValues<O> = { readonly [K in keyof O]: OptionValue<O[K]> };

/** A command line that asks for work: the option values, and which options were typed rather than defaulted. */
export interface CommandLine<O> {
  readonly values: CommandLineValues<O>;
  readonly given: ReadonlySet<keyof O & string>;
}

/** What a command line asks for: work, the help text, or nothing but a usage error (one line, ready to print). */
export type CommandLineOutcome<O> =
  | ({ readonly kind: 'run' } & CommandLine<O>)
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'usage-error'; readonly message: string };

/** The exit status of a command line that could not be used (the usual status of a usage error). */
export const USAGE_ERROR_STATUS = 2;

/**
 * Reads `argv` (the arguments after the script, `process.argv.slice(2)`) against `spec` without printing or exiting.
 * `--help` or `-h` anywhere asks for the help text. An unknown option, a missing value, a value given to a flag, a
 * positional argument or a value its `parse` refuses gives a usage error: one line naming the command, the option
 * and what was expected, e.g. `example:mnist: --epochs must be a positive integer, got 'abc' (see --help)`.
 * A value is typed as `--epochs 3` or `--epochs=3`; an option typed twice keeps its last value. A lone `--`, which
 * `pnpm start -- --numpy` passes on to the script, is ignored: no example takes positional arguments.
 *
 * @throws Error if `spec` itself declares `help` or `h`, which every command keeps for `--help`.
 */
export function readCommandLine<const O extends Readonly<Record<string, OptionSpec>>>(
  argv: readonly string[],
  spec: CommandSpec<O>,
): CommandLineOutcome<O> {
  const names = Object.keys(spec.options);
  if (names.includes('help') || names.includes('h'))
    throw new Error(`${spec.name}: an option may not be named 'help' or 'h'; --help and -h print the help`);
  const parserOptions: Record<string, { type: 'boolean' | 'string'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const name of names) parserOptions[name] = { type: spec.options[name].type };
  // strict: false, so that every problem is reported here in one line rather than by parseArgs' own messages.
  const { tokens } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: parserOptions,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const fail = (message: string): CommandLineOutcome<O> => ({
    kind: 'usage-error',
    message: `${spec.name}: ${message} (see --help)`,
  });
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help'))
    return { kind: 'help', text: formatHelp(spec) };
  const typed = new Map<string, string | true>();
  for (const token of tokens) {
    if (token.kind === 'positional') return fail(`unexpected argument '${token.value}'`);
    if (token.kind !== 'option') continue; // an option terminator: none reaches here, as '--' is filtered out above
    const option = spec.options[token.name];
    if (option === undefined || !Object.hasOwn(spec.options, token.name))
      return fail(`unknown option '${token.rawName}'${suggestion(token.name, names)}`);
    if (option.type === 'boolean') {
      if (token.value !== undefined) return fail(`${token.rawName} takes no value, got '${token.value}'`);
      typed.set(token.name, true);
      continue;
    }
    const missing = token.value === undefined || token.value === '' || (!token.inlineValue && token.value[0] === '-');
    if (missing) {
      const got = token.value ? `, got '${token.value}'` : '';
      return fail(`${token.rawName} needs a value: ${token.rawName} <${option.value ?? 'value'}>${got}`);
    }
    typed.set(token.name, token.value as string);
  }
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const option = spec.options[name];
    const text = typed.get(name);
    if (option.type === 'boolean') {
      values[name] = text === true;
      continue;
    }
    const raw = typeof text === 'string' ? text : option.default;
    if (raw === undefined || option.parse === undefined) {
      values[name] = raw;
      continue;
    }
    try {
      values[name] = option.parse(raw);
    } catch (error) {
      const expected = error instanceof Error ? error.message : String(error);
      return fail(`--${name} ${expected}, got '${raw}'${text === undefined ? ' (its default)' : ''}`);
    }
  }
  return {
    kind: 'run',
    values: values as CommandLineValues<O>,
    given: new Set([...typed.keys()] as (keyof O & string)[]),
  };
}

/**
 * Reads the command line like {@link readCommandLine}, for an example's `main`: `--help` prints the help to stdout
 * and exits with status 0 before any work; a usage error prints its one line to stderr and exits with status 2
 * ({@link USAGE_ERROR_STATUS}); otherwise it returns the values.
 */
export function parseCommandLine<const O extends Readonly<Record<string, OptionSpec>>>(
  argv: readonly string[],
  spec: CommandSpec<O>,
): CommandLine<O> {
  const outcome = readCommandLine(argv, spec);
  if (outcome.kind === 'help') {
    process.stdout.write(outcome.text);
    process.exit(0);
  }
  if (outcome.kind === 'usage-error') {
    process.stderr.write(`${outcome.message}\n`);
    process.exit(USAGE_ERROR_STATUS);
  }
  return outcome;
}

/**
 * The help text: the usage line, the summary, and one line per option with its value and default, `--help` last.
 * The descriptions start in one column, two spaces after the longest option.
 */
export function formatHelp(spec: CommandSpec<Readonly<Record<string, OptionSpec>>>): string {
  const rows = Object.entries(spec.options).map(([name, option]) => [
    option.type === 'string' ? `--${name} <${option.value ?? 'value'}>` : `--${name}`,
    option.default === undefined ? option.description : `${option.description} (default: ${option.default})`,
  ]);
  rows.push(['-h, --help', 'print this help and exit']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
  const usage = `Usage: pnpm ${spec.name}${rows.length > 1 ? ' [options]' : ''}`;
  return `${usage}\n\n${spec.summary}\n\nOptions:\n${lines.join('\n')}\n`;
}

/**
 * `' (did you mean --plot?)'` when `name` is within two edits of a known option (Levenshtein distance, or one
 * is a prefix of the other), else `''`.
 */
function suggestion(name: string, names: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of [...names, 'help']) {
    const distance = candidate.startsWith(name) || name.startsWith(candidate) ? 1 : editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === undefined ? '' : `; did you mean --${best}?`;
}

/** The Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/**
 * Parses a positive integer written in decimal digits (`'3'`, not `'3.0'`, `'1e3'` or `'-3'`), at most 2^53 − 1.
 * @throws Error `must be a positive integer` otherwise.
 */
export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new Error('must be a positive integer');
  return value;
}

/**
 * A parser accepting exactly one of `choices` (case-sensitive).
 * @throws Error `must be one of a, b, c` for anything else.
 */
export function oneOf<const C extends string>(choices: readonly C[]): (text: string) => C {
  return (text) => {
    if (!(choices as readonly string[]).includes(text)) throw new Error(`must be one of ${choices.join(', ')}`);
    return text as C;
  };
}

/**
 * A path typed on the command line, made absolute against the directory the command was typed in: pnpm runs a
 * script in its package's folder and puts the directory it was started from in `INIT_CWD`; without pnpm, the
 * current directory.
 */
export function fromInvocationDirectory(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
