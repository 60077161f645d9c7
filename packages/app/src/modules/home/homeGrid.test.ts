import { MEDIUM, templateFor, WIDE } from './homeGrid';

const ALL = new Set(['cluster', 'migration', 'ollama', 'recent', 'starred']);

/** Every row of a template names the same number of cells: a rectangle with no hole. */
function rows(template: string) {
  return [...template.matchAll(/"([^"]+)"/g)].map(m => m[1].split(' '));
}

describe('home page grid', () => {
  it('places all five widgets in full rows at 1280 px and more', () => {
    expect(templateFor(ALL, WIDE)).toBe(
      '"cluster cluster migration" "ollama recent starred"',
    );
  });

  it('gives a missing widget’s cell to its neighbour, so no cell stays empty', () => {
    const present = new Set(['cluster', 'migration', 'ollama', 'recent']);
    expect(templateFor(present, WIDE)).toBe(
      '"cluster cluster migration" "ollama recent recent"',
    );
    expect(templateFor(new Set(['cluster', 'recent', 'starred']), WIDE)).toBe(
      '"cluster cluster cluster" "recent recent starred"',
    );
  });

  it('drops rows whose widgets are all missing', () => {
    expect(templateFor(new Set(['cluster', 'migration']), MEDIUM)).toBe(
      '"cluster cluster" "migration migration"',
    );
  });

  it('keeps each template rectangular', () => {
    for (const template of [WIDE, MEDIUM]) {
      const widths = rows(templateFor(ALL, template)).map(r => r.length);
      expect(new Set(widths).size).toBe(1);
    }
  });
});
