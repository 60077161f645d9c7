import { parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['3500m', 3.5],
    ['256Mi', 256 * 2 ** 20],
    ['16336520Ki', 16336520 * 1024],
    ['2G', 2e9],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['4e9', 4e9],
    ['100u', 1e-4],
  ])('reads %s', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 12);
  });

  it.each(['lots', '', '2GB', '1e3Mi', '1.2.3', 'Mi', ' 2Gi'])(
    'refuses %p',
    text => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );
});
