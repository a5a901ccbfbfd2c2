import { CorsPolicy, corsSettings } from '@switchyard/observability';
import { DataPlaneIngress, type DataPlaneIngressDeps, type IngressRoute } from './data-plane.ingress';

const chat: IngressRoute = {
  path: '/v1/chat/completions',
  serve: () => Promise.resolve(),
  answerError: () => undefined,
};

/** An ingress with only what routing reads: its routes and whether CORS is on. */
function ingress(cors: boolean): DataPlaneIngress {
  const policy = cors ? new CorsPolicy(corsSettings('https://app.example', [], [])!) : null;
  return new DataPlaneIngress({ routes: [chat], cors: policy } as unknown as DataPlaneIngressDeps);
}

describe(DataPlaneIngress.name, () => {
  it.each([
    ['a POST', 'POST', '/v1/chat/completions'],
    ['a POST with a query string', 'POST', '/v1/chat/completions?trace=1'],
    ['a POST spelled differently', 'POST', '/V1/chat/completions/'],
  ])('takes %s to the chat route', (_case, method, url) => {
    expect(ingress(false).routeOf({ method, url })).toBe(chat);
  });

  it.each([
    ['other methods', 'GET', '/v1/chat/completions'],
    ['other routes', 'POST', '/v1/models'],
    ['longer paths', 'POST', '/v1/chat/completions/extra'],
    ['a preflight when CORS is off', 'OPTIONS', '/v1/chat/completions'],
  ])('leaves %s to express', (_case, method, url) => {
    expect(ingress(false).routeOf({ method, url })).toBeUndefined();
  });

  it('answers preflights of its routes itself when CORS is on', () => {
    expect(ingress(true).routeOf({ method: 'OPTIONS', url: '/v1/chat/completions' })).toBe(chat);
    expect(ingress(true).routeOf({ method: 'OPTIONS', url: '/v1/models' })).toBeUndefined();
  });
});
