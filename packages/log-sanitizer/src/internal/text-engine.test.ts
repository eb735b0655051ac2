import { describe, expect, it } from 'vitest';
import { APP_SECRET, FERNET, JWT, META_TOKEN, META_TOKEN_2, OPAQUE } from '../../test/secrets.js';
import { createSanitizer } from '../create-sanitizer.js';

const secrets = createSanitizer();
const withPii = createSanitizer({ pii: true });

describe('sanitizeString: Meta tokens', () => {
  it('hides a token followed by & in a Graph URL and keeps the rest of the query', () => {
    const line = `GET https://graph.facebook.com/v21.0/me?fields=id,name&access_token=${META_TOKEN}&limit=25`;
    expect(secrets.sanitizeString(line)).toBe(
      'GET https://graph.facebook.com/v21.0/me?fields=id,name&access_token=[REDACTED]&limit=25',
    );
  });

  it('hides a token right after a percent-encoded = and keeps the encoded tail', () => {
    const line = `redirect=https%3A%2F%2Fapp.example%2Fcb%3Faccess_token%3D${META_TOKEN_2}%26state%3Dxyz`;
    expect(secrets.sanitizeString(line)).toBe(
      'redirect=https%3A%2F%2Fapp.example%2Fcb%3Faccess_token%3D[REDACTED]%26state%3Dxyz',
    );
  });

  it('hides a token in a URL fragment', () => {
    const line = `https://app.example/cb#access_token=${META_TOKEN}&token_type=bearer&expires_in=5183944`;
    expect(secrets.sanitizeString(line)).toBe(
      'https://app.example/cb#access_token=[REDACTED]&token_type=bearer&expires_in=5183944',
    );
  });

  it('hides a bare token after a %3D escape with no key before it', () => {
    expect(secrets.sanitizeString(`next%3D${META_TOKEN}%26x`)).toBe('next%3D[REDACTED]%26x');
  });

  it('keeps an EAA run that starts inside a longer word', () => {
    const word = `xEAAB${'a'.repeat(120)}`;
    expect(secrets.sanitizeString(word)).toBe(word);
  });

  it('hides app access tokens written with a raw bar and with %7C', () => {
    expect(
      secrets.sanitizeString(`GET /v21.0/app?access_token=123456789012345%7C${APP_SECRET}`),
    ).toBe('GET /v21.0/app?access_token=[REDACTED]');
    expect(secrets.sanitizeString(`app token 123456789012345|${APP_SECRET} loaded`)).toBe(
      'app token 123456789012345|[REDACTED] loaded',
    );
  });
});

describe('sanitizeString: Bearer credentials', () => {
  it.each([
    ['Authorization: Bearer secret-123', 'Authorization: Bearer [REDACTED]'],
    ['Authorization: Bearer abc', 'Authorization: Bearer [REDACTED]'],
    ['authorization=Bearer%20abc&x=1', 'authorization=Bearer%20[REDACTED]&x=1'],
    ['proxy-authorization: BEARER Zz', 'proxy-authorization: BEARER [REDACTED]'],
    ['{"msg":"Authorization: bearer abc"}', '{"msg":"Authorization: bearer [REDACTED]"}'],
  ])('hides any credential after an Authorization header: %s', (line, expected) => {
    expect(secrets.sanitizeString(line)).toBe(expected);
  });

  it.each([
    ['Bearer abcdefghijklmnop', 'Bearer [REDACTED]'],
    ['sent bearer ABCDEFGH to the API', 'sent bearer [REDACTED] to the API'],
    ['Bearer ab1', 'Bearer [REDACTED]'],
    ['Bearer x.y', 'Bearer [REDACTED]'],
    ['Bearer ab==', 'Bearer [REDACTED]'],
    ['Bearer a/b~c+d', 'Bearer [REDACTED]'],
    ['Bearer 7', 'Bearer [REDACTED]'],
    ['Bearer abcdefgh.', 'Bearer [REDACTED]'],
    ['Bearer ab.cd', 'Bearer [REDACTED]'],
  ])(
    'hides a standalone credential of 8 or more characters, or with a digit or symbol: %s',
    (line, expected) => {
      expect(secrets.sanitizeString(line)).toBe(expected);
    },
  );

  it.each([
    'the bearer of bad news',
    'Bearer token missing',
    'Bearer abcdefg',
    'Use Bearer tokens.',
    'bearer - the person',
    'Authorization: Bearer',
    'xBearer abcdefghijklmnop',
  ])('keeps prose and short words after Bearer: %s', (line) => {
    expect(secrets.sanitizeString(line)).toBe(line);
  });
});

