import DOMPurify from 'dompurify';

export interface RunbookPageUrls {
  /** The portal's origin, e.g. https://portal.home.arpa */
  origin: string;
  /** The page in the TechDocs reader, ending in `/`: /docs/default/component/homelab-docs/runbooks/karakeep-cutover/ */
  readerPath: string;
  /** Where the TechDocs backend serves the page's folder, ending in `/`. */
  storageUrl: string;
}

export interface PreparedRunbook {
  /** Sanitized article HTML with links pointing into the portal. */
  html: string;
  /** The page's first heading, if it has one. */
  title?: string;
}

/** Attribute holding an image's TechDocs URL until it is fetched with the viewer's credentials. */
export const PENDING_IMAGE_ATTR = 'data-runbook-src';

// The article alone: MkDocs' header, navigation and footer belong to the reader, not here.
const ARTICLE_SELECTORS = [
  'article.md-content__inner',
  '.md-content',
  '[role="main"]',
  'main',
];

// Besides what DOMPurify drops by default (scripts, event handlers,
// javascript: URLs): styles that could restyle the portal, and forms.
const FORBID_TAGS = [
  'style',
  'link',
  'meta',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'iframe',
];

const isAbsolute = (url: string) => /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url);

function rewriteLinks(root: DocumentFragment, page: RunbookPageUrls) {
  const base = new URL(page.readerPath, page.origin);
  root.querySelectorAll('a.headerlink').forEach(a => a.remove());
  root.querySelectorAll('a[href]').forEach(a => {
    const href = a.getAttribute('href')!;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      a.replaceWith(a.textContent ?? '');
      return;
    }
    if (url.origin === base.origin) {
      // Another page of the docs site (or this one's anchor): its reader page in the portal.
      a.setAttribute('href', `${url.pathname}${url.search}${url.hash}`);
    } else if (/^https?:$/.test(url.protocol)) {
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

function deferImages(root: DocumentFragment, page: RunbookPageUrls) {
  root.querySelectorAll('img[src]').forEach(img => {
    const src = img.getAttribute('src')!;
    if (isAbsolute(src)) return;
    // The TechDocs backend wants the viewer's token, which an <img> request does not carry.
    img.setAttribute(PENDING_IMAGE_ATTR, new URL(src, page.storageUrl).href);
    img.removeAttribute('src');
  });
}

/**
 * The HTML the TechDocs backend serves for a page, made fit to show inside
 * the portal: only the article, sanitized with DOMPurify as the TechDocs
 * reader does, links resolved to reader pages and images to the backend.
 */
export function prepareRunbookHtml(
  pageHtml: string,
  page: RunbookPageUrls,
): PreparedRunbook {
  const doc = new DOMParser().parseFromString(pageHtml, 'text/html');
  const article =
    ARTICLE_SELECTORS.map(s => doc.querySelector(s)).find(Boolean) ?? doc.body;
  const fragment = DOMPurify.sanitize(article?.innerHTML ?? '', {
    FORBID_TAGS,
    RETURN_DOM_FRAGMENT: true,
  });
  rewriteLinks(fragment, page);
  deferImages(fragment, page);
  const title = fragment.querySelector('h1')?.textContent?.trim();
  const container = document.createElement('div');
  container.appendChild(fragment);
  return { html: container.innerHTML, title: title || undefined };
}
