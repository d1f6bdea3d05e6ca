import type { Fan, InitializerRegistration, InitializerSpec } from '../initializers/initializer.js';
import type { Kernels } from '../kernels/kernels.js';
import { AllocationBudget } from '../kernels/budgeted-kernels.js';
import type { AnyLayerRegistration, Layer, LayerContext, LayerSpec } from './layer.js';
import type { Matrix } from '../kernels/matrix.js';
import type { RandomSource } from '../random/random-source.js';
import { brief, quoted } from '../validation/brief.js';
import { Registry } from '../di/registry.js';
import { expectObject } from '../validation/validate.js';

/** How deep containers may nest (a network's layer is depth 0, its child depth 1, …). */
export const MAX_LAYER_DEPTH = 16;

/** What layers are built from. */
export interface LayerContextServices {
  readonly kernels: Kernels;
  /** The source initial values are drawn from. */
  readonly random: RandomSource;
  readonly initializers: Registry<InitializerRegistration>;
  /** The layer kinds nested specs may name; without it, a container cannot build children. */
  readonly layers?: Registry<AnyLayerRegistration>;
  /** Rebuilding saved values: initializers are not run (see `LayerContext.restoring`). Default false. */
  readonly restoring?: boolean;
  /**
   * Most parameter and state values the layers built may hold in all (a guard for untrusted specs), checked before
   * anything is allocated: a layer's input width over it is refused before the layer is created; before a layer
   * is created, the values its registration declares (`LayerRegistration.parameterCount`) are counted against it
   * (a {@link ParameterLimitError} when they do not fit); every matrix a layer's `create` allocates through
   * `context.kernels` is counted by an allocation budget (no one matrix over the limit, no more than 3 × the
   * limit in all); then what each layer really holds is counted against it.
   */
  readonly maxValues?: number;
}

/**
 * A layer refused before it was created because its registration's `parameterCount` would take the layers built
 * past the build's `maxValues`. The message is `<where>: the spec asks for over <limit> parameter values; refusing to
 * allocate it`; the model loader reports it as the file's spec asking for too much.
 */
export class ParameterLimitError extends Error {
  constructor(
    /** Where the refused layer sits in the spec, e.g. `'layers[0]'`. */
    readonly where: string,
    /** The limit on parameter and state values it would have passed. */
    readonly limit: number,
  ) {
    super(`${where}: the spec asks for over ${limit} parameter values; refusing to allocate it`);
  }
}

/**
 * Builds layers from specs through the registries, the network's top-level layers and containers' children alike,
 * and records which package registered each kind it built (for the model file).
 */
export class LayerFactory {
  /** For each layer kind built so far, the package that registered it. */
  readonly kindModules: Record<string, string> = {};
  private readonly layers: Registry<AnyLayerRegistration>;
  /** Parameter and state values of the layers built so far. */
  private values = 0;
  /** Counts what layers allocate through their context's kernels while they are created; none without `maxValues`. */
  private readonly budget: AllocationBudget | undefined;

  constructor(private readonly services: LayerContextServices) {
    this.layers = services.layers ?? new Registry('layer', []);
    this.budget =
      services.maxValues === undefined ? undefined : new AllocationBudget(services.kernels, services.maxValues);
  }

  /** Ends the allocation count (see {@link AllocationBudget.close}); call it once every layer is built. */
  close(): void {
    this.budget?.close();
  }

  /**
   * Refuses a layer width over `maxValues` before anything of that width is created: no layer of such a width can
   * stay within the limit once it holds a parameter per input or output.
   */
  expectWidthWithinBudget(size: number, side: 'input' | 'output', where: string): void {
    const limit = this.services.maxValues;
    if (limit !== undefined && !(size <= limit)) {
      throw new Error(
        `${where}: an ${side} width of ${size} is over the limit of ${limit} parameter values; refusing to build it`,
      );
    }
  }

  /**
   * Validates `spec` and creates its layer with `inputSize` columns of input at `where`, checking the sizes it
   * reports.
   * @throws Error starting with `where`: a malformed spec, an unknown kind (listing the known ones), the kind's
   *   own validation, nesting deeper than {@link MAX_LAYER_DEPTH}.
   */
  build(spec: unknown, inputSize: number, where: string, depth = 0): Layer {
    if (depth > MAX_LAYER_DEPTH)
      throw new Error(`${where}: containers nest more than ${MAX_LAYER_DEPTH} levels deep; is the spec recursive?`);
    const entry = expectObject(spec, where);
    if (typeof entry.kind !== 'string' || entry.kind === '') {
      throw new Error(`${where}: kind must be a non-empty string, e.g. { kind: 'dense', units: 20 }`);
    }
    const registration = this.layers.get(entry.kind, where);
    if (registration.module !== undefined) this.kindModules[registration.kind] = registration.module;
    this.expectWidthWithinBudget(inputSize, 'input', where);
    this.expectDeclaredWithinBudget(registration, entry as LayerSpec, inputSize, where);
    const built: { readonly name: string; readonly layer: Layer }[] = [];
    const layer = this.createWithin(where, () =>
      registration.create(entry as LayerSpec, this.context(inputSize, where, depth, built)),
    );
    expectChainedSizes(layer, inputSize, `${entry.kind} at ${where}`);
    this.expectWidthWithinBudget(layer.outputSize, 'output', where);
    expectChildrenListed(layer, built, `${entry.kind} at ${where}`);
    const own = [...layer.parameters(), ...(layer.state?.() ?? [])].reduce(
      (sum, { value }) => sum + value.data.length,
      0,
    );
    this.expectWithinBudget(own, where);
    this.values += own;
    return layer;
  }