describe('sanitizeString: Authorization, JWT and keys', () => {
  it('hides the whole Bearer value including / ~ + and =', () => {
    expect(secrets.sanitizeString(`upstream sent Authorization: Bearer ${OPAQUE}`)).toBe(
      'upstream sent Authorization: Bearer [REDACTED]',
    );
  });

  it('matches header names and the scheme in any case', () => {
    expect(secrets.sanitizeString(`aUtHoRiZaTiOn: bearer ${OPAQUE}`)).toBe(
      'aUtHoRiZaTiOn: bearer [REDACTED]',
    );
  });

  it('hides a JWT in a cookie and keeps the next cookie', () => {
    expect(secrets.sanitizeString(`Cookie: session=${JWT}; theme=dark`)).toBe(
      'Cookie: [REDACTED]; theme=dark',
    );
  });

  it('hides a token inside a JSON string nested in a JSON line and keeps it parseable', () => {
    const line = JSON.stringify({
      body: JSON.stringify({ access_token: META_TOKEN, token_type: 'bearer', expires_in: 5183944 }),
    });
    const output = secrets.sanitizeJsonLine(line);

    expect(output).not.toContain(META_TOKEN);
    expect(JSON.parse(JSON.parse(output).body)).toEqual({
      access_token: '[REDACTED]',
      token_type: 'bearer',
      expires_in: 5183944,
    });
  });

  it('hides only the token value among token-like keys', () => {
    const line =
      '{"token":"FAKEopaque0123456789","tokens":42,"max_tokens":1024,"token_type":"bearer","next_page_token":"cursor"}';
    expect(secrets.sanitizeJsonLine(line)).toBe(
      '{"token":"[REDACTED]","tokens":42,"max_tokens":1024,"token_type":"bearer","next_page_token":"cursor"}',
    );
  });

  it('hides a Fernet key with its trailing = and a database password', () => {
    const line = `starting worker fernet_key=${FERNET} db=postgres://app:FAKEpassw0rd@db:5432/app`;
    expect(secrets.sanitizeString(line)).toBe(
      'starting worker fernet_key=[REDACTED] db=postgres://app:[REDACTED]@db:5432/app',
    );
  });

  it('hides a camelCase secret key in util.inspect output', () => {
    expect(
      secrets.sanitizeString(`config loaded { fernetKey: '${FERNET}', region: 'us-east-1' }`),
    ).toBe("config loaded { fernetKey: '[REDACTED]', region: 'us-east-1' }");
  });

  it('hides a whole PEM private key written with escaped newlines', () => {
    const pem = `-----BEGIN PRIVATE KEY-----\\nMIIEvFAKEFAKEFAKE${'A'.repeat(64)}\\n-----END PRIVATE KEY-----`;
    expect(secrets.sanitizeJsonLine(`{"key_pem":"${pem}","kid":"k1"}`)).toBe(
      '{"key_pem":"[REDACTED]","kid":"k1"}',
    );
    expect(secrets.sanitizeString(`pem ${pem} end`)).toBe('pem [REDACTED] end');
  });

  it('keeps the quote after a value in a serialized line (the backslash is not swallowed)', () => {
    const line = '{"msg":"payload","s":"token=abc123FAKEvalue\\"quoted"}';
    const output = secrets.sanitizeJsonLine(line);

    expect(output).toBe('{"msg":"payload","s":"token=[REDACTED]\\"quoted"}');
    expect(JSON.parse(output)).toEqual({ msg: 'payload', s: 'token=[REDACTED]"quoted' });
  });
});

