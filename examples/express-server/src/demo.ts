import { createGraphDispatcher, graphHandlers } from '@ctwa/meta-ads-client/testing';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { demoAds } from './demo/ads.js';
import { type ChatReply, type StatsReply, serverClient } from './demo/http-client.js';
import { loadDemoScenario } from './demo/scenario.js';
import { renderStats } from './demo/table.js';
import { bookAppointment } from './host/patients.js';
import { arrayan as tenantA, sorrisoMoema as tenantB } from './host/schema.js';
import { adminSecretKey, signAdminToken } from './http/admin-auth.js';
import { createLogger } from './logger.js';
import { maskPhone, normalizePhone } from './phone.js';
import { openRuntime, type Runtime } from './runtime.js';
import { listen } from './server.js';

// Resolved from the entry file, which sits one level below the workspace in src/ and in dist/.
const fixturesDir = new URL('../fixtures/', import.meta.url);

// The Graph base URL points at a closed loopback port: the in-process dispatcher answers every
// call, and if it ever did not, the request would fail locally instead of reaching Meta.
const graphBaseUrl = 'http://127.0.0.1:9';
const apiVersion = 'v26.0';

async function runDemo(): Promise<boolean> {
  const runtime = await openDemoRuntime();
  const running = await listen(createApp(runtime.deps), 0, '127.0.0.1');
  try {
    print(`ctwa-kit demo: two clinics, Graph served in-process, server at ${running.url}\n\n`);
    const client = serverClient(running.url);
    const tokens = await adminTokens(runtime);

    const leads = await sendScenario(client, runtime.deps.internalApiToken);
    await bookFirstLeadAppointment(runtime, leads);
    await waitForEnrichment(runtime);

    const statsA = await client.marketingStats(tokens.a);
    const statsB = await client.marketingStats(tokens.b);
    print(`\nMarketing stats for ${tenantA.name} (GET /admin/marketing/stats, role ceo)\n`);
    print(`${renderStats(statsA)}\n`);
    print(`\nMarketing stats for ${tenantB.name}, for comparison\n`);
    print(`${renderStats(statsB)}\n`);

    return await showIsolation(client, tokens.a, leads, statsA);
  } finally {
    await running.close();
    await runtime.close();
  }
}

async function openDemoRuntime(): Promise<Runtime> {
  const config = loadConfig({
    NODE_ENV: 'development',
    PGLITE_DATA_DIR: 'memory://',
    META_ADS_TOKEN: 'demo-token',
    META_GRAPH_BASE_URL: graphBaseUrl,
    META_GRAPH_API_VERSION: apiVersion,
    LOG_LEVEL: 'error',
  });
  const dispatcher = createGraphDispatcher(
    graphHandlers({ ads: demoAds, baseUrl: graphBaseUrl, apiVersion }),
  );
  return openRuntime(config, createLogger(config.logLevel), { metaDispatcher: dispatcher });
}

async function adminTokens(runtime: Runtime): Promise<{ a: string; b: string }> {
  const key = adminSecretKey(runtime.deps.adminJwtSecret);
  return {
    a: await signAdminToken(key, { tenantId: tenantA.id, role: 'ceo' }),
    b: await signAdminToken(key, { tenantId: tenantB.id, role: 'ceo' }),
  };
}

interface SentMessage {
  tenantId: string;
  phone: string;
  reply: ChatReply;
}

async function sendScenario(
  client: ReturnType<typeof serverClient>,
  chatToken: string,
): Promise<SentMessage[]> {
  print('POST /chat\n');
  const sent: SentMessage[] = [];
  for (const step of await loadDemoScenario(fixturesDir)) {
    for (const message of step.messages) {
      const reply = await client.postChat(chatToken, { tenant_id: step.tenantId, ...message });
      const phone = normalizePhone(message.phone) ?? message.phone;
      sent.push({ tenantId: step.tenantId, phone, reply });
      const adNote = reply.ad_touch ? ` (ad ${reply.attribution?.ad_id ?? '-'})` : '';
      print(
        `  ${step.tenantId.padEnd(14)} ${step.label.padEnd(42)} ${maskPhone(phone)}  ` +
          `${reply.first_touch}${adNote}\n`,
      );
    }
  }
  return sent;
}

async function bookFirstLeadAppointment(runtime: Runtime, sent: SentMessage[]): Promise<void> {
  const lead = sent.find((entry) => entry.tenantId === tenantA.id && entry.reply.ad_touch);
  if (lead === undefined) throw new Error('The scenario produced no lead for the first clinic.');

  const at = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
  await bookAppointment(runtime.database.db, {
    tenantId: lead.tenantId,
    patientId: lead.reply.patient_id,
    at,
  });
  print(`\nBooked an appointment for ${maskPhone(lead.phone)} at ${tenantA.name}.\n`);
}

// The chat answer goes out before enrichment starts, so wait for the queue to finish the work
// it was handed; a sweep picks up anything still pending.
async function waitForEnrichment(runtime: Runtime): Promise<void> {
  const queue = runtime.enrichmentQueue;
  if (queue === null) throw new Error('The demo runs with enrichment on.');
  await queue.drain();
  await queue.sweep();
  await queue.drain();
  print('Enrichment finished: campaign, ad set and ad names read from Graph (in-process).\n');
}

async function showIsolation(
  client: ReturnType<typeof serverClient>,
  tokenA: string,
  sent: SentMessage[],
  statsA: StatsReply,
): Promise<boolean> {
  const attributed = sent.filter((entry) => entry.reply.first_touch === 'attributed');
  const leadsOfA = attributed.filter((entry) => entry.tenantId === tenantA.id);
  const leadsOfB = attributed.filter((entry) => entry.tenantId === tenantB.id);
  print(`\nTenant isolation (${tenantA.name}'s admin token)\n`);
  let isolated = statsA.summary.leads === leadsOfA.length;
  print(
    `  ${tenantA.name}'s report counts ${statsA.summary.leads} leads; it has ` +
      `${leadsOfA.length} of its own and ${tenantB.name} has ${leadsOfB.length}.\n`,
  );
  for (const lead of leadsOfB) {
    const path = `/admin/patients/phone/${encodeURIComponent(lead.phone)}/context`;
    const { status } = await client.call(path, tokenA);
    const absent = status === 404;
    isolated &&= absent;
    print(
      `  ${tenantB.name} lead ${maskPhone(lead.phone)} (ad ${lead.reply.attribution?.ad_id ?? '-'}): ` +
        `${absent ? 'absent (404)' : `VISIBLE (${status})`}\n`,
    );
  }
  return isolated;
}

function print(text: string): void {
  process.stdout.write(text);
}

runDemo().then(
  (isolated) => {
    if (!isolated) process.stderr.write("\nA tenant could see another tenant's lead.\n");
    process.exitCode = isolated ? 0 : 1;
  },
  (error: unknown) => {
    process.stderr.write(
      `Demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
