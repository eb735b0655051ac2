import { arrayan, sorrisoMoema } from '../host/schema.js';
import {
  type ChatMessage,
  chatMessageFromFlat,
  chatMessageFromYCloud,
  chatMessagesFromCloudApi,
} from './fixture-messages.js';

/** One step of the demo: messages from one fixture, sent to one tenant. */
export interface ScenarioStep {
  tenantId: string;
  label: string;
  messages: ChatMessage[];
}

/**
 * The demo conversation, read from the fixtures folder: two Arrayán leads (a Cloud API image ad
 * with a follow-up message, and a flat seed-shaped referral) and two Sorriso Moema leads (a
 * YCloud aligners ad, and a lead on the very ad id of Arrayán's first lead).
 */
export async function loadDemoScenario(fixturesDir: URL): Promise<ScenarioStep[]> {
  const at = (path: string) => new URL(path, fixturesDir);
  return [
    {
      tenantId: arrayan.id,
      label: 'Cloud API webhook, image ad',
      messages: await chatMessagesFromCloudApi(at('webhooks/cloud-api/text-from-image-ad.json')),
    },
    {
      tenantId: arrayan.id,
      label: 'Cloud API webhook, follow-up, no referral',
      messages: await chatMessagesFromCloudApi(at('webhooks/cloud-api/no-referral.json')),
    },
    {
      tenantId: arrayan.id,
      label: 'flat seed shape, ortodoncia ad',
      messages: [await chatMessageFromFlat(at('flat/ortodoncia-lead.json'))],
    },
    {
      tenantId: sorrisoMoema.id,
      label: 'YCloud event, aligners ad',
      messages: [await chatMessageFromYCloud(at('webhooks/ycloud/inbound-with-referral.json'))],
    },
    {
      tenantId: sorrisoMoema.id,
      label: "flat seed shape, Arrayán's implants ad id",
      messages: [await chatMessageFromFlat(at('flat/implantes-lead-other-tenant.json'))],
    },
  ];
}
