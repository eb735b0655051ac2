import { STATUS_CODES } from 'node:http';
import { AttributionInputError } from '@ctwa/attribution-core';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { displayablePath } from './untrusted-text.js';

/** One invalid field of a request, as listed in a problem's `errors` member. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An error that answers as an RFC 9457 problem document. `code` is a stable machine-readable
 * name; `detail` is for humans and never carries a token, a secret or a full phone number.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: number;
  readonly code: string;
  readonly errors: readonly FieldProblem[] | undefined;

  constructor(
    status: number,
    code: string,
    detail: string,
    options?: { errors?: readonly FieldProblem[] },
  ) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = options?.errors;
  }
}

/** Builds a 400 problem naming every invalid field of a zod validation failure. */
export function invalidInput(what: 'body' | 'query' | 'path', error: z.ZodError): HttpProblem {
  const errors = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : what,
    message: issue.message,
  }));
  const fields = errors.map((entry) => `${entry.field}: ${entry.message}`).join('; ');
  return new HttpProblem(400, `invalid_${what}`, `Invalid request ${what}. ${fields}`, { errors });
}

/** Sends an RFC 9457 `application/problem+json` response. */
export function sendProblem(res: Response, problem: HttpProblem): void {
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.message,
    code: problem.code,
  };
  if (problem.errors) body.errors = problem.errors;

  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

/** Answers any unmatched route with a 404 problem; the path is shown masked and shortened. */
export const notFoundHandler: RequestHandler = (req, res) => {
  const path = displayablePath(req.path);
  sendProblem(res, new HttpProblem(404, 'not_found', `No route for ${req.method} ${path}.`));
};

/**
 * Turns every error into a problem document. Unexpected errors are logged and answered with a
 * generic 500, so no stack trace or internal message ever reaches a client.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error({ err: error }, 'request failed');
    else if (!(error instanceof HttpProblem)) {
      // A client's mistake (such as an unreadable body), not ours; the error is not logged
      // because it may quote the body.
      logger.warn({ status: problem.status, code: problem.code }, 'request rejected');
    }
    if (res.headersSent) return;
    sendProblem(res, problem);
  };
}

function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof AttributionInputError) {
    return new HttpProblem(400, 'invalid_input', error.message, {
      errors: [{ field: error.field, message: error.message }],
    });
  }

  // body-parser marks its own failures with a `type`; map the ones a client can fix.
  const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : null;
  if (type === 'entity.parse.failed') {
    return new HttpProblem(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (type === 'entity.too.large') {
    return new HttpProblem(413, 'body_too_large', 'The request body is larger than 100 kB.');
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new HttpProblem(415, 'unsupported_encoding', 'Send the body as UTF-8 JSON.');
  }
  const status = clientErrorStatus(error);
  if (status !== null) {
    return new HttpProblem(
      status,
      'unreadable_body',
      'The request body could not be read; check that it matches its Content-Type and Content-Encoding.',
    );
  }
  return new HttpProblem(500, 'internal_error', 'The server failed to handle the request.');
}

// body-parser sets a 4xx `status` on the failures a client causes (a body that is not the gzip
// its Content-Encoding announces, an aborted upload); those are answered with that status.
function clientErrorStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('status' in error)) return null;
  const { status } = error;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}
