import type { InputData, Network, TargetData } from '@bpnet/core';
import { diagnose, type Diagnosis } from './diagnose.js';

/**
 * A trainer `onEpoch` callback that diagnoses the network on `inputs` every `everyEpochs` epochs and passes the report
 * to `warn` (default `console.warn`) whenever the set of problems (kind and layer) changes, so a training run says
 * when it goes wrong.
 */
export function diagnosisMonitor(options: {
  readonly inputs: InputData;
  readonly targets?: TargetData;
  readonly everyEpochs?: number;
  readonly warn?: (message: string, diagnosis: Diagnosis) => void;
}): (event: { readonly epoch: number; readonly network: Network }) => void {
  const every = options.everyEpochs ?? 1;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let lastProblems = '';
  return ({ epoch, network }) => {
    if (epoch % every !== 0) return;
    const diagnosis = diagnose(network, options.inputs, options.targets);
    const problems = diagnosis.findings
      .map((finding) => `${finding.kind}@${'layer' in finding ? finding.layer : ''}`)
      .join();
    if (!diagnosis.healthy && problems !== lastProblems) warn(`epoch ${epoch}: ${diagnosis.report}`, diagnosis);
    lastProblems = problems;
  };
}
