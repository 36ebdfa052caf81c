/**
 * The demo's way into the pact: the staff JSON API with the API token, as a script of staff would use it.
 * Every create carries an idempotency key, so a second run gets the first run's id back (409) rather
 * than a second thing.
 */
export class PactApi {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async get<T>(path: string): Promise<T | undefined> {
    const response = await this.fetch(path);
    if (response.status === 404) return undefined;
    return this.body<T>(response, 'GET', path);
  }

  async post<T = unknown>(path: string, body: unknown = {}): Promise<T> {
    return this.body<T>(await this.fetch(path, { method: 'POST', body: JSON.stringify(body) }), 'POST', path);
  }

  /** Creates, or finds what an earlier run created with the same key: its id either way. */
  async create(path: string, body: Record<string, unknown>): Promise<string> {
    const response = await this.fetch(path, { method: 'POST', body: JSON.stringify(body) });
    if (response.status === 409) {
      const conflict = (await response.json()) as { error?: { details?: { id?: string } } };
      if (conflict.error?.details?.id) return conflict.error.details.id;
    }
    return (await this.body<{ id: string }>(response, 'POST', path)).id;
  }

  /**
   * The id of the thing in `list` (e.g. `meetings` of GET /api/meetings) with this title, else creates
   * it. Looked up first: on a later run the body may no longer pass (a partner invited then has since
   * completed its journey), where the idempotency key alone would only help after validation.
   */
  async findOrCreate(path: string, list: string, body: Record<string, unknown> & { title: string }): Promise<string> {
    const existing = (await this.get<Record<string, { id: string; title: string }[]>>(path))?.[list];
    return existing?.find((item) => item.title === body.title)?.id ?? (await this.create(path, body));
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
  }

  private async body<T>(response: Response, method: string, path: string): Promise<T> {
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}
