import type { ServiceIdentifier } from 'inversify';

/**
 * The typed key of a service in a bpnet container: core's tokens ({@link TRAINER},
 * {@link "@bpnet/core/plugin"!KERNELS | KERNELS}, {@link "@bpnet/core/plugin"!LAYER_REGISTRATION | LAYER_REGISTRATION},
 * …) are symbols of this type, `T` being the service bound to them. It is inversify's `ServiceIdentifier<T>` under
 * bpnet's name, so a container module binds a token directly: `bind(LAYER_REGISTRATION).toConstantValue(registration)`.
 */
export type ServiceToken<T> = ServiceIdentifier<T>;

/**
 * What bpnet's functions ask of a container ({@link buildNetwork}, {@link loadModel}, {@link resumeTraining},
 * `loadModelFile`, `checkContainerConformance`): the services bound to core's tokens, nothing else. The inversify
 * container that {@link createContainer} returns is one; so is any object with these two methods (a wrapper that
 * counts resolutions, a test double), and code that only passes a container along can be typed with this interface
 * instead of inversify's `Container`.
 */
export interface BpnetContainer {
  /**
   * The service bound to `token`; for a multi-binding such as
   * {@link "@bpnet/core/plugin"!LAYER_REGISTRATION | LAYER_REGISTRATION}, use {@link getAll}.
   * @throws Error when nothing is bound to `token`.
   */
  get<T>(token: ServiceToken<T>): T;
  /** Every service bound to `token`; with `{ optional: true }`, an empty list when there is none. */
  getAll<T>(token: ServiceToken<T>, options?: { readonly optional?: boolean }): T[];
}
