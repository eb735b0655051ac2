import { AttributionInputError } from './errors.js';
import { requireId } from './internal/validate.js';
import type { AttributionStore, PatientContext } from './ports.js';

/**
 * Finds a tenant's patient by phone with their attribution: first touch, ad texts, campaign,
 * enrichment state and later ad touches. The phone may be written `+5491155500142`,
 * `5491155500142`, `whatsapp:+549...` or with spaces and dashes; it matches the stored phone with
 * or without the leading `+`. A BSUID (`AR.905...`) is matched exactly.
 *
 * @example
 * const context = await getPatientContext(store, { tenantId, phone: '+5491155500142' });
 * if (context?.ad) prompt += `They came from the ad "${context.ad.headline}".`;
 */
export async function getPatientContext(
  store: AttributionStore,
  query: { tenantId: string; phone: string },
): Promise<PatientContext | null> {
  const tenantId = requireId('tenantId', query.tenantId);
  const phones = phoneVariants(requireId('phone', query.phone));
  return store.findPatientContext({ tenantId, phones });
}

/** A business-scoped user id, e.g. `AR.9051728364019283746` or `US.ENT.1181...`. */
const BSUID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9.]{1,140}$/;

/**
 * The stored spellings a phone may have: E.164 with `+` first, then bare digits. A WhatsApp
 * business-scoped user id (BSUID), which hosts store when the user withholds the number, is
 * matched as it is.
 */
export function phoneVariants(phone: string): string[] {
  const trimmed = phone.trim();
  if (BSUID_PATTERN.test(trimmed)) return [trimmed];

  const withoutChannel = trimmed.replace(/^whatsapp:/i, '');
  const digits = withoutChannel.replace(/[\s().-]/g, '').replace(/^\+/, '');
  if (!/^\d{6,15}$/.test(digits)) {
    throw new AttributionInputError(
      'phone',
      'phone must be an international number of 6 to 15 digits (optionally with a leading +) ' +
        'or a WhatsApp business-scoped user id such as AR.9051728364019283746.',
    );
  }
  return [`+${digits}`, digits];
}
