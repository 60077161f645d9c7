import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  value?: T;
  /** The last load failed. With a `value` that value is stale, without one the card has nothing to show. */
  error?: Error;
  /** Nothing loaded yet and no failure either. */
  loading: boolean;
  /** When `value` was last loaded (epoch ms). */
  loadedAt?: number;
  retry(): void;
}

/**
 * Loads now and then every `intervalMs` (a number, or a function of the value
 * just loaded, which is undefined after a failure), keeping the last good value when a
 * refresh fails so a card can show it as stale instead of going blank.
 * `key` identifies what is loaded: when it changes, the state starts over.
 */
export function usePolled<T>(
  load: () => Promise<T>,
  key: string,
  intervalMs:
    | number
    | ((value: T | undefined) => number | undefined)
    | undefined,
): Polled<T> {
  // Tagged with the key it was loaded for, so a new key starts from nothing
  // in the same render instead of showing the old key's value until an effect clears it.
  const [state, setState] = useState<
    { key: string } & Omit<Polled<T>, 'retry' | 'loading'>
  >({ key });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const intervalRef = useRef(intervalMs);
  intervalRef.current = intervalMs;

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      let value: T | undefined;
      try {
        value = await loadRef.current();
        if (!cancelled) setState({ key, value, loadedAt: Date.now() });
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        if (!cancelled) {
          setState(s => ({ ...(s.key === key ? s : { key }), error }));
        }
      }
      const delay =
        typeof intervalRef.current === 'function'
          ? intervalRef.current(value)
          : intervalRef.current;
      if (!cancelled && delay && delay > 0) {
        timer = setTimeout(run, delay);
      }
    };
    run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  const { value, error, loadedAt }: Partial<typeof state> =
    state.key === key ? state : {};
  return {
    value,
    error,
    loadedAt,
    loading: value === undefined && error === undefined,
    retry,
  };
}
