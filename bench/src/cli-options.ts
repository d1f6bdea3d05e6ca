/** The bench's command-line options. */
export interface CliOptions {
  /** `--quick`: one timed run and fewer iterations (a smoke run, not a measurement). */
  readonly quick: boolean;
  /** `--only a,b`: the workload ids to run (all when absent). */
  readonly only?: readonly string[];
}

/**
 * Parses `--quick` and `--only a,b` (or `--only=a,b`).
 * @throws Error on an unknown option or a workload id not in `known`.
 */
export function parseCliOptions(argv: readonly string[], known: readonly string[]): CliOptions {
  let quick = false;
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      only = (value ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      const unknown = only.filter((id) => !known.includes(id));
      if (only.length === 0 || unknown.length > 0)
        throw new Error(`--only: expected ids among ${known.join(',')}, got '${value ?? ''}'`);
    } else throw new Error(`unknown option '${arg}' (expected --quick, --only a,b)`);
  }
  return { quick, only };
}
