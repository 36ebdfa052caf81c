/** Reads a served form the way a browser would (its action and hidden fields): the tests fill in link pages with it, and so does the demo pact (demo/). */
export async function openForm(
  link: string,
  query = '',
): Promise<{ status: number; html: string; csrf: string; submit: (fields: [string, string][]) => Promise<Response> }> {
  const response = await fetch(`${link}${query}`);
  const html = await response.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const lang = /name="lang" value="([^"]+)"/.exec(html)?.[1] ?? 'nl';
  return {
    status: response.status,
    html,
    csrf,
    submit: (fields) =>
      fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([['csrf', csrf], ['lang', lang], ...fields]).toString(),
      }),
  };
}
