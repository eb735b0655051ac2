// Made-up credentials shaped like the real ones; none of them is valid anywhere.

export const META_TOKEN = `EAABFAKEZx9Qw3RtLm8Np2Vb${'Zx9Qw3RtLm8Np2Vb'.repeat(8)}ZDZD`;
export const META_TOKEN_2 = `EAAGFAKEKp4Ws7Yh2Jd9Fg6T${'Kp4Ws7Yh2Jd9Fg6T'.repeat(7)}ZD`;
export const APP_SECRET = 'fakeappsecret0123456789abcdef';
export const OPAQUE = 'fake.Opaque_Token-9f8e7d6c5b4a3f2e1d0c~abc/def+ghi==';
export const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlLXVzZXItNDIiLCJpYXQiOjE3MDAwMDAwMDB9.FAKEsigFAKEsig0123456789abcdefFAKEsig01234';
export const FERNET = 'FAKEfernetKEYdoNotUse0123456789abcdefghijkA=';
