/**
 * Rejects when `work` has not settled within `ms`. The request itself is left
 * to finish or fail on its own; the sampler only stops waiting for it, so a
 * hanging Ollama counts as a failed attempt and the back-off applies.
 */
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${ms / 1000} s`)),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
