import type { KubeObject } from '../cluster/types';

export type Matcher = (obj: KubeObject) => boolean;

/** A 400 the API answers with a BadRequest Status. */
export class BadRequest extends Error {}

type Requirement = {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!exists';
  values: string[];
};

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

function parseRequirement(term: string): Requirement {
  const set = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) {
    return {
      key: set[1],
      op: set[2] as 'in' | 'notin',
      values: set[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean),
    };
  }
  const eq = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(term);
  if (eq)
    return { key: eq[1], op: eq[2] === '!=' ? 'notin' : 'in', values: [eq[3]] };
  const notExists = /^!\s*([\w./-]+)$/.exec(term);
  if (notExists) return { key: notExists[1], op: '!exists', values: [] };
  if (/^[\w./-]+$/.test(term)) return { key: term, op: 'exists', values: [] };
  throw new BadRequest(`unable to parse requirement: "${term}"`);
}

/** Label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`. */
export function labelMatcher(selector: string | null): Matcher {
  if (!selector) return () => true;
  const reqs = splitTopLevel(selector).map(parseRequirement);
  return obj => {
    const labels = obj.metadata.labels ?? {};
    return reqs.every(r => {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      switch (r.op) {
        case 'exists':
          return has;
        case '!exists':
          return !has;
        case 'in':
          return has && r.values.includes(labels[r.key]);
        default:
          return !has || !r.values.includes(labels[r.key]);
      }
    });
  };
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];

/** Field selectors each kind supports, as the real API server does. */
const FIELDS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

function fieldValue(obj: KubeObject, path: string): string {
  if (path === 'source') return String(obj.source?.component ?? '');
  let v: any = obj;
  for (const part of path.split('.')) v = v?.[part];
  if (v === undefined || v === null)
    return path === 'spec.hostNetwork' || path === 'spec.unschedulable'
      ? 'false'
      : '';
  return String(v);
}

export function fieldMatcher(selector: string | null, kind: string): Matcher {
  if (!selector) return () => true;
  const allowed = [...COMMON_FIELDS, ...(FIELDS[kind] ?? [])];
  const reqs = selector
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(term => {
      const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (!m) throw new BadRequest(`invalid field selector: "${term}"`);
      if (!allowed.includes(m[1])) {
        throw new BadRequest(`field label not supported: ${m[1]}`);
      }
      return { path: m[1], negate: m[2] === '!=', value: m[3] };
    });
  return obj =>
    reqs.every(r => (fieldValue(obj, r.path) === r.value) !== r.negate);
}
