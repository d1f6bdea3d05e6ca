import { brief, quoted } from '../validation/brief.js';

/** Anything registered by kind. */
export interface Registration {
  readonly kind: string;
  readonly module?: string;
}

/**
 * The registrations of one family (layers, losses, initializers), looked up by kind. Built from the container's
 * multi-bindings, it replaces a closed `switch` over kinds: any module can add one.
 */
export class Registry<T extends Registration> {
  private readonly byKind = new Map<string, T>();

  /**
   * @param family - what is registered, for messages: `'layer'`, `'loss'`, `'initializer'`.
   * @param missingKindAdvice - what an unknown kind's message tells the caller to do; default: load the module
   *   that registers it into the container.
   * @throws Error if a registration has no kind, or two registrations claim the same kind (naming both modules).
   */
  constructor(
    readonly family: string,
    registrations: readonly T[],
    private readonly missingKindAdvice = 'Load the module that registers it into the ' +
      'container (createContainer(..., itsModule)).',
  ) {
    for (const registration of registrations) {
      if (typeof registration?.kind !== 'string' || registration.kind === '') {
        throw new Error(`A ${family} registration${fromModule(registration)} has no kind; expected a non-empty string`);
      }
      const existing = this.byKind.get(registration.kind);
      if (existing !== undefined) {
        throw new Error(
          `Duplicate ${family} kind ${quoted(registration.kind)}: registered${fromModule(existing)} ` +
            `and again${fromModule(registration)}; load only one module that registers it`,
        );
      }
      this.byKind.set(registration.kind, registration);
    }
  }

  /** The registered kinds, sorted. */
  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }

  /**
   * The registration of `kind`.
   * @param where - where the kind was asked for, e.g. `'layers[2]'`.
   * @throws UnknownKindError (`<where>: unknown <family> kind '<kind>'; known <family> kinds: …`) when `kind` is not
   *   registered; the kind is shown through {@link quoted} (cut and escaped when it is not an ordinary name).
   */
  get(kind: unknown, where: string): T {
    const registration = typeof kind === 'string' ? this.byKind.get(kind) : undefined;
    if (registration === undefined) {
      const known = this.kinds();
      const what =
        typeof kind === 'string'
          ? `unknown ${this.family} kind ${quoted(kind)}`
          : `missing ${this.family} kind (got ${brief(kind)})`;
      throw new UnknownKindError(
        `${where}: ${what}; known ${this.family} kinds: ` +
          `${known.length > 0 ? known.join(', ') : '(none)'}. ${this.missingKindAdvice}`,
        this.family,
        typeof kind === 'string' ? kind : undefined,
        where,
        known,
      );
    }
    return registration;
  }
}

function fromModule(registration: Registration | undefined): string {
  if (!registration?.module) return ' by a module that does not name itself';
  const name = quoted(String(registration.module));
  return ` by ${name === `'${registration.module}'` ? registration.module : name}`;
}

/**
 * Thrown by `Registry.get` ({@link "@bpnet/core/plugin"!Registry | Registry}) for a kind that is not registered:
 * says where, and lists the known kinds.
 */
export class UnknownKindError extends Error {
  override readonly name = 'UnknownKindError';

  constructor(
    message: string,
    /** `'layer'`, `'loss'`, `'initializer'` or `'optimizer'`. */
    readonly family: string,
    /** The kind asked for (undefined when it was not a string). */
    readonly kind: string | undefined,
    /** Where it was asked for, e.g. `'layers[1].body[0]'`. */
    readonly where: string,
    /** The kinds of this family that are registered, sorted. */
    readonly known: readonly string[] = [],
  ) {
    super(message);
  }
}
