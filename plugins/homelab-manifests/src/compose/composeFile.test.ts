import { listComposeServices } from './composeFile';

describe('listComposeServices', () => {
  it('lists services in file order with their images, build-only ones without', () => {
    const text = [
      'x-common: &common',
      '  restart: unless-stopped',
      'services:',
      '  web:',
      '    <<: *common',
      '    image: ghcr.io/karakeep-app/karakeep:0.24.1',
      '  worker:',
      '    build: ./worker',
      '  cache:',
    ].join('\n');
    expect(listComposeServices(text)).toEqual([
      { name: 'web', image: 'ghcr.io/karakeep-app/karakeep:0.24.1' },
      { name: 'worker' },
      { name: 'cache' },
    ]);
  });

  it('refuses text that is not a compose file', () => {
    expect(() => listComposeServices('services: [\n  app')).toThrow(
      /not valid YAML \(line \d+/,
    );
    expect(() => listComposeServices('version: "3"\n')).toThrow(
      /no top-level "services" mapping/,
    );
  });
});
