import { escapeHtml } from '../../security/escape-html';
import { writtenDate } from '../../domain/written-dates';
import type { Language } from '../../domain/vocabulary';
import type { RenderedEmail } from '../email';

/** A date as people in Flanders read it: 28 november 2026, in Brussels time. */
export function formatDate(date: Date | string, language: Language): string {
  return writtenDate('date', date, language);
}

/**
 * One piece of an email body. Templates describe their body once as blocks, and the plain-text
 * and HTML parts are both rendered from them, so the two parts cannot drift apart.
 */
export type Block =
  | string
  | { list: string[] }
  /** Text written by someone else (a reviewer's comment, a commitment), set apart. */
  | { quote: string }
  /** Label/value pairs, e.g. the facts of an escalation. */
  | { rows: [label: string, value: string][] }
  /** A call-to-action button; in plain text it becomes "label: url". */
  | { action: { label: string; url: string } };

export interface EmailBody {
  language: Language;
  paragraphs: Block[];
  /** A button after the paragraphs (kept for callers that predate the `action` block). */
  action?: { label: string; url: string };
  footer: string;
}

/** Paragraphs keep the author's line breaks (a commitment text may have several lines). */
const htmlText = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

function htmlBlock(block: Block): string {
  if (typeof block === 'string') return `<p>${htmlText(block)}</p>`;
  if ('list' in block)
    return block.list.length ? `<ul>${block.list.map((item) => `<li>${htmlText(item)}</li>`).join('')}</ul>` : '';
  if ('quote' in block)
    return `<blockquote style="margin:0 0 1em;padding:0.5em 1em;border-left:3px solid #1d4f91;background:#f4f6f9">${htmlText(block.quote)}</blockquote>`;
  if ('rows' in block) {
    const rows = block.rows.map(
      ([label, value]) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${htmlText(label)}</th><td>${htmlText(value)}</td></tr>`,
    );
    return rows.length ? `<table style="border-collapse:collapse;margin:0 0 1em">${rows.join('')}</table>` : '';
  }
  return `<p><a href="${escapeHtml(block.action.url)}" style="display:inline-block;padding:10px 18px;background:#1d4f91;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(block.action.label)}</a></p>`;
}

function textBlock(block: Block): string {
  if (typeof block === 'string') return block;
  if ('list' in block) return block.list.map((item) => `- ${item}`).join('\n');
  if ('quote' in block)
    return block.quote
      .split(/\r?\n/)
      .map((line) => `> ${line}`)
      .join('\n');
  if ('rows' in block) return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
  return `${block.action.label}: ${block.action.url}`;
}

const allBlocks = (options: EmailBody): Block[] =>
  options.action ? [...options.paragraphs, { action: options.action }] : options.paragraphs;

/** Wraps paragraphs and a call-to-action button in a plain, phone-readable HTML email. */
export function htmlEmail(options: EmailBody): string {
  const body = allBlocks(options).map(htmlBlock).filter(Boolean).join('\n');
  return `<!doctype html>
<html lang="${options.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem;margin:0 auto;padding:1rem;color:#1a1a1a">
${body}
<p style="color:#555;font-size:0.9em">${escapeHtml(options.footer)}</p>
</body></html>`;
}

/** The same body as plain text; the footer goes below the conventional "-- " signature line. */
export function textEmail(options: EmailBody): string {
  const body = allBlocks(options).map(textBlock).filter(Boolean).join('\n\n');
  return `${body}\n\n-- \n${options.footer}\n`;
}

/** Subject plus both parts, rendered from one description of the body. */
export function composeEmail(options: EmailBody & { subject: string }): RenderedEmail {
  return { subject: options.subject, text: textEmail(options), html: htmlEmail(options) };
}
