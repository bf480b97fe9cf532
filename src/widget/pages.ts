/**
 * The two HTML pages the widget's server shows: the standalone chat at `/` (for direct links and QR
 * codes) and a demo kommun page at `/demo` that embeds the widget as a kommun would. Both are plain
 * HTML with no inline script or style, so they run under a strict Content-Security-Policy.
 */
import type { TFunction } from 'i18next';
import type { Locale } from '../i18n/locales.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeHtml(v!)}"`)
    .join('');
}

interface PageBase {
  t: TFunction;
  locale: Locale;
  dir: 'ltr' | 'rtl';
}

function head(p: PageBase, title: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(p.locale)}" dir="${p.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/widget/pages.css">`;
}

/** `/`: the chat fills the page. */
export function chatPage(p: PageBase & { kommun?: string | undefined; lang?: string | undefined }): string {
  return `${head(p, p.t('widget:page.title'))}
<script src="/widget.js"${attrs({ 'data-mode': 'page', 'data-kommun': p.kommun, 'data-lang': p.lang })} defer></script>
</head>
<body class="chat-page">
<main id="vagvisaren" class="chat-page__main">
<noscript><p class="chat-page__noscript">${escapeHtml(p.t('widget:page.noscript'))}</p></noscript>
</main>
</body>
</html>
`;
}

/** `/demo`: a plain kommun page with the one-line embed at the end of its body. */
export function demoPage(p: PageBase & { kommun: string; kommunName: string; lang?: string | undefined; widgetUrl: string }): string {
  const k = { kommun: p.kommunName };
  const embed = `<script src="${p.widgetUrl}" data-kommun="${p.kommun}" data-lang="sv" data-exit-url="https://www.smhi.se/" async></script>`;
  return `${head(p, p.t('widget:demo.title', k))}
</head>
<body class="demo">
<header class="demo__header">
<p class="demo__site">${escapeHtml(p.t('widget:demo.site', k))}</p>
<p class="demo__notice">${escapeHtml(p.t('widget:demo.notice'))}</p>
</header>
<main class="demo__main">
<h1>${escapeHtml(p.t('widget:demo.heading'))}</h1>
<p class="demo__lead">${escapeHtml(p.t('widget:demo.lead'))}</p>
<p>${escapeHtml(p.t('widget:demo.body'))}</p>
<p>${escapeHtml(p.t('widget:demo.chat', { button: p.t('widget:launcher.open') }))}</p>
<p><strong>${escapeHtml(p.t('widget:demo.emergency'))}</strong></p>
<h2>${escapeHtml(p.t('widget:demo.embedHeading'))}</h2>
<p>${escapeHtml(p.t('widget:demo.embedText'))}</p>
<pre class="demo__code"><code>${escapeHtml(embed)}</code></pre>
</main>
<script src="/widget.js"${attrs({ 'data-kommun': p.kommun, 'data-lang': p.lang })} async></script>
</body>
</html>
`;
}
