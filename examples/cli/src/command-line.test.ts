import { describe, expect, it } from 'vitest';
import {
  editDistance,
  formatHelp,
  fromInvocationDirectory,
  oneOf,
  positiveInteger,
  readCommandLine,
} from './command-line.js';

/** A command with one option of each kind: a flag, a value with a parser and a default, a value without either. */
const spec = {
  name: 'example:demo',
  summary: 'Trains a demo network.',
  options: {
    numpy: { type: 'boolean', description: "use numpy's random stream" },
    epochs: { type: 'string', value: 'n', description: 'epochs to train', default: '8', parse: positiveInteger },
    kernels: { type: 'string', value: 'name', description: 'the kernels', default: 'js', parse: oneOf(['js', 'wasm']) },
    plot: { type: 'string', value: 'file.svg', description: 'write the curves to this file' },
  },
} as const;

describe('readCommandLine', () => {
  it('gives the defaults, parsed, when nothing is typed, and no option as given', () => {
    const outcome = readCommandLine([], spec);
    expect(outcome).toEqual({
      kind: 'run',
      values: { numpy: false, epochs: 8, kernels: 'js', plot: undefined },
      given: new Set(),
    });
  });

  it('reads typed values in both spellings, keeps the last of a repeated option and says which were given', () => {
    const outcome = readCommandLine(
      ['--epochs', '3', '--numpy', '--plot=a b.svg', '--kernels', 'js', '--epochs=12'],
      spec,
    );
    expect(outcome).toEqual({
      kind: 'run',
      values: { numpy: true, epochs: 12, kernels: 'js', plot: 'a b.svg' },
      given: new Set(['epochs', 'numpy', 'plot', 'kernels']),
    });
  });

  it("ignores a lone '--', as `pnpm start -- --numpy` passes it on", () => {
    expect(readCommandLine(['--', '--numpy', '--epochs', '2'], spec)).toEqual({
      kind: 'run',
      values: { numpy: true, epochs: 2, kernels: 'js', plot: undefined },
      given: new Set(['numpy', 'epochs']),
    });
  });

  it('prints the usage, the summary and every option with its value and default for --help and -h', () => {
    const help = [
      'Usage: pnpm example:demo [options]',
      '',
      'Trains a demo network.',
      '',
      'Options:',
      "  --numpy            use numpy's random stream",
      '  --epochs <n>       epochs to train (default: 8)',
      '  --kernels <name>   the kernels (default: js)',
      '  --plot <file.svg>  write the curves to this file',
      '  -h, --help         print this help and exit',
      '',
    ].join('\n');
    expect(readCommandLine(['--help'], spec)).toEqual({ kind: 'help', text: help });
    expect(readCommandLine(['-h'], spec)).toEqual({ kind: 'help', text: help });
    // Help wins over anything else on the line, even an option it does not know.
    expect(readCommandLine(['--plott', 'x', '--help'], spec)).toEqual({ kind: 'help', text: help });
  });

  it('prints a usage line without [options] for a command that has none', () => {
    expect(formatHelp({ name: 'example:trace', summary: 'One step.', options: {} })).toBe(
      'Usage: pnpm example:trace\n\nOne step.\n\nOptions:\n  -h, --help  print this help and exit\n',
    );
  });

  it.each([
    [['--plott', 'x'], "example:demo: unknown option '--plott'; did you mean --plot? (see --help)"],
    [['--epoch', '3'], "example:demo: unknown option '--epoch'; did you mean --epochs? (see --help)"],
    [['--frobnicate'], "example:demo: unknown option '--frobnicate' (see --help)"],
    [['-x'], "example:demo: unknown option '-x' (see --help)"],
    [['--toString'], "example:demo: unknown option '--toString' (see --help)"],
    [['--epochs', 'abc'], "example:demo: --epochs must be a positive integer, got 'abc' (see --help)"],
    [['--epochs=0'], "example:demo: --epochs must be a positive integer, got '0' (see --help)"],
    [['--epochs=2.5'], "example:demo: --epochs must be a positive integer, got '2.5' (see --help)"],
    [['--kernels', 'gpu'], "example:demo: --kernels must be one of js, wasm, got 'gpu' (see --help)"],
    [['--epochs'], 'example:demo: --epochs needs a value: --epochs <n> (see --help)'],
    [['--plot='], 'example:demo: --plot needs a value: --plot <file.svg> (see --help)'],
    [['--plot', '--numpy'], "example:demo: --plot needs a value: --plot <file.svg>, got '--numpy' (see --help)"],
    [['--numpy=yes'], "example:demo: --numpy takes no value, got 'yes' (see --help)"],
    [['extra'], "example:demo: unexpected argument 'extra' (see --help)"],
  ])('refuses %j with one line naming the option and what was expected', (argv, message) => {
    const outcome = readCommandLine(argv, spec);
    expect(outcome).toEqual({ kind: 'usage-error', message });
    if (outcome.kind === 'usage-error') expect(outcome.message).not.toContain('\n');
  });

  it('refuses a spec that takes the name of --help', () => {
    const bad = { name: 'example:bad', summary: '', options: { help: { type: 'boolean', description: '' } } } as const;
    expect(() => readCommandLine([], bad)).toThrow("example:bad: an option may not be named 'help' or 'h'");
  });
});

describe('value parsers', () => {
  it('positiveInteger takes decimal digits from 1 to 2^53 − 1 and nothing else', () => {
    expect(positiveInteger('1')).toBe(1);
    expect(positiveInteger('0750')).toBe(750);
    expect(positiveInteger('9007199254740991')).toBe(2 ** 53 - 1);
    for (const text of ['0', '-3', '3.0', '1e3', ' 3', '', '0x10', '9007199254740992'])
      expect(() => positiveInteger(text), text).toThrow('must be a positive integer');
  });

  it('oneOf takes exactly one of its choices', () => {
    const kernels = oneOf(['js', 'wasm-threads']);
    expect(kernels('wasm-threads')).toBe('wasm-threads');
    expect(() => kernels('JS')).toThrow('must be one of js, wasm-threads');
  });

  it('editDistance counts insertions, deletions and substitutions', () => {
    expect(editDistance('plott', 'plot')).toBe(1);
    expect(editDistance('kernel', 'kernels')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3); // k→s, e→i, +g
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('fromInvocationDirectory', () => {
  it('resolves against INIT_CWD (where pnpm was started), else the current directory', () => {
    const saved = process.env.INIT_CWD;
    try {
      process.env.INIT_CWD = '/somewhere/else';
      expect(fromInvocationDirectory('a.svg')).toBe('/somewhere/else/a.svg');
      expect(fromInvocationDirectory('/abs/b.svg')).toBe('/abs/b.svg');
      delete process.env.INIT_CWD;
      expect(fromInvocationDirectory('a.svg')).toBe(`${process.cwd()}/a.svg`);
    } finally {
      if (saved === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = saved;
    }
  });
});
