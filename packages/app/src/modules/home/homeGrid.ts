/** Where each known widget sits; two grid cells of one area make it wide. */
export const AREAS: Record<string, string> = {
  HomelabClusterHealth: 'cluster',
  HomelabMigration: 'migration',
  HomelabOllama: 'ollama',
  HomelabRecentChanges: 'recent',
  HomePageStarredEntities: 'starred',
};

/**
 * The grid for 1280 px and wider, three columns: the cluster (nodes and
 * failing pods) is the widest question, so it takes two. Every cell of
 * every row is filled, so no width in 1280–1920 px leaves a hole.
 */
export const WIDE = `"cluster cluster migration" "ollama recent starred"`;
/** 600–1279 px: two columns. */
export const MEDIUM = `"cluster cluster" "migration ollama" "recent starred"`;

/** The areas of the widgets that are present, so a missing widget leaves no empty cell. */
export function templateFor(present: Set<string>, template: string): string {
  const rows = [...template.matchAll(/"([^"]+)"/g)].map(m => m[1].split(' '));
  const used = rows
    .map(row => {
      const cells = row.filter(a => present.has(a));
      if (cells.length === 0) return undefined;
      // A missing neighbour's cell goes to the widget before it (or after it at the row's start).
      return row.map((a, i) => {
        if (present.has(a)) return a;
        const before = row
          .slice(0, i)
          .reverse()
          .find(b => present.has(b));
        return before ?? cells[0];
      });
    })
    .filter((r): r is string[] => !!r);
  return used.map(r => `"${r.join(' ')}"`).join(' ');
}
