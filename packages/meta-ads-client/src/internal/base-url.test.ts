import { describe, expect, it } from 'vitest';
import { MetaConfigError } from '../errors.js';
import { parseBaseUrl } from './base-url.js';

const shown = (value: unknown) => `got "${String(value)}"`;

function errorOf(value: string): MetaConfigError {
  try {
    parseBaseUrl(value, 'baseUrl', shown);
  } catch (error) {
    if (error instanceof MetaConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${value} to be refused`);
}

describe('parseBaseUrl', () => {
  it.each([
    ['https://graph.facebook.com', 'https://graph.facebook.com', ''],
    ['https://proxy.example.net/graph/', 'https://proxy.example.net', '/graph'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010', ''],
    ['http://127.8.9.10/x', 'http://127.8.9.10', '/x'],
    ['http://localhost:9', 'http://localhost:9', ''],
    ['http://[::1]:9', 'http://[::1]:9', ''],
  ])('accepts %s', (value, origin, basePath) => {
    expect(parseBaseUrl(value, 'baseUrl', shown)).toEqual({ origin, basePath });
  });

  it.each(['http://graph.facebook.com', 'http://10.0.0.5:8080', 'http://proxy.example.net'])(
    'refuses plain http to a host that is not loopback: %s',
    (value) => {
      const error = errorOf(value);

      expect(error.setting).toBe('baseUrl');
      expect(error.message).toBe(
        `baseUrl must use https://, so the access token is never sent in clear text (plain http:// is accepted only for loopback hosts such as 127.0.0.1 in tests); got "${value}".`,
      );
    },
  );

  it.each([
    'http://169.254.169.254',
    'https://169.254.170.2/v2',
    'http://2852039166',
    'http://[fd00:ec2::254]',
    'https://[fe80::1]',
    'http://metadata.google.internal',
    'https://metadata.google.internal./computeMetadata',
  ])('refuses a link-local or cloud metadata address: %s', (value) => {
    expect(errorOf(value).message).toBe(
      `baseUrl points at a link-local or cloud metadata address, where the access token must never be sent; got "${value}".`,
    );
  });
});