describe('sanitizeJsonLine: values right after a JSON escape', () => {
  it('hides a token that starts a new line of the message', () => {
    const line = JSON.stringify({ msg: `token on the next line:\n${META_TOKEN}\npwd=hunter2` });
    const output = secrets.sanitizeJsonLine(line);

    expect(JSON.parse(output)).toEqual({
      msg: 'token on the next line:\n[REDACTED]\npwd=[REDACTED]',
    });
  });

  it('masks a phone number and an e-mail after a newline and stays valid JSON', () => {
    const line = JSON.stringify({ to: 'x', note: '\n+5491155500142\nlucia@example.com' });
    const output = withPii.sanitizeJsonLine(line);

    expect(JSON.parse(output)).toEqual({ to: 'x', note: '\n+***0142\n***@example.com' });
  });
});

describe('sanitizeJsonLine: numbers under sensitive keys', () => {
  it('hides a number under a secret key as a string, so the line stays valid JSON', () => {
    expect(secrets.sanitizeJsonLine('{"password":12345678,"attempt":2}')).toBe(
      '{"password":"[REDACTED]","attempt":2}',
    );
  });

  it('masks a numeric wa_id in PII mode and keeps true, false and null', () => {
    expect(withPii.sanitizeJsonLine('{"wa_id":5491155500157,"token":null,"ok":true}')).toBe(
      '{"wa_id":"***0157","token":null,"ok":true}',
    );
  });
});

describe('sanitizeJsonLine: quotes never pair across JSON strings', () => {
  it('does not read a single-quoted value through the end of its JSON string', () => {
    const line = '{"k":"token: \'","nested":{"arr":["token: \'",""]}}';
    expect(secrets.sanitizeJsonLine(line)).toBe(line);
  });

  it('does not read a double quote after an unquoted key as the start of a value', () => {
    const line = '{"msg":"token=","next":"plain"}';
    expect(secrets.sanitizeJsonLine(line)).toBe(line);
  });
});

describe('sanitizeString: near misses stay', () => {
  it.each([
    'integrity sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= after=MTAxNTExOTQ1MjAwNzI5NDE=',
    'error: Fernet key must be 32 url-safe base64-encoded bytes.',
    'ad 120210000000000001 updated at 1733328000000 via lodash@4.17.21',
    'note: the bearer of this message; service=api.example.com.internal-cluster-service-name',
    'token: expired; rotate the token before 2027-01-14',
    'Basic information about the clinic',
    'cache_key=meta:ad:120214583920175512 primary_key=42',
  ])('keeps %s', (line) => {
    expect(withPii.sanitizeString(line)).toBe(line);
  });
});

describe('sanitizeString: PII', () => {
  const message =
    '{"from":"12025550143","wa_id":"12025550143","phone_number_id":"106540352242922","text":"write to maria.gonzalez@example.com or call +1 202-555-0143"}';

  it('masks phones and e-mails in PII mode and keeps ids', () => {
    expect(withPii.sanitizeJsonLine(message)).toBe(
      '{"from":"***0143","wa_id":"***0143","phone_number_id":"106540352242922","text":"write to ***@example.com or call +***0143"}',
    );
  });

  it('leaves phones and e-mails alone when PII mode is off', () => {
    expect(secrets.sanitizeJsonLine(message)).toBe(message);
  });

  it('masks a + number right after a percent-encoded colon', () => {
    expect(withPii.sanitizeString('From=whatsapp%3A+5215555013907')).toBe(
      'From=whatsapp%3A+***3907',
    );
  });

  it('masks a percent-encoded whatsapp:+ sender', () => {
    expect(withPii.sanitizeString('From=whatsapp%3A%2B5215555013907&Body=Hola')).toBe(
      'From=whatsapp%3A%2B***3907&Body=Hola',
    );
  });
});
