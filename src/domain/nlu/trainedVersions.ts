// The cache both model trainers keep (the language model's, modelTrainer.ts; the safety layer's,
// safety/safetyModelTrainer.ts): one training per version of the examples, shared by whoever asks meanwhile.

/**
 * Trainings by version: the last two versions' (the live one, and the one threads may still ask for while a
 * reload reaches them). Whoever asks for a version being trained waits for that training; a failed training is
 * forgotten, so the next request tries again.
 */
export class TrainedVersions<T> {
  private readonly byVersion = new Map<string, Promise<T>>();

  /** The training of `version`, started with `train` when this version is new (`onTrained` told once it is done). */
  get(version: string, train: () => Promise<T>, onTrained?: (trained: T) => void): Promise<T> {
    let trained = this.byVersion.get(version);
    if (!trained) {
      trained = train().then(
        (value) => {
          onTrained?.(value);
          return value;
        },
        (err: unknown) => {
          this.byVersion.delete(version);
          throw err;
        },
      );
      this.byVersion.set(version, trained);
      while (this.byVersion.size > 2) this.byVersion.delete(this.byVersion.keys().next().value!);
    }
    return trained;
  }

  /** Keeps `value` as the training of `version` (trained elsewhere, e.g. before anyone asked; `onTrained` told if new). */
  put(version: string, value: T, onTrained?: (trained: T) => void): void {
    void this.get(version, () => Promise.resolve(value), onTrained);
  }
}
