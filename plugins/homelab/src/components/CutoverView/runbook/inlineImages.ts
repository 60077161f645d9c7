import { PENDING_IMAGE_ATTR } from './runbookHtml';

/** Largest image inlined; a runbook's diagrams are far smaller. */
const MAX_IMAGE_BYTES = 5 * 2 ** 20;

function dataUrl(type: string, bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return `data:${type};base64,${btoa(binary)}`;
}

async function load(
  url: string,
  fetch: (url: string) => Promise<Response>,
): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const type = (response.headers.get('content-type') ?? '').split(';')[0];
  if (!type.startsWith('image/')) throw new Error(`not an image (${type})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) throw new Error('larger than 5 MiB');
  return dataUrl(type, bytes);
}

/**
 * Fetches the images prepareRunbookHtml deferred with the viewer's
 * credentials and puts them in as data URLs; an image that cannot be loaded
 * keeps its place with a note in its alt text.
 */
export async function inlineImages(
  html: string,
  fetch: (url: string) => Promise<Response>,
): Promise<string> {
  const template = document.createElement('template');
  template.innerHTML = html;
  const images = Array.from(
    template.content.querySelectorAll<HTMLImageElement>(
      `img[${PENDING_IMAGE_ATTR}]`,
    ),
  );
  if (!images.length) return html;
  await Promise.all(
    images.map(async img => {
      const url = img.getAttribute(PENDING_IMAGE_ATTR)!;
      img.removeAttribute(PENDING_IMAGE_ATTR);
      try {
        img.setAttribute('src', await load(url, fetch));
      } catch (e) {
        const alt = img.getAttribute('alt') || url.split('/').pop() || 'image';
        img.setAttribute(
          'alt',
          `${alt} (not loaded: ${e instanceof Error ? e.message : e})`,
        );
      }
    }),
  );
  return template.innerHTML;
}
