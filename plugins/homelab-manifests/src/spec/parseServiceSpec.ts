import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ServiceSpec, serviceSpecSchema } from './serviceSpec';

/** One problem in a service spec: where (e.g. "ports[0].port") and what to do about it. */
export interface SpecProblem {
  path: string;
  message: string;
}

export type SpecParseResult =
  | { success: true; spec: ServiceSpec }
  | { success: false; problems: SpecProblem[] };

/** Validates an already-parsed spec object (e.g. from YAML); never throws. */
export function parseServiceSpec(input: unknown): SpecParseResult {
  const result = serviceSpecSchema.safeParse(input);
  if (result.success) return { success: true, spec: result.data };
  return { success: false, problems: result.error.issues.map(describeIssue) };
}

/** Parses spec YAML text; syntax errors come back as problems with their line. */
export function parseServiceSpecYaml(text: string): SpecParseResult {
  const doc = parseDocument(text, { prettyErrors: true, logLevel: 'error' });
  if (doc.errors.length > 0) {
    return {
      success: false,
      problems: doc.errors.map(e => ({
        path: `line ${e.linePos?.[0].line ?? 1}`,
        message: `${e.message.split('\n')[0]}; fix the YAML syntax`,
      })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      success: false,
      problems: [{ path: '(spec)', message: String(error) }],
    };
  }
  return parseServiceSpec(value);
}

/** Like parseServiceSpec but throws an Error listing every problem, one per line. */
export function assertServiceSpec(input: unknown): ServiceSpec {
  const result = parseServiceSpec(input);
  if (result.success) return result.spec;
  throw new Error(
    `Invalid service spec:\n${result.problems
      .map(p => `  ${p.path}: ${p.message}`)
      .join('\n')}`,
  );
}

export function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part))
      out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(spec)';
}

function describeIssue(issue: z.ZodIssue): SpecProblem {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return {
        path,
        message:
          issue.received === 'undefined'
            ? `is required; add a ${issue.expected} value`
            : `must be a ${issue.expected}, got ${issue.received}; change the value to a ${issue.expected}`,
      };
    case z.ZodIssueCode.unrecognized_keys:
      return {
        path,
        message: `has unknown field(s) ${issue.keys
          .map(k => `"${k}"`)
          .join(', ')}; check the spelling or remove them`,
      };
    case z.ZodIssueCode.invalid_enum_value:
      return {
        path,
        message: `is "${String(issue.received)}"; use one of ${issue.options
          .map(o => `"${String(o)}"`)
          .join(', ')}`,
      };
    case z.ZodIssueCode.too_small:
      return {
        path,
        message:
          issue.type === 'array'
            ? `needs at least ${issue.minimum} item(s)`
            : `must be at least ${issue.minimum}; raise the value`,
      };
    case z.ZodIssueCode.too_big:
      return {
        path,
        message: `must be at most ${issue.maximum}; lower the value`,
      };
    case z.ZodIssueCode.invalid_string:
      return {
        path,
        message:
          issue.validation === 'url'
            ? 'must be a full URL such as http://ollama.ai.svc.cluster.local:11434'
            : issue.message,
      };
    default:
      return { path, message: issue.message };
  }
}
