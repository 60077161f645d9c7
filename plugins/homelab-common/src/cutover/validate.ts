// Kubernetes' own grammars (apimachinery validation), so a declaration the API
// server would reject is caught in the plan instead of at cutover.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Undefined when valid, else why. */
export function namespaceProblem(value: string): string | undefined {
  if (value.length <= 63 && DNS_LABEL.test(value)) return undefined;
  return 'is not a namespace name (lower-case letters, digits and -, at most 63 characters)';
}

export function objectNameProblem(value: string): string | undefined {
  if (value.length <= 253 && DNS_SUBDOMAIN.test(value)) return undefined;
  return 'is not an object name (lower-case letters, digits, - and ., at most 253 characters)';
}

function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  )
    return `label key "${key}" has an invalid prefix "${prefix}"`;
  if (name.length > 63 || !QUALIFIED_NAME.test(name))
    return `"${key}" is not a label key`;
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  return value.length <= 63 && LABEL_VALUE.test(value)
    ? undefined
    : `"${value}" is not a label value (at most 63 letters, digits, -, _ and .)`;
}

/** Splits at commas outside parentheses: `a in (x,y),b` is two requirements. */
function requirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map(p => p.trim());
}

/** A label selector as `kubectl -l` and the API's `labelSelector` take it. */
export function selectorProblem(selector: string): string | undefined {
  if (!selector.trim())
    return 'is empty; an empty selector would match every pod';
  for (const req of requirements(selector)) {
    const set = /^(!?)([^\s!=(),]+)\s+(in|notin)\s+\(([^()]*)\)$/.exec(req);
    if (set) {
      const keyProblem = labelKeyProblem(set[2]);
      if (keyProblem) return keyProblem;
      for (const v of set[4].split(',').map(s => s.trim())) {
        const p = labelValueProblem(v);
        if (p) return p;
      }
      continue;
    }
    const eq = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(req);
    if (eq) {
      const p = labelKeyProblem(eq[1]) ?? labelValueProblem(eq[3]);
      if (p) return p;
      continue;
    }
    const exists = /^!?([^\s!=(),]+)$/.exec(req);
    if (exists) {
      const p = labelKeyProblem(exists[1]);
      if (p) return p;
      continue;
    }
    return `has a requirement "${req}" that is not key=value, key!=value, key in (a,b), key notin (a,b), key or !key`;
  }
  return undefined;
}

export function portProblem(value: string): string | undefined {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n >= 1 && n <= 65535
      ? undefined
      : 'is not a port between 1 and 65535';
  }
  return value.length <= 15 && PORT_NAME.test(value) && /[a-z]/.test(value)
    ? undefined
    : 'is neither a port number nor a port name such as http';
}

/**
 * The path goes after `/proxy` in an API server URL. Dot segments would be
 * resolved by the client before sending and climb out of the proxy into the
 * rest of the API (`/proxy/../../secrets`), so none may appear, encoded or not.
 */
export function proxyPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must start with /';
  if (/[\s#\\]/.test(path)) return 'must not contain spaces, # or \\';
  const [pathPart] = path.split('?');
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return 'has a malformed %-escape';
  }
  if (decoded.split('/').some(s => s === '.' || s === '..'))
    return 'must not contain . or .. segments (they would leave the service proxy)';
  return undefined;
}

export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL such as https://karakeep.example/api/health';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'must be an http or https URL';
  if (url.username || url.password)
    return 'must not carry credentials; checks send none';
  return undefined;
}
