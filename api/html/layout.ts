import { escapeHtml } from '../../security/escape-html';

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, text, i) => out + text + (i < values.length ? render(values[i]) : ''), ''));
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

// Served inline: partners' and staff networks may be closed, so no CDN, no external file.
const styles = `
*{box-sizing:border-box}body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.5;color:#1a1a1a;background:#f6f7f9;margin:0}
main{max-width:42rem;margin:0 auto;padding:1rem 1rem 3rem}header.site{background:#1d4f91;color:#fff;padding:.75rem 1rem}header.site a{color:#fff}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin-top:1.5rem}.card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:1rem;margin:1rem 0}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}fieldset{border:1px solid #dde1e6;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}legend{font-weight:600}
fieldset label{font-weight:400;display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}
input[type=text],input[type=email],input[type=number],input[type=password],textarea,select{width:100%;padding:.5rem;border:1px solid #8a94a3;border-radius:4px;font:inherit}
textarea{min-height:7rem}button,.button{display:inline-block;background:#1d4f91;color:#fff;border:0;border-radius:4px;padding:.6rem 1.2rem;font:inherit;cursor:pointer;text-decoration:none}
button:focus,a:focus,input:focus,textarea:focus,select:focus{outline:3px solid #f2b705;outline-offset:2px}
.error{color:#a4161a;font-weight:600;margin:.25rem 0}.notice{border-left:4px solid #1d4f91;padding:.5rem 1rem;background:#eef3fa}
.success{border-left:4px solid #2b8a3e;background:#ebfbee;padding:.75rem 1rem}.muted{color:#555}blockquote{border-left:3px solid #8a94a3;margin:.5rem 0;padding:.25rem .75rem;white-space:pre-wrap}
nav.languages a{margin-right:.75rem}
`;

/**
 * A whole page. It sends no referrer unless told otherwise: partner links carry tokens.
 */
export function page(options: {
  lang: string;
  title: string;
  body: Html;
  header?: Html;
  referrer?: 'no-referrer' | 'same-origin';
  /** A page family's own rules after the shared ones (the staff pages'). */
  extraStyles?: string;
}): string {
  return html`<!doctype html>
    <html lang="${options.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="${options.referrer ?? 'no-referrer'}" />
        <title>${options.title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style>
          ${new Html(styles)}${new Html(options.extraStyles ?? '')}
        </style>
      </head>
      <body>
        <header class="site">${options.header ?? html`<strong>Integratiepact</strong>`}</header>
        <main>${options.body}</main>
      </body>
    </html>`.value;
}
