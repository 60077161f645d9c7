import {
  combinedStatus,
  cutoverInProgress,
  disagreement,
  proxyNamespaces,
} from './agreement';
import { parseCutoverPlan } from './parseCutoverPlan';

describe('checklist and reality', () => {
  it("combines an item's checks: any fail fails, all pass passes, else unknown", () => {
    expect(combinedStatus([])).toBeUndefined();
    expect(combinedStatus(['pass', 'pass'])).toBe('pass');
    expect(combinedStatus(['pass', 'unknown'])).toBe('unknown');
    expect(combinedStatus(['unknown', 'fail'])).toBe('fail');
  });

  it('flags a ticked item whose check fails and an open one whose check passes', () => {
    expect(disagreement({ checked: true }, 'fail')).toBe('ticked-but-failing');
    expect(disagreement({ checked: false }, 'pass')).toBe('open-but-passing');
    expect(disagreement({ checked: true }, 'pass')).toBeUndefined();
    expect(disagreement({ checked: false }, 'fail')).toBeUndefined();
    expect(disagreement({ checked: true }, 'unknown')).toBeUndefined();
    expect(disagreement({ checked: true }, undefined)).toBeUndefined();
  });

  it('calls a cutover in progress with one task done and one open', () => {
    expect(
      cutoverInProgress(parseCutoverPlan('## Cutover\n- [x] a\n- [ ] b\n')),
    ).toBe(true);
    expect(
      cutoverInProgress(parseCutoverPlan('## Cutover\n- [ ] a\n- [ ] b\n')),
    ).toBe(false);
    expect(
      cutoverInProgress(parseCutoverPlan('## Cutover\n- [x] a\n- [x] b\n')),
    ).toBe(false);
  });

  it('lists only the namespaces whose Services are checked through the proxy', () => {
    const plan = parseCutoverPlan(
      '## Cutover\n- [ ] a <!-- check: http namespace=web service=site port=80 --> <!-- check: pods namespace=db selector=a=b -->\n- [ ] b <!-- check: http url=https://x.example/ --> <!-- check: http namespace=api service=s port=http -->\n- [ ] c <!-- check: http namespace=web service=other port=80 -->\n',
    );
    expect(proxyNamespaces(plan)).toEqual(['api', 'web']);
  });
});
