/**
 * Whether labels match a label selector in its text form (what
 * `backstage.io/kubernetes-label-selector` holds): comma-separated
 * `key=value`, `key==value`, `key!=value`, `key`, `!key`,
 * `key in (a,b)` and `key notin (a,b)`, all of which must hold.
 */
export function matchesSelector(
  selector: string,
  labels: Record<string, string>,
): boolean {
  const terms = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return terms.every(raw => {
    const term = raw.trim();
    if (!term) return true;
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (set) {
      const values = set[3].split(',').map(v => v.trim());
      const has = set[1] in labels && values.includes(labels[set[1]]);
      return set[2] === 'in' ? has : !has;
    }
    const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (eq) {
      const same = labels[eq[1]] === eq[3];
      return eq[2] === '!=' ? !same : same;
    }
    if (term.startsWith('!')) return !(term.slice(1).trim() in labels);
    return term in labels;
  });
}
