import { parseDeclaration } from './declaration';

const parse = (text: string) => parseDeclaration(text, 7);
const problem = (text: string) => {
  try {
    parseDeclaration(text, 7);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`"${text}" was accepted`);
};

describe('check declarations', () => {
  it('reads each kind', () => {
    expect(
      parse('pods namespace=karakeep selector=app.kubernetes.io/name=karakeep'),
    ).toMatchObject({
      kind: 'pods',
      namespace: 'karakeep',
      selector: 'app.kubernetes.io/name=karakeep',
      min: 1,
      line: 7,
    });
    expect(parse('deployment namespace=karakeep name=karakeep')).toMatchObject({
      kind: 'deployment',
      name: 'karakeep',
    });
    expect(parse('statefulset namespace=db name=pg')).toMatchObject({
      kind: 'statefulset',
    });
    expect(parse('pvc namespace=karakeep name=karakeep-data')).toMatchObject({
      kind: 'pvc',
    });
    expect(parse('httproute namespace=karakeep name=karakeep')).toMatchObject({
      kind: 'httproute',
    });
    expect(parse('service namespace=karakeep name=karakeep')).toMatchObject({
      kind: 'service',
    });
    expect(parse('ollama-model model=qwen3:1.7b')).toMatchObject({
      kind: 'ollama-model',
      model: 'qwen3:1.7b',
    });
    expect(
      parse(
        'http namespace=karakeep service=karakeep port=3000 path=/api/health?full=1 status=200,3xx',
      ),
    ).toMatchObject({
      kind: 'http',
      via: 'service',
      port: '3000',
      path: '/api/health?full=1',
      status: { codes: [200], classes: [3], text: '200,3xx' },
    });
    expect(
      parse('http url=https://karakeep.k8s.home.arpa/api/health'),
    ).toMatchObject({
      kind: 'http',
      via: 'url',
      status: { codes: [200], classes: [] },
    });
  });

  it('takes a quoted selector with spaces and set-based requirements', () => {
    expect(
      parse('pods namespace=a selector="tier in (web, api),!canary" min=2'),
    ).toMatchObject({
      selector: 'tier in (web, api),!canary',
      min: 2,
    });
  });

  it('gives the same key to the same check written in another order', () => {
    expect(parse('pvc name=x namespace=y').key).toBe(
      parse('pvc  namespace=y name=x').key,
    );
  });

  it('names the field and the fix', () => {
    expect(problem('pods namespace=karakeep')).toBe(
      'pods needs selector=...; e.g. check: pods namespace=karakeep selector=app.kubernetes.io/name=karakeep',
    );
    expect(problem('pvc namespace=a name=b size=2')).toBe(
      'pvc has no field "size"; its fields are namespace, name',
    );
    expect(problem('pvc namespace=Karakeep name=b')).toMatch(
      /^namespace=Karakeep is not a namespace name/,
    );
    expect(problem('pods namespace=a selector=-app=x')).toBe(
      'selector=-app=x "-app" is not a label key',
    );
    expect(problem('pods namespace=a selector="tier in web"')).toMatch(
      /not key=value/,
    );
    expect(problem('pods namespace=a selector=a=b min=0')).toBe(
      'min=0 must be a whole number of pods, at least 1',
    );
    expect(problem('http namespace=a service=b port=99999')).toMatch(
      /^port=99999 is not a port/,
    );
    expect(problem('http namespace=a service=b port=http status=ok')).toMatch(
      /"ok" is not an HTTP status/,
    );
    expect(problem('http namespace=a port=80')).toMatch(/^needs service=/);
    expect(problem('http url=ftp://x/')).toBe(
      'url=ftp://x/ must be an http or https URL',
    );
    expect(problem('http url=https://u:p@x/')).toMatch(
      /must not carry credentials/,
    );
    expect(problem('http url=https://x/ namespace=a')).toMatch(
      /not both \(drop namespace\)/,
    );
    expect(problem('pvc namespace=a namespace=b name=c')).toBe(
      'namespace is given twice; keep one',
    );
    expect(problem('pvc namespace name=c')).toBe(
      '"namespace" has no value; write namespace=<value>',
    );
    expect(problem('namespace=a')).toMatch(/^start with the kind/);
    expect(problem('pods namespace=a selector="x=y')).toMatch(/^cannot read/);
  });

  it('keeps proxy paths inside the service proxy', () => {
    for (const path of [
      '/../../secrets',
      '/a/%2e%2e/b',
      '/./x',
      'api/health',
    ]) {
      expect(
        problem(`http namespace=a service=b port=80 path=${path}`),
      ).toMatch(/^path=/);
    }
  });
});
