import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { ConfigurationError } from './errors.ts';

function configurationError(environment: Record<string, string>): ConfigurationError {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loadConfig', () => {
  it('uses the embedded database, port 3000 and the offline model by default', () => {
    const config = loadConfig({});

    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toMatch(/\.data$/);
    expect(config.http.port).toBe(3000);
    expect(config.model.apiKey).toBeUndefined();
    expect(config.demoSeed).toBe(true);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ' }).database.url).toBeUndefined();
  });

  it('accepts postgres:// and postgresql:// URLs', () => {
    const url = 'postgresql://user:secret@db.internal:5432/dealwise';

    expect(loadConfig({ DATABASE_URL: url }).database.url).toBe(url);
  });

  it('names DATABASE_URL and the fix when it is not a postgres URL', () => {
    const error = configurationError({ DATABASE_URL: 'mysql://localhost/dealwise' });

    expect(error.code).toBe('invalid_environment');
    expect(error.message).toContain(
      'DATABASE_URL is not a postgres:// URL; unset it to use the embedded database',
    );
  });

  it('lists every wrong variable at once', () => {
    const error = configurationError({ PORT: 'eighty', LOG_LEVEL: 'loud', DEMO_SEED: 'maybe' });

    expect(error.message).toContain('PORT must be a number');
    expect(error.message).toContain('LOG_LEVEL must be one of fatal, error');
    expect(error.message).toContain('DEMO_SEED must be true or false');
  });

  it('rejects a port outside 0 to 65535', () => {
    expect(configurationError({ PORT: '70000' }).message).toContain(
      'PORT must be between 0 and 65535',
    );
  });

  it('rejects an OPENAI_BASE_URL that is not a URL', () => {
    expect(configurationError({ OPENAI_BASE_URL: 'api.example' }).message).toContain(
      'OPENAI_BASE_URL is not a URL',
    );
  });

  it('reads DEMO_SEED=false', () => {
    expect(loadConfig({ DEMO_SEED: 'false' }).demoSeed).toBe(false);
  });
});

describe('model configuration', () => {
  it('allows 30 s per attempt, 2 retries and no fallback model by default', () => {
    const model = loadConfig({}).model;

    expect(model.timeoutMs).toBe(30_000);
    expect(model.maxRetries).toBe(2);
    expect(model.fallbackName).toBeUndefined();
  });

  it('reads the fallback model, the timeout in seconds and the retries', () => {
    const model = loadConfig({
      DEALWISE_FALLBACK_MODEL: 'deepseek-chat',
      MODEL_TIMEOUT_SECONDS: '2.5',
      MODEL_MAX_RETRIES: '0',
    }).model;

    expect(model).toMatchObject({ fallbackName: 'deepseek-chat', timeoutMs: 2_500, maxRetries: 0 });
  });

  it('names MODEL_TIMEOUT_SECONDS and MODEL_MAX_RETRIES when they are out of range', () => {
    const error = configurationError({ MODEL_TIMEOUT_SECONDS: '0', MODEL_MAX_RETRIES: '1.5' });

    expect(error.message).toContain('MODEL_TIMEOUT_SECONDS must be above 0');
    expect(error.message).toContain('MODEL_MAX_RETRIES must be a whole number');
  });
});

describe('embeddings configuration', () => {
  it('uses the offline embedder by default', () => {
    expect(loadConfig({}).embeddings).toEqual({ provider: 'offline' });
  });

  it('falls back to the chat endpoint key and URL for an OpenAI-compatible embedder', () => {
    const config = loadConfig({
      EMBEDDINGS_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'https://llm.example/v1',
    });

    expect(config.embeddings).toEqual({
      provider: 'openai',
      apiKey: 'sk-test',
      baseUrl: 'https://llm.example/v1',
      model: 'text-embedding-3-small',
    });
  });

  it('names EMBEDDINGS_API_KEY when the openai embedder has no key', () => {
    expect(configurationError({ EMBEDDINGS_PROVIDER: 'openai' }).message).toContain(
      'EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_API_KEY',
    );
  });
});
