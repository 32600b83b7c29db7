import { describe, expect, it } from 'vitest';
import { normalizeRequestBody, requestKey } from './normalize-request.ts';

const BODY = {
  model: 'm',
  messages: [{ role: 'user', content: '上海的报销比例？' }],
  tools: [{ type: 'function', function: { name: 'lookup_policy' } }],
  stream: true,
};

function keyOf(body: object): string {
  return requestKey({ method: 'post', body: normalizeRequestBody(JSON.stringify(body)) });
}

describe('requestKey of a normalized body', () => {
  it('is the same whatever the order of the fields', () => {
    const reordered = { stream: true, tools: BODY.tools, messages: BODY.messages, model: 'm' };

    expect(keyOf(reordered)).toBe(keyOf(BODY));
  });

  it('ignores volatile fields such as user and metadata', () => {
    expect(keyOf({ ...BODY, user: 'u-1', metadata: { run: 7 } })).toBe(keyOf(BODY));
  });

  it('changes when a message, the model, the tools or streaming change', () => {
    const changed = [
      { ...BODY, messages: [{ role: 'user', content: '北京的报销比例？' }] },
      { ...BODY, model: 'other' },
      { ...BODY, tools: [] },
      { ...BODY, stream: false },
    ];

    expect(new Set(changed.map(keyOf)).size).toBe(4);
    for (const body of changed) expect(keyOf(body)).not.toBe(keyOf(BODY));
  });

  it('masks confirmation tokens, which carry a random nonce', () => {
    const withToken = (token: string) => ({
      ...BODY,
      messages: [{ role: 'tool', content: `{"confirmationToken":"${token}"}` }],
    });

    const first = withToken('v1.eyJ0b29sIjoibG9nX2FjdGl2aXR5In0.c2lnbmF0dXJlLW9uZS1sb25n');
    const second = withToken('v1.eyJ0b29sIjoibG9nX2FjdGl2aXR5IiwibiI6Mn0.c2lnbmF0dXJlLXR3by1sb25n');
    expect(keyOf(first)).toBe(keyOf(second));
  });
});

describe('normalizeRequestBody', () => {
  it('redacts credential fields at any depth', () => {
    const body = normalizeRequestBody(JSON.stringify({ model: 'm', extra: { api_key: 'sk-1' } }));

    expect(body).toEqual({ model: 'm', extra: { api_key: '[redacted]' } });
  });

  it('keeps a body that is not JSON as text', () => {
    expect(normalizeRequestBody('plain text')).toBe('plain text');
    expect(normalizeRequestBody('')).toBeNull();
  });
});

describe('requestKey of requests quoting random ids', () => {
  it('matches tool outputs that differ only in the ids the seed drew', () => {
    const toolOutput = (id: string) => ({
      ...BODY,
      messages: [{ role: 'tool', content: `{"documentId":"${id}","snippet":"70%"}` }],
    });

    const first = keyOf(toolOutput('f7a7272e-1ff3-4ad4-ad0b-b95e561e944c'));
    const second = keyOf(toolOutput('36af0e69-ee44-4635-b7f5-5aaacc3c683a'));
    expect(first).toBe(second);
  });
});
