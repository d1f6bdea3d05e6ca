/**
 * The one error a model or checkpoint loader throws for a file it cannot use: damaged, truncated, hostile, too
 * large, of another version, or needing a kind that is not registered. The message says what is wrong and where;
 * `source` names the file (or `'Model'` for text given directly).
 */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';

  constructor(
    message: string,
    /** The file or source being loaded. */
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Runs `load`, turning any failure into a {@link ModelFileError} with the same message. */
export function asModelFileError<T>(source: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ModelFileError(message.startsWith(source) ? message : `${source}: ${message}`, source, { cause: error });
  }
}
