/**
 * The bearer tokens the stand-in API server accepts. After a rotation the old
 * token stays valid for a while, as a real API server keeps an old projected
 * service-account token valid after the kubelet writes the new one.
 */
export class TokenRing {
  private previous?: { token: string; until: number };

  constructor(
    private current: string,
    private readonly oldTokenValidForMs: number,
  ) {}

  get token(): string {
    return this.current;
  }

  accepts(token: string): boolean {
    if (token === this.current) return true;
    const previous = this.previous;
    return Boolean(
      previous && token === previous.token && Date.now() < previous.until,
    );
  }

  /** Accept `next` from now on and the current token for `oldTokenValidForMs` more. */
  rotate(next: string, oldTokenValidForMs = this.oldTokenValidForMs) {
    if (typeof next !== 'string' || !next)
      throw new Error('token: send the new token as a non-empty string');
    if (!(oldTokenValidForMs >= 0))
      throw new Error(
        'oldTokenValidForMs: send a number of milliseconds, 0 or more',
      );
    this.previous = {
      token: this.current,
      until: Date.now() + oldTokenValidForMs,
    };
    this.current = next;
  }
}
