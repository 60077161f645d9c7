import { ConfigReader } from '@backstage/config';
import { readPlanReadLimits } from './planReadLimits';

const limitsOf = (phases: object) =>
  readPlanReadLimits(new ConfigReader({ homelab: { phases } }));

describe('readPlanReadLimits', () => {
  it('defaults to 1 MiB and 5 s, as homelab.phases documents', () => {
    expect(readPlanReadLimits(new ConfigReader({}))).toEqual({
      maxBytes: 1048576,
      readTimeoutMs: 5000,
    });
  });

  it('reads a byte count and a duration in either form', () => {
    expect(limitsOf({ maxBytes: 2048, readTimeout: '2s' })).toEqual({
      maxBytes: 2048,
      readTimeoutMs: 2000,
    });
    expect(limitsOf({ readTimeout: { minutes: 1 } }).readTimeoutMs).toBe(60000);
  });

  it('names the key and the fix for a bad value', () => {
    expect(() => limitsOf({ maxBytes: 1.5 })).toThrow(
      /phases\.maxBytes must be a whole number of bytes, e\.g\. 1048576/,
    );
    expect(() => limitsOf({ maxBytes: 0 })).toThrow(/phases\.maxBytes/);
    expect(() => limitsOf({ readTimeout: 'soon' })).toThrow(
      /phases\.readTimeout is not a duration .*write it as e\.g\. "5s"/,
    );
  });
});
