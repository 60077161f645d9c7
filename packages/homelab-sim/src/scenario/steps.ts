import type { ResolvedOllama, ResolvedScenario, StepSpec } from './types';

export interface StepPosition {
  /** 0-based; 0 with `of: 0` for a scenario without steps. */
  index: number;
  of: number;
  name: string;
}

/** Where a stepped scenario is, and what its step leaves out of Ollama. */
export class Steps {
  private index = 0;

  constructor(private readonly scenario: () => ResolvedScenario) {}

  current(): StepSpec | undefined {
    return this.scenario().steps[this.index];
  }

  position(): StepPosition {
    const { steps } = this.scenario();
    const step = steps[this.index];
    return {
      index: this.index,
      of: steps.length,
      name: step ? step.name ?? `step ${this.index + 1}` : '',
    };
  }

  reset() {
    this.index = 0;
  }

  advance(): StepPosition {
    this.index = Math.min(
      this.index + 1,
      Math.max(0, this.scenario().steps.length - 1),
    );
    return this.position();
  }

  set(step: number | string): StepPosition {
    const { steps, name } = this.scenario();
    const index =
      typeof step === 'number' ? step : steps.findIndex(s => s.name === step);
    if (!Number.isInteger(index) || index < 0 || index >= steps.length) {
      const names = steps.map((s, i) => s.name ?? String(i)).join(', ');
      throw new Error(
        steps.length
          ? `step: scenario ${name} has no step ${JSON.stringify(
              step,
            )}; its steps are ${names} (or 0..${steps.length - 1})`
          : `step: scenario ${name} has no steps; switch to one that has, e.g. cutover`,
      );
    }
    this.index = index;
    return this.position();
  }

  /** Ollama as the step sees it: models not pulled yet are absent. */
  ollama(): ResolvedOllama {
    const { ollama } = this.scenario();
    const missing = this.current()?.missingModels ?? [];
    if (!missing.length) return ollama;
    const full = (n: string) => (n.includes(':') ? n : `${n}:latest`);
    return {
      ...ollama,
      models: ollama.models.filter(
        m => !missing.map(full).includes(full(m.name)),
      ),
    };
  }
}
