import { looksLikeSecretName } from '../secretDetection';
import type { MissingVariable, VariableSource } from './types';

/** A variable's value and where it came from; undefined when unset. */
export type Lookup = (
  name: string,
) => { value: string; source: VariableSource } | undefined;

export interface Use {
  variable: string;
  source: VariableSource;
  value: string;
}

export interface InterpolationContext {
  lookup: Lookup;
  /** Dotted path of the value, for messages. */
  path: string;
  uses: Use[];
  missing: MissingVariable[];
  /** Variables referenced without default that were unset (compose warns and uses ""). */
  unset: string[];
}

export class InterpolationError extends Error {}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Compose interpolation of one string, as the specification defines it: `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`,
 * `${VAR:+alternative}`, `${VAR+alternative}`, `$$` for a literal `$`, operands that
 * contain interpolations themselves. A `$` not followed by a name, `{` or `$` is kept.
 * Operands are only evaluated when used, so an unused default cannot fail.
 */
export function interpolate(text: string, ctx: InterpolationContext): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      out += direct(text.slice(i + 1, j), ctx);
      i = j;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) throw invalid(text.slice(i), ctx);
      out += braced(text.slice(i + 2, end), text.slice(i, end + 1), ctx);
      i = end + 1;
    } else {
      out += '$';
      i++;
    }
  }
  return out;
}

function direct(name: string, ctx: InterpolationContext): string {
  const found = ctx.lookup(name);
  if (found) {
    ctx.uses.push({ variable: name, ...found });
    return found.value;
  }
  ctx.unset.push(name);
  ctx.uses.push({ variable: name, source: 'unset', value: '' });
  return '';
}

function braced(
  inner: string,
  whole: string,
  ctx: InterpolationContext,
): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(inner);
  if (!match) throw invalid(whole, ctx);
  const [, name, operator, operand = ''] = match;
  if (!operator) return direct(name, ctx);
  const found = ctx.lookup(name);
  const emptyCounts = operator.startsWith(':');
  const isSet = found !== undefined && (!emptyCounts || found.value !== '');
  const used = () => {
    ctx.uses.push({ variable: name, ...found! });
    return found!.value;
  };
  switch (operator.slice(-1)) {
    case '-':
      if (isSet) return used();
      return interpolateAs(operand, ctx, name, 'default');
    case '+':
      if (!isSet) return '';
      return interpolateAs(operand, ctx, name, 'alternative');
    default: {
      if (isSet) return used();
      ctx.missing.push({
        variable: name,
        path: ctx.path,
        message: interpolate(operand, { ...ctx, uses: [], missing: [] }),
      });
      return '';
    }
  }
}

/** An operand's value, recorded as the value `name` was given (default or alternative). */
function interpolateAs(
  operand: string,
  ctx: InterpolationContext,
  name: string,
  source: VariableSource,
): string {
  const value = interpolate(operand, ctx);
  ctx.uses.push({ variable: name, source, value });
  return value;
}

/** Index of the `}` closing a `${` whose body starts at `from`; nested `${...}` and `$$` skipped. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let k = from; k < text.length; k++) {
    if (text[k] === '$' && (text[k + 1] === '{' || text[k + 1] === '$')) {
      if (text[k + 1] === '{') depth++;
      k++;
    } else if (text[k] === '}') {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/** The error names the field and quotes only the broken `${...}`, never the rest of the value. */
function invalid(
  fragment: string,
  ctx: InterpolationContext,
): InterpolationError {
  const key = ctx.path.split('.').pop() ?? '';
  const shown = looksLikeSecretName(key)
    ? ''
    : ` near "${
        fragment.length > 40 ? `${fragment.slice(0, 40)}...` : fragment
      }"`;
  return new InterpolationError(
    `invalid interpolation format for ${ctx.path}${shown}; Compose supports only $VAR, \${VAR}, \${VAR:-default}, \${VAR:?message}, \${VAR:+alternative} (and their forms without ":"); write $$ for a literal $`,
  );
}
