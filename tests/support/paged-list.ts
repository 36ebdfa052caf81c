import type { TestSystem } from './test-system';

/** A staff page's HTML, which must answer 200. */
export async function staffPageText(system: TestSystem, path: string): Promise<string> {
  const response = await system.staffFetch(path);
  expect(response.status).toBe(200);
  return response.text();
}

/** The pager's link to a list's next page (api/html/view.ts, `pager`), or undefined on its last page. */
export const nextPageLink = (page: string): string | undefined =>
  /<a href="([^"]+)" rel="next">/.exec(page)?.[1]?.replaceAll('&amp;', '&');