  /** Runs `create` with allocations counted at `where`, restoring the enclosing layer's place for its next ones. */
  private createWithin(where: string, create: () => Layer): Layer {
    const budget = this.budget;
    if (budget === undefined) return create();
    const enclosing = budget.where;
    budget.where = where;
    try {
      return create();
    } finally {
      budget.where = enclosing;
    }
  }

  /**
   * Refuses, before it is created, a layer whose registration declares more values (`parameterCount`) than the
   * limit leaves after the layers built so far.
   * @throws ParameterLimitError when values so far + declared > `maxValues` (or the count is NaN).
   */
  private expectDeclaredWithinBudget(
    registration: AnyLayerRegistration,
    spec: LayerSpec,
    inputSize: number,
    where: string,
  ): void {
    const limit = this.services.maxValues;
    if (limit === undefined || registration.parameterCount === undefined) return;
    const declared: number = registration.parameterCount(spec, inputSize);
    if (!(this.values + declared <= limit)) throw new ParameterLimitError(where, limit);
  }

  private expectWithinBudget(more: number, where: string): void {
    const limit = this.services.maxValues;
    if (limit !== undefined && !(this.values + more <= limit)) throw new ParameterLimitError(where, limit);
  }

  /** The context a registration's `create` receives at `where`; children it builds are recorded in `built`. */
  context(inputSize: number, where: string, depth = 0, built: { name: string; layer: Layer }[] = []): LayerContext {
    const { random, initializers, restoring = false } = this.services;
    const kernels = this.budget?.kernels ?? this.services.kernels;
    return {
      inputSize,
      kernels,
      random,
      where,
      restoring,
      initialize: (spec: InitializerSpec, target: Matrix, fan: Fan, what: string) => {
        const place = `${where}.${what}`;
        const config = typeof spec === 'string' ? { kind: spec } : spec;
        if (typeof config !== 'object' || config === null) {
          throw new Error(`${place}: initializer must be a kind name or { kind, ...options }, got ${brief(spec)}`);
        }
        if (restoring) return;
        initializers.get(config.kind, place).initialize(config, target, { ...fan, random, where: place });
      },
      build: (childSpec: unknown, childInputSize: number, name: string) => {
        const child = this.build(childSpec, childInputSize, `${where}.${name}`, depth + 1);
        built.push({ name, layer: child });
        return child;
      },
    };
  }
}

/**
 * The context a layer registration's `create` receives: the layer's input size and place, the kernels and random
 * source, `initialize`, which fills a matrix by an initializer spec resolved through `initializers`, and `build`,
 * which builds a child layer through `layers`.
 */
export function createLayerContext(services: LayerContextServices, inputSize: number, where: string): LayerContext {
  return new LayerFactory(services).context(inputSize, where);
}

/**
 * Every child built through `context.build` must be listed in `children()`, or it would be neither trained nor saved.
 */
function expectChildrenListed(
  layer: Layer,
  built: readonly { readonly name: string; readonly layer: Layer }[],
  where: string,
): void {
  if (built.length === 0) return;
  const children = layer.children?.() ?? [];
  const listed = new Map(children.map((child) => [child.layer, child.name]));
  for (const { name, layer: child } of built) {
    const places = children.filter((entry) => entry.layer === child).map((entry) => quoted(entry.name));
    if (places.length > 1) {
      throw new Error(
        `${where}: lists the child ${quoted(name)} in children() ${places.length} times (as ` +
          `${places.join(' and ')}); a layer can sit in one place only (no shared layers)`,
      );
    }
    const listedName = listed.get(child);
    if (listedName === undefined) {
      throw new Error(
        `${where}: built the child ${quoted(name)} with context.build but does not list it in ` +
          `children(); its parameters and state would be neither trained nor saved`,
      );
    }
    if (listedName !== name) {
      throw new Error(
        `${where}: built the child ${quoted(name)} with context.build but lists it in children() as ` +
          `${quoted(listedName)}; use one name for both, so that errors and saved paths agree`,
      );
    }
  }
}

function expectChainedSizes(layer: Layer, inputSize: number, where: string): void {
  if (layer.inputSize !== inputSize || !Number.isSafeInteger(layer.outputSize) || layer.outputSize < 1) {
    throw new Error(
      `${where}: the layer reports inputSize ${layer.inputSize} and outputSize ` +
        `${layer.outputSize}; expected inputSize ${inputSize} and a positive integer outputSize`,
    );
  }
}
