// One-time links carry their secret in the query string (?token=…). Wherever a URL is kept
// after its use — request logs, sent mails — the secret is replaced, the rest stays readable.
import type { FastifyRequest } from 'fastify';

// token, reset_token, secret, password… as a query parameter, also percent-encoded inside
// another parameter (/admin/login?next=%2Fadmin%2Finvitation%3Ftoken%3D…)
const SECRET_PARAM = /((?:^|[?&;]|%3F|%26)[\w-]*(?:token|secret|password)(?:=|%3D))[^&\s"'<>#]+/gi;

export const REDACTED = 'REDACTED';

export function redactSecrets(text: string): string {
  return text.replace(SECRET_PARAM, `$1${REDACTED}`);
}

/** Pino serializers for the app's logger: a request is logged with its secrets redacted
 *  (the same fields as Fastify's own serializer). */
export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactSecrets(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};
