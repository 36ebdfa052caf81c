import type { Language } from '../../domain/vocabulary';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const locales: Record<Language, string> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE' };

/** A date as people in Flanders read it: 28 november 2026, in Brussels time. */
export function formatDate(date: Date | string, language: Language): string {
  return new Date(date).toLocaleDateString(locales[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Brussels' });
}

/** Wraps paragraphs and a call-to-action button in a plain, phone-readable HTML email. */
export function htmlEmail(options: { language: Language; paragraphs: string[]; action?: { label: string; url: string }; footer: string }): string {
  const body = options.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const action = options.action
    ? `<p><a href="${escapeHtml(options.action.url)}" style="display:inline-block;padding:10px 18px;background:#1d4f91;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(options.action.label)}</a></p>`
    : '';
  return `<!doctype html>
<html lang="${options.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem;margin:0 auto;padding:1rem;color:#1a1a1a">
${body}
${action}
<p style="color:#555;font-size:0.9em">${escapeHtml(options.footer)}</p>
</body></html>`;
}
