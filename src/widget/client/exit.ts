/**
 * Leaving quickly. In this order: cover the whole page at once; ask the server to forget the
 * conversation; empty the widget; replace the page with the neutral address, so that Back does not
 * return to the chat.
 */

/** Only an https address may be a per-embedding exit; anything else falls back to the server's. */
export function exitAddress(embedded: string | null | undefined, server: string): string {
  if (embedded) {
    try {
      const url = new URL(embedded);
      if (url.protocol === 'https:') return url.href;
    } catch {
      // not an address
    }
  }
  return server;
}

// Set through the CSSOM, which a strict Content-Security-Policy allows (no stylesheet to wait for),
// and `important`, so that no rule of the host page can undo it.
const COVER: [string, string][] = [
  ['all', 'initial'],
  ['display', 'block'],
  ['position', 'fixed'],
  ['inset', '0'],
  ['width', '100vw'],
  ['height', '100vh'],
  ['margin', '0'],
  ['padding', '1em'],
  ['border', '0'],
  ['box-sizing', 'border-box'],
  ['z-index', '2147483647'],
  ['background', 'Canvas'],
  ['color', 'GrayText'],
  ['font', '16px system-ui, sans-serif'],
  ['opacity', '1'],
  ['visibility', 'visible'],
];

/** A blank sheet over everything, on the top layer where the browser has one. */
export function coverPage(loadingText: string): HTMLElement {
  const cover = document.createElement('div');
  for (const [p, v] of COVER) cover.style.setProperty(p, v, 'important');
  cover.setAttribute('role', 'alert');
  cover.setAttribute('data-vagvisaren-cover', '');
  document.documentElement.append(cover);
  if (typeof cover.showPopover === 'function') {
    cover.popover = 'manual';
    cover.showPopover();
  }
  // Text after insertion: screen readers announce a change more reliably than a new node.
  cover.textContent = loadingText;
  // The page behind can no longer be reached by Tab or a screen reader.
  if (document.body) document.body.inert = true;
  return cover;
}

/** Undoes the cover when the browser shows the page again from its back/forward cache. */
export function uncoverPage(): void {
  for (const el of document.querySelectorAll('[data-vagvisaren-cover], meta[data-vagvisaren-referrer]')) el.remove();
  if (document.body) document.body.inert = false;
}

/** location.replace in the top window (the chat may sit in a kommun's iframe), without a Referer. */
export function leaveTo(url: string): void {
  const meta = document.createElement('meta');
  meta.name = 'referrer';
  meta.content = 'no-referrer';
  meta.setAttribute('data-vagvisaren-referrer', '');
  (document.head ?? document.documentElement).append(meta);
  try {
    (window.top ?? window).location.replace(url);
  } catch {
    // A sandboxed frame may not navigate its parent: leave at least the frame.
    window.location.replace(url);
  }
}
