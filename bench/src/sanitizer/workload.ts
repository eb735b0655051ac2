// The objects and lines every configuration logs. Every token here is made up.

const OPAQUE_TOKEN = 'itk.n6B48MOdtMDdJCZ68sYhiYBr/VuJXK8SVUw+ek0PUcr2~Aczplr==';
const META_TOKEN = `EAAB${'Zx9Qw3RtLm8Np2Vb'.repeat(9)}ZD`;

/** One request-log record as an HTTP logger writes it after its serializers ran. */
export function requestLogRecord(sequence: number): Record<string, unknown> {
  return {
    req: {
      id: `req-${sequence}`,
      method: 'POST',
      url: '/chat?tenant=arrayan-palermo&channel=whatsapp',
      query: { tenant: 'arrayan-palermo', channel: 'whatsapp' },
      headers: {
        host: '127.0.0.1:3000',
        'user-agent': 'ctwa-orchestrator/2.4.1 (+node 20.20.2)',
        accept: 'application/json',
        'content-type': 'application/json',
        'content-length': '1184',
        'x-request-id': '7d0c5e0a-3f7b-4c1d-9a8e-5b2f6c1d0e9a',
        'x-forwarded-for': '10.20.30.40',
        authorization: `Bearer ${OPAQUE_TOKEN}`,
        cookie: 'session=s%3Aabc123def456; theme=dark',
      },
      remoteAddress: '10.20.30.40',
      remotePort: 51234,
    },
    res: {
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': '412' },
    },
    tenant: 'arrayan-palermo',
    attribution: {
      outcome: 'attributed',
      adId: '120214583920175512',
      campaignId: '120214583920175501',
      ctwaClid:
        'ARAg1oXRNK6jm0WT3G142Sj_P1bOisNCv5cB_TBj0RbX7yuofD2O_dlhpCMeHW598McjHnglHCQTtwId2W8Ge9zfJi',
    },
    responseTime: 12.4,
  };
}

/** Free-text lines, mostly clean, some with a secret, as `logger.info(line)` receives them. */
export const lineCorpus: readonly string[] = [
  'request completed in 12 ms',
  'enriched ad 120214583920175512 -> campaign 120214583920175501 in 184 ms',
  'duplicate delivery ignored: wamid.HBgNNTQ5MTE1NTUwMDE0MhUCABIYFDExMjkyMDRCOEVFQ0RCMUEyQTJDAA==',
  `GET https://graph.facebook.com/v26.0/120214583920175512?fields=name&access_token=${META_TOKEN}`,
  'Meta token check passed: token expires in 41 days; rotate the token before 2027-01-14.',
  'enrichment queue drained: 42 jobs, 3 batched Graph calls, 0 failures',
  `upstream sent Authorization: Bearer ${OPAQUE_TOKEN}`,
  'tokenize() split the patient message into 37 tokens (max_tokens=512)',
  'cache hit meta:ad:120214583920175512 (ttl 172800 s)',
  'first touch kept for patient 4821 (tenant arrayan-palermo, source ORGANIC)',
];
