type Obj = Record<string, unknown>;
type Fail = (field: string, problem: string) => never;

const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const KEY = /^[a-z0-9-]+\/[a-z0-9.-]+$/;

function keyed(
  value: unknown,
  field: string,
  fail: Fail,
  check: (v: unknown, at: string) => void,
) {
  if (value === undefined) return;
  if (!isObj(value))
    fail(field, 'must be a mapping of <namespace>/<name> to a value');
  for (const [key, v] of Object.entries(value as Obj)) {
    if (!KEY.test(key))
      fail(
        `${field}.${key}`,
        'must be named <namespace>/<name>, e.g. karakeep/karakeep',
      );
    check(v, `${field}.${key}`);
  }
}

/** The `steps` of a cutover scenario; see StepSpec. */
export function validateSteps(steps: unknown, fail: Fail) {
  if (!Array.isArray(steps)) fail('steps', 'must be a list of steps');
  (steps as unknown[]).forEach((step, i) => {
    const at = `steps[${i}]`;
    if (!isObj(step))
      fail(at, 'must be a mapping (an empty one, {}, is all healthy)');
    const s = step as Obj;
    const known = [
      'name',
      'ready',
      'pvcs',
      'routes',
      'missingModels',
      'httpStatus',
    ];
    for (const key of Object.keys(s))
      if (!known.includes(key))
        fail(`${at}.${key}`, `is not a step field; use ${known.join(', ')}`);
    if (s.name !== undefined && typeof s.name !== 'string')
      fail(`${at}.name`, 'must be a string');
    keyed(s.ready, `${at}.ready`, fail, (v, f) => {
      if (!Number.isInteger(v) || (v as number) < 0)
        fail(f, 'must be a whole number of ready pods >= 0');
    });
    keyed(s.pvcs, `${at}.pvcs`, fail, (v, f) => {
      if (v !== 'Pending' && v !== 'Lost')
        fail(f, 'must be Pending or Lost (leave a Bound PVC out)');
    });
    keyed(s.routes, `${at}.routes`, fail, (v, f) => {
      if (!isObj(v))
        fail(
          f,
          'must map Accepted and/or ResolvedRefs to the reason they are False',
        );
      for (const [type, reason] of Object.entries(v as Obj)) {
        if (type !== 'Accepted' && type !== 'ResolvedRefs')
          fail(`${f}.${type}`, 'must be Accepted or ResolvedRefs');
        if (typeof reason !== 'string' || !reason)
          fail(
            `${f}.${type}`,
            'must be a reason such as NotAllowedByListeners',
          );
      }
    });
    keyed(s.httpStatus, `${at}.httpStatus`, fail, (v, f) => {
      if (!Number.isInteger(v) || (v as number) < 100 || (v as number) > 599)
        fail(f, 'must be an HTTP status, e.g. 502');
    });
    if (
      s.missingModels !== undefined &&
      (!Array.isArray(s.missingModels) ||
        s.missingModels.some(m => typeof m !== 'string'))
    )
      fail(
        `${at}.missingModels`,
        'must be a list of model tags, e.g. [qwen3:1.7b]',
      );
  });
}
