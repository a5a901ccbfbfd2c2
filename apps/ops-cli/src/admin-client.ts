/** An admin API error as the API sent it (OpenAI shape), or a transport failure. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** A thin HTTP client for /admin/v1: bearer admin token, JSON in and out, errors thrown. */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T>(
    method: string,
    path: string,
    options: { body?: unknown; idempotencyKey?: string; raw?: boolean } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const url = `${this.baseUrl.replace(/\/$/, '')}/admin/v1${path}`;
    const res = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }).catch((err: unknown) => {
      const cause = (err as { cause?: { message?: string } }).cause?.message ?? String(err);
      throw new AdminApiError(0, `cannot reach ${this.baseUrl}: ${cause}`);
    });
    const text = await res.text();
    if (!res.ok) {
      const message = (tryParse(text) as { error?: { message?: string } } | undefined)?.error?.message ?? text;
      throw new AdminApiError(res.status, `${res.status}: ${message}`);
    }
    return (options.raw ? text : tryParse(text)) as T;
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
