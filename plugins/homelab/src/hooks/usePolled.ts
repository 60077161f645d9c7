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
  const [state, setState] = useState<Omit<Polled<T>, 'retry' | 'loading'>>({});
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const intervalRef = useRef(intervalMs);
  intervalRef.current = intervalMs;

  useEffect(() => {
    setState({});
  }, [key]);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      let value: T | undefined;
      try {
        value = await loadRef.current();
        if (!cancelled) setState({ value, loadedAt: Date.now() });
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        if (!cancelled) setState(s => ({ ...s, error }));
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
  return {
    ...state,
    loading: state.value === undefined && state.error === undefined,
    retry,
  };
}
