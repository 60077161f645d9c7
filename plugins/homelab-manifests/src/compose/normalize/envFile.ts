import { parse } from 'dotenv';
import { interpolate, InterpolationContext, Lookup } from './interpolate';
import type { MissingVariable } from './types';

export interface EnvFileResult {
  /** Values in file order, interpolated by the compose rules. */
  values: Record<string, string>;
  missing: MissingVariable[];
}

/**
 * Reads a .env / env_file text: dotenv reads the lines (comments, `export`, quotes,
 * multi-line quoted values), then the compose rules apply on top, which dotenv does not
 * know: unquoted and double-quoted values are interpolated with the lines above and the
 * `outer` variables (those first, as compose does), single-quoted values are literal, an
 * unquoted value keeps a `#` that has no space before it, `\'` and `\"` are unescaped and
 * double quotes turn `\t` and `\\` into a tab and a backslash.
 */
export function readEnvFile(
  text: string,
  fileName: string,
  outer: Lookup = () => undefined,
): EnvFileResult {
  const parsed = parse(text);
  const styles = quoteStyles(text);
  const values: Record<string, string> = {};
  const missing: MissingVariable[] = [];
  for (const [key, dotenvValue] of Object.entries(parsed)) {
    const style = styles.get(key);
    if (style?.quote === "'") {
      values[key] = dotenvValue.replace(/\\'/g, "'");
      continue;
    }
    const raw =
      style?.quote === '"'
        ? dotenvValue
            .replace(/\\"/g, '"')
            .replace(/\\t/g, '\t')
            .replace(/\\\\/g, '\\')
        : style?.unquoted ?? dotenvValue;
    const ctx: InterpolationContext = {
      lookup: name =>
        outer(name) ??
        (Object.prototype.hasOwnProperty.call(values, name)
          ? { value: values[name], source: 'env-file' }
          : undefined),
      path: `${fileName}: ${key}`,
      uses: [],
      missing,
      unset: [],
    };
    values[key] = interpolate(raw, ctx);
  }
  return { values, missing };
}

/** How each key's value was written on its (last) line; unquoted values as compose reads them. */
function quoteStyles(
  text: string,
): Map<string, { quote?: string; unquoted?: string }> {
  const styles = new Map<string, { quote?: string; unquoted?: string }>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match;
    const quote = /^['"`]/.test(rest) ? rest[0] : undefined;
    styles.set(
      key,
      quote ? { quote } : { unquoted: rest.replace(/(^|\s+)#.*$/, '').trim() },
    );
  }
  return styles;
}
