/** Ollama treats "moondream" and "moondream:latest" as the same model. */
export function sameModel(a: string, b: string): boolean {
  const norm = (s: string) =>
    (s.includes(':') ? s : `${s}:latest`).toLowerCase();
  return norm(a) === norm(b);
}
