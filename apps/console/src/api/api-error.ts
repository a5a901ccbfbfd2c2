/** An answer of the admin API other than 2xx, with what the operator needs to report it. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null,
    /** The x-request-id billing answered with: what to quote when asking for help. */
    readonly requestId: string | null,
  ) {
    super(message);
  }

  /** Reads the admin error shape `{ error: { message, code } }`; anything else keeps the status line. */
  static async from(res: Response): Promise<ApiError> {
    const requestId = res.headers.get('x-request-id');
    let message = `${res.status} ${res.statusText}`.trim();
    let code: string | null = null;
    try {
      const body = (await res.json()) as { error?: { message?: unknown; code?: unknown } };
      if (typeof body.error?.message === 'string') message = body.error.message;
      if (typeof body.error?.code === 'string') code = body.error.code;
    } catch {
      // Not JSON (a proxy's page): the status line is all there is.
    }
    return new ApiError(res.status, message, code, requestId);
  }
}
