import { RUNBOOK_HTML } from '../../../testing/cutoverFixtures';
import { inlineImages } from './inlineImages';
import { PENDING_IMAGE_ATTR, prepareRunbookHtml } from './runbookHtml';

const PAGE = {
  origin: 'https://portal.home.arpa',
  readerPath: '/docs/default/component/homelab-docs/runbooks/karakeep-cutover/',
  storageUrl:
    'https://portal.home.arpa/api/techdocs/static/docs/default/component/homelab-docs/runbooks/karakeep-cutover/',
};

function render(html: string) {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('prepareRunbookHtml', () => {
  const prepared = prepareRunbookHtml(RUNBOOK_HTML, PAGE);
  const dom = render(prepared.html);
  const hrefOf = (text: string) =>
    Array.from(dom.querySelectorAll('a'))
      .find(a => a.textContent === text)
      ?.getAttribute('href');

  it('keeps the article and its title, without the site header, navigation and permalinks', () => {
    expect(prepared.title).toBe('Karakeep cutover');
    expect(dom.textContent).toContain('1. Check Ollama is ready');
    expect(dom.textContent).not.toContain('Homelab docs');
    expect(dom.textContent).not.toContain('Navigation');
    expect(dom.textContent).not.toContain('¶');
  });

  it('sends links to other pages of the docs site to their TechDocs reader page', () => {
    expect(hrefOf('rolling back')).toBe(
      '/docs/default/component/homelab-docs/runbooks/karakeep-rollback/',
    );
    expect(hrefOf('Ollama operations')).toBe(
      '/docs/default/component/homelab-docs/runbooks/ollama-operations/#switching-to-the-fallback-model',
    );
    expect(hrefOf('step 1')).toBe(
      '/docs/default/component/homelab-docs/runbooks/karakeep-cutover/#1-check-ollama-is-ready',
    );
  });

  it('opens links to other sites in a new tab without an opener', () => {
    const a = Array.from(dom.querySelectorAll('a')).find(
      l => l.textContent === 'the Karakeep docs',
    )!;
    expect(a.getAttribute('href')).toBe('https://docs.karakeep.app/');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('drops scripts, event handlers, javascript: links, styles and forms', () => {
    expect(prepared.html).not.toMatch(
      /<script|onclick|javascript:|<style|<form|<input/i,
    );
    expect(dom.textContent).toContain('Bad link');
  });

  it('defers the site’s own images to the TechDocs backend and leaves others alone', () => {
    const [own, other] = Array.from(dom.querySelectorAll('img'));
    expect(own.getAttribute('src')).toBeNull();
    expect(own.getAttribute(PENDING_IMAGE_ATTR)).toBe(
      'https://portal.home.arpa/api/techdocs/static/docs/default/component/homelab-docs/assets/topology.png',
    );
    expect(other.getAttribute('src')).toBe('https://example.org/badge.svg');
  });

  it('falls back to the body of a page that is not built by mkdocs-material', () => {
    const plain = prepareRunbookHtml(
      '<html><body><h1>Restore</h1><p>Run <a href="../backup/">backup</a>.</p></body></html>',
      PAGE,
    );
    expect(plain.title).toBe('Restore');
    expect(render(plain.html).querySelector('a')?.getAttribute('href')).toBe(
      '/docs/default/component/homelab-docs/runbooks/backup/',
    );
  });
});

describe('inlineImages', () => {
  const html = prepareRunbookHtml(RUNBOOK_HTML, PAGE).html;

  it('fetches deferred images with the given fetch and inlines them as data URLs', async () => {
    const fetch = jest.fn(
      async (_url: string) =>
        new Response('PNG', {
          headers: { 'content-type': 'image/png' },
        }),
    );
    const dom = render(await inlineImages(html, fetch));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toMatch(/assets\/topology\.png$/);
    const own = dom.querySelector('img')!;
    expect(own.getAttribute('alt')).toBe('topology');
    expect(own.getAttribute('src')).toBe('data:image/png;base64,UE5H');
    expect(own.hasAttribute(PENDING_IMAGE_ATTR)).toBe(false);
  });

  it('says in the alt text why an image could not be loaded', async () => {
    const dom = render(
      await inlineImages(html, async () => new Response('no', { status: 401 })),
    );
    expect(dom.querySelector('img')?.getAttribute('alt')).toBe(
      'topology (not loaded: HTTP 401)',
    );
  });
});
