import { repairMojibake } from './mojibake';

describe('repairMojibake', () => {
  it('restores emoji that were decoded as Windows-1252', () => {
    expect(repairMojibake('Done âœ…, busy ðŸš§, later ðŸ“…')).toBe(
      'Done ✅, busy 🚧, later 📅',
    );
  });

  it('restores mangled punctuation and accented letters', () => {
    expect(repairMojibake('a â€” b, cafÃ©')).toBe('a — b, café');
  });

  it('leaves correct text alone, even next to repaired text', () => {
    const correct = 'Café — naïve “quotes” … 🚧 → ✅ Ünïcödé';
    expect(repairMojibake(correct)).toBe(correct);
    expect(repairMojibake(`${correct} âœ…`)).toBe(`${correct} ✅`);
  });

  it('leaves a lone lead character that is not followed by a sequence', () => {
    expect(repairMojibake('ð and â at the end â')).toBe('ð and â at the end â');
  });
});
