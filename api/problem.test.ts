import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, InputError, RemoteServiceError } from '../lib/errors.ts';
import { toProblem } from './problem.ts';

describe('toProblem', () => {
  it('maps bad input to 400 with its code and details', () => {
    const error = new InputError({
      code: 'message_empty',
      message: 'The message is empty; send some text.',
      details: { field: 'message' },
    });

    expect(toProblem(error, 'r-9')).toEqual({
      status: 400,
      problem: {
        type: 'https://dealwise.dev/problems/message_empty',
        title: 'Bad request',
        status: 400,
        detail: 'The message is empty; send some text.',
        code: 'message_empty',
        requestId: 'r-9',
        field: 'message',
      },
    });
  });

  it('maps authentication failures to 401 and remote failures to 502', () => {
    const unauthenticated = new AuthenticationError({ code: 'missing_api_key', message: 'm' });
    const remote = new RemoteServiceError({ code: 'provider_down', message: 'm' });

    expect(toProblem(unauthenticated).status).toBe(401);
    expect(toProblem(remote).status).toBe(502);
  });

  it("keeps Hono's HTTP status, e.g. a body over the limit", () => {
    const { status, problem } = toProblem(new HTTPException(413, { message: 'Body too large' }));

    expect(status).toBe(413);
    expect(problem.code).toBe('http_413');
  });

  it('hides the details of an unexpected error', () => {
    const { status, problem } = toProblem(new Error('password=hunter2 in a stack'));

    expect(status).toBe(500);
    expect(problem.code).toBe('internal_error');
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });
});
