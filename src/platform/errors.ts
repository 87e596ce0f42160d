// One error type with an HTTP status and a stable code. Pages render it localized;
// the API answers application/problem+json (RFC 9457).
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message = code,
  ) {
    super(message);
  }
}

export const notFound = (what = 'not_found') => new AppError(404, what);
export const forbidden = () => new AppError(403, 'forbidden');

export const problemType = (code: string) => `https://infitah.ma/problems/${code}`;
