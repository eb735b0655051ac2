import { describe, expect, it } from 'vitest';
import { redactingOutput, redactSecrets, secretValuesFrom } from './redact.js';

describe('secretValuesFrom', () => {
  it('collects the token and app secret, raw and percent-encoded, longest first', () => {
    const secrets = secretValuesFrom({
      META_ADS_TOKEN: 'EAAGtest+token/value==',
      META_APP_SECRET: '0123456789abcdef',
      META_APP_ID: '1029384756102938',
    });
    expect(secrets).toEqual([
      'EAAGtest%2Btoken%2Fvalue%3D%3D',
      'EAAGtest+token/value==',
      '0123456789abcdef',
    ]);
  });

  it('skips unset and very short values', () => {
    expect(secretValuesFrom({ META_ADS_TOKEN: 'abc' })).toEqual([]);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence', () => {
    expect(redactSecrets('a EAAGsecret1 b EAAGsecret1', ['EAAGsecret1'])).toBe(
      'a [redacted] b [redacted]',
    );
  });
});

describe('redactingOutput', () => {
  it('redacts what it writes and keeps isTTY', () => {
    const chunks: string[] = [];
    const output = redactingOutput({ write: (chunk: string) => chunks.push(chunk), isTTY: true }, [
      'EAAGsecret1',
    ]);
    output.write('token=EAAGsecret1\n');
    expect(chunks).toEqual(['token=[redacted]\n']);
    expect(output.isTTY).toBe(true);
  });
});
