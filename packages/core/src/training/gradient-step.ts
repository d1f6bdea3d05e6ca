import { type Batch, BatchGatherer } from './batch-gatherer.js';
import { DivergenceGuard } from './divergence-guard.js';
import { type ForwardFinding, findFirstNonFiniteOutput } from './divergence-origin.js';
import { Matrix } from '../kernels/matrix.js';
import type { Parameter } from '../contract/parameter.js';
import { StepRollback } from './step-rollback.js';
import type { TrainingRun } from './training-run.js';

const emptyBatch: Batch = { inputs: Matrix.zeros(0, 0), targets: Matrix.zeros(0, 0), labels: new Int32Array(0) };

/**
 * One iteration's work, outside the generator that drives a run (a generator's loop is never replaced by optimized
 * code while it runs, a plain method's callers pick it up at their next call): gathers a batch, backpropagates,
 * checks and takes the step w ← w − η ∂J/∂w (or the optimizer's), records the loss. A refused step is undone whole:
 * parameters, optimizer, state and random source.
 */
export class GradientStep {
  private readonly gatherer: BatchGatherer;
  private readonly guard: DivergenceGuard;
  private readonly parameters: readonly Parameter[];
  /** Undoes a refused step's changes to state and the network's random source (undefined when it has neither). */
  private readonly rollback: StepRollback | undefined;
  /** The batch of the last {@link GradientStep.run} (empty before the first). */
  batch: Batch = emptyBatch;

  constructor(private readonly training: TrainingRun) {
    const { network, plan, optimizer } = training;
    this.gatherer = new BatchGatherer(plan.inputs, plan.targets, plan.labels, network.kernels, network);
    const rollback = new StepRollback(network);
    this.rollback = rollback.needed ? rollback : undefined;
    this.guard = new DivergenceGuard(network.namedParameters(), plan.learningRate, optimizer, network.kernels, () =>
      this.locateNonFinite(),
    );
    this.parameters = network.parameters();
  }

  /**
   * Runs iteration `iteration` (1-based) and returns its loss (before the step).
   * @throws DivergenceError with the parameters, state and the network's random source as they were before it.
   */
  run(iteration: number): number {
    const { network, plan, sampler, optimizer, history } = this.training;
    const batch = (this.batch = this.gatherer.gather(sampler.next()));
    this.rollback?.capture();
    let stepping = false;
    try {
      const loss = network.backpropUnchecked(batch.inputs, batch.targets);
      this.guard.beforeStep(iteration, loss);
      stepping = true;
      optimizer.step(this.parameters, plan.learningRate, network.kernels);
      stepping = false; // afterStep undoes a step it refuses itself
      this.guard.afterStep(iteration);
      history.loss.push(loss);
      return loss;
    } catch (error) {
      if (stepping) this.guard.undoStep(); // the optimizer threw in the middle of its step
      this.rollback?.restore();
      throw error;
    }
  }

  /**
   * For the guard, when the loss or a gradient is not finite: reruns this step's forward pass from the state and
   * random source it started from and finds the first layer whose output went non-finite ({@link run} puts both
   * back again afterwards).
   */
  private locateNonFinite(): ForwardFinding {
    this.rollback?.restore();
    return findFirstNonFiniteOutput(this.training.network, this.batch.inputs, 'training');
  }
}
