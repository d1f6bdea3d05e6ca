/**
 * A small plug-in the browser tests load with `?plugins=test-activation` (the page loads `src/plugins/<name>.ts`): it
 * registers the activation kind `'acme/softsign'`, which no bpnet package has, to show that a plug-in module's kinds
 * reach the page's menus.
 * @module
 */
import { type ActivationThroughOutput, activationRegistration, layerModule } from '@bpnet/core/plugin';

/**
 * Softsign: y = net / (1 + |net|), with outputs in (−1, 1). Its derivative is f'(net) = 1 / (1 + |net|)², and since
 * 1 − |y| = 1 / (1 + |net|) it is written through the output: ∂J/∂net = ∂J/∂y · (1 − |y|)².
 */
export const softsignActivation: ActivationThroughOutput = {
  kind: 'acme/softsign',
  name: 'Softsign',
  apply: (net) => net / (1 + Math.abs(net)),
  backward: (sensitivity, output) => {
    const slope = 1 - Math.abs(output);
    return sensitivity * slope * slope;
  },
};

/** Registers the kind `'acme/softsign'`: y = net / (1 + |net|), ∂J/∂net = ∂J/∂y · (1 − |y|)². */
export const softsignRegistration = activationRegistration(softsignActivation, 'acme-test-plugin');

/** The plug-in's container module: load it (e.g. as a session's `extraModules`) to add `'acme/softsign'`. */
export const testActivationModule = layerModule(softsignRegistration);

export default testActivationModule;
