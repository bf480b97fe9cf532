/**
 * widget.js: the one line a kommun adds to a page.
 *
 *   <script src="https://BOT-HOST/widget.js" data-kommun="0880" data-lang="sv"
 *           data-exit-url="https://www.smhi.se/" async></script>
 *
 * Options are data- attributes of that script tag (see README, "Putting the chat on a kommun page").
 */
import { startWidget } from './widget.js';

const KEY = Symbol.for('vagvisaren.widget');

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Older browsers: the last script that loads us.
  const all = document.querySelectorAll<HTMLScriptElement>('script[src*="widget.js"]');
  return all[all.length - 1] ?? null;
}

function run(script: HTMLScriptElement): void {
  const d = script.dataset;
  const mode = d.mode === 'page' ? 'page' : 'float';
  void startWidget({
    origin: new URL(script.src, location.href).origin,
    mode,
    kommun: d.kommun && /^\d{4}$/.test(d.kommun) ? d.kommun : undefined,
    lang: d.lang || undefined,
    exitUrl: d.exitUrl || undefined,
    side: d.position === 'left' ? 'left' : 'right',
    mount: mode === 'page' ? document.getElementById('vagvisaren') : undefined,
  });
}

const script = ownScript();
const w = window as unknown as Record<symbol, boolean>;
// A CMS that adds the line twice still gets one chat.
if (script && !w[KEY]) {
  w[KEY] = true;
  if (document.body) run(script);
  else document.addEventListener('DOMContentLoaded', () => run(script), { once: true });
}
