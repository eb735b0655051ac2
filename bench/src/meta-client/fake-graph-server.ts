import { createServer } from 'node:http';

// One ad answer, the same body for every contender; run in its own process so the server's work
// does not share the event loop with the clients being measured.
const AD_BODY = JSON.stringify({
  id: '120214583920175512',
  name: 'AR | Implantes | Img 1:1 | Dic',
  effective_status: 'ACTIVE',
  campaign: { id: '120214583920175501', name: 'Implantes dentales - Mensajes WhatsApp - CABA' },
  adset: { id: '120214583920175508', name: 'CABA 35-65 | Salud bucal' },
});
const HEADERS = {
  'content-type': 'application/json; charset=UTF-8',
  'content-length': String(Buffer.byteLength(AD_BODY)),
};

// Graph's usage counters move with every call, so no two consecutive answers carry the same
// usage header: a client cannot skip parsing by recognising a repeated header.
let answered = 0;
function usageHeader(): string {
  answered += 1;
  const callCount = answered % 100;
  const cpu = Math.floor(answered / 7) % 100;
  return `{"873920156473829":[{"type":"ads_management","call_count":${callCount},"total_cputime":${cpu},"total_time":${cpu},"estimated_time_to_regain_access":0,"ads_api_access_tier":"standard_access"}]}`;
}

const server = createServer((_request, response) => {
  response.writeHead(200, { ...HEADERS, 'x-business-use-case-usage': usageHeader() });
  response.end(AD_BODY);
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ port });
});

process.on('disconnect', () => server.close(() => process.exit(0)));
