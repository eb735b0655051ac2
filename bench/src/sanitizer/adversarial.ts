// 1 MB inputs built to make a backtracking regex engine do as much work as possible: long runs
// of the characters a pattern accepts, repeated prefixes with the final part missing, and
// near-complete matches every few bytes.

const SIZE = 1_000_000;

function repeatTo(unit: string, size = SIZE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

export const adversarialInputs: ReadonlyArray<readonly [name: string, text: string]> = [
  ['letters only', repeatTo('a')],
  ['EAA run without a boundary', `EAAB${repeatTo('x', SIZE - 4)}`],
  ['repeated EAA prefixes', repeatTo('EAA')],
  ['percent-encoded EAA prefixes', repeatTo('%3DEAA')],
  ['repeated key words without separators', repeatTo('access_token_')],
  ['repeated key=value pairs', repeatTo('token=a&')],
  ['key then a 1 MB value', `token=${repeatTo('b', SIZE - 6)}`],
  ['JWT-like dotted segments', repeatTo('eyJabcdefgh.')],
  ['bearer words', repeatTo('bearer ')],
  ['URL userinfo without @', repeatTo('://user:pass')],
  ['app-id digits and pipes', repeatTo('1234567890123|')],
  ['digits only', repeatTo('9')],
  ['plus-digit runs', repeatTo('+1 ')],
  ['e-mail local parts without a domain', repeatTo('a.b@')],
  ['e-mail with endless subdomains', `x@${repeatTo('a.', SIZE - 2)}`],
  ['PEM headers without a body', repeatTo('-----BEGIN PRIVATE KEY-----')],
  ['escaped JSON quotes', repeatTo('\\"token\\":\\"')],
  ['separators only', repeatTo(':=')],
  ['phone numbers back to back', repeatTo('+12025550143 ')],
  ['e-mails back to back', repeatTo('ana@example.com ')],
  ['Meta tokens back to back', repeatTo(`EAAB${'Zx9Qw3RtLm8Np2Vb'.repeat(7)} `)],
  ['JWTs back to back', repeatTo('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl ')],
];
