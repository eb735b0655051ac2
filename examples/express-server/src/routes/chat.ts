import {
  type AdReferral,
  type AttributionStore,
  applyFirstTouch,
  type EnrichmentQueue,
  type FirstTouchResult,
  getPatientContext,
  markOrganic,
  normalizeReferral,
  type PatientContext,
} from '@ctwa/attribution-core';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ensurePatient, findTenant, saveChatMessage } from '../host/patients.js';
import type { SqlClient } from '../host/sql.js';
import { requireInternalToken } from '../http/internal-auth.js';
import { HttpProblem, invalidInput } from '../http/problem.js';
import { multiLineText, singleLineText } from '../http/text-fields.js';
import { echoableId } from '../http/untrusted-text.js';
import { maskPhone, type PhoneProblem, phoneProblemMessages, readPhone } from '../phone.js';
import { withoutNulCharacters } from '../referral-input.js';
import { presentAttribution } from './presenters.js';

const chatBody = z.object({
  tenant_id: singleLineText(128),
  phone: singleLineText(64),
  message: multiLineText(20_000),
  referral: z.unknown().optional(),
  message_id: singleLineText(256).nullish(),
});

type ChatBody = z.infer<typeof chatBody>;
type ReferralReading = 'absent' | 'read' | 'unreadable';

/** What POST /chat needs from the application. */
export interface ChatRouteDeps {
  db: SqlClient;
  store: AttributionStore;
  enrichmentQueue: EnrichmentQueue | null;
  internalApiToken: string;
  now: () => Date;
  logger: Logger;
}

/**
 * POST /chat: the orchestrator's per-message call. Saves the message, applies the first touch
 * when the message carries an ad referral, answers with the agent context, and only then
 * queues enrichment, so a slow Graph never delays the chat.
 */
export function chatRouter(deps: ChatRouteDeps): Router {
  const router = Router();
  router.post('/chat', requireInternalToken(deps.internalApiToken), async (req, res) => {
    const body = parseChatBody(req);
    const reading = readPhone(body.phone);
    if (!reading.ok) throw invalidPhone(reading.problem);
    const { phone } = reading;
    if ((await findTenant(deps.db, body.tenant_id)) === null) throw unknownTenant(body.tenant_id);

    const outcome = await handleChatMessage(deps, body, phone);
    const adId = outcome.context?.ad?.adId ?? null;
    if (outcome.firstTouch?.enrichmentPending && adId !== null) {
      queueAfterResponse(res, deps.enrichmentQueue, { ...outcome.patient, adId });
    }
    res.json(presentChatReply(outcome));
  });
  return router;
}

interface ChatOutcome {
  patient: { tenantId: string; patientId: string };
  messageSaved: boolean;
  reading: ReferralReading;
  firstTouch: FirstTouchResult | null;
  context: PatientContext | null;
}

async function handleChatMessage(
  deps: ChatRouteDeps,
  body: ChatBody,
  phone: string,
): Promise<ChatOutcome> {
  const tenantId = body.tenant_id;
  const messageId = body.message_id ?? null;
  const receivedAt = deps.now();
  const patientId = await ensurePatient(deps.db, { tenantId, phone });
  const patient = { tenantId, patientId };
  const messageSaved = await saveChatMessage(deps.db, {
    ...patient,
    providerMessageId: messageId,
    body: body.message,
    receivedAt,
  });

  const { referral, reading } = readReferral(body, deps.logger, tenantId);
  const firstTouch = referral
    ? await applyFirstTouch(deps.store, { ...patient, referral, messageId, receivedAt })
    : null;
  if (!isAdTouch(firstTouch)) await markOrganic(deps.store, patient);

  const context = await getPatientContext(deps.store, { tenantId, phone });
  deps.logger.debug(
    { ...patient, phone: maskPhone(phone), referral: reading, firstTouch: firstTouch?.outcome },
    'chat message handled',
  );
  return { patient, messageSaved, reading, firstTouch, context };
}

function presentChatReply(outcome: ChatOutcome) {
  return {
    patient_id: outcome.patient.patientId,
    message_saved: outcome.messageSaved,
    referral: outcome.reading,
    ad_touch: isAdTouch(outcome.firstTouch),
    first_touch: outcome.firstTouch?.outcome ?? 'none',
    enrichment_pending: outcome.firstTouch?.enrichmentPending ?? false,
    attribution: outcome.context ? presentAttribution(outcome.context) : null,
  };
}

// Only applyFirstTouch knows what an ad touch is: one whose ad id was lost still attributes,
// so a touch counts as an ad unless it answered 'not_an_ad'.
function isAdTouch(firstTouch: FirstTouchResult | null): boolean {
  return firstTouch !== null && firstTouch.outcome !== 'not_an_ad';
}

function parseChatBody(req: Request): ChatBody {
  const parsed = chatBody.safeParse(req.body ?? {});
  if (!parsed.success) throw invalidInput('body', parsed.error);
  return parsed.data;
}

function invalidPhone(problem: PhoneProblem): HttpProblem {
  const message = phoneProblemMessages[problem];
  return new HttpProblem(400, 'invalid_body', `Invalid request body. phone: ${message}`, {
    errors: [{ field: 'phone', message }],
  });
}

function unknownTenant(tenantId: string): HttpProblem {
  const shown = echoableId(tenantId);
  const detail = shown
    ? `tenant_id: no tenant "${shown}" exists.`
    : 'tenant_id: no tenant with the given id exists.';
  return new HttpProblem(404, 'unknown_tenant', detail);
}

// A referral that cannot be read never costs the message: it is reported and logged (without
// its content), and the chat goes on as if none had been sent. NUL characters are stripped first
// because the store could not write them, and the attribution would be lost on every retry.
function readReferral(
  body: ChatBody,
  logger: Logger,
  tenantId: string,
): { referral: AdReferral | null; reading: ReferralReading } {
  if (body.referral === undefined || body.referral === null) {
    return { referral: null, reading: 'absent' };
  }
  const referral = normalizeReferral(withoutNulCharacters(body.referral));
  if (referral === null) {
    logger.warn({ tenantId }, 'referral could not be read; message kept without attribution');
    return { referral: null, reading: 'unreadable' };
  }
  return { referral, reading: 'read' };
}

function queueAfterResponse(
  res: Response,
  queue: EnrichmentQueue | null,
  job: { tenantId: string; patientId: string; adId: string },
): void {
  if (queue === null) return;
  res.once('finish', () => queue.enqueue(job));
}
