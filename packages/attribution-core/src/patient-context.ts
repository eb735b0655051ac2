import { AttributionInputError } from './errors.js';
import { requireId } from './internal/validate.js';
import type { AttributionStore, PatientContext } from './ports.js';

/**
 * Finds a tenant's patient by phone with their attribution: first touch, ad texts, campaign,
 * enrichment state and later ad touches. The phone may be written `+5491155500142`,
 * `5491155500142`, `whatsapp:+549...` or with spaces and dashes; it matches the stored phone with
 * or without the leading `+`.
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

/** The stored spellings a phone may have: E.164 with `+` first, then bare digits. */
export function phoneVariants(phone: string): string[] {
  const withoutChannel = phone.trim().replace(/^whatsapp:/i, '');
  const digits = withoutChannel.replace(/[\s().-]/g, '').replace(/^\+/, '');
  if (!/^\d{6,15}$/.test(digits)) {
    throw new AttributionInputError(
      'phone',
      'phone must be an international number of 6 to 15 digits, optionally with a leading +.',
    );
  }
  return [`+${digits}`, digits];
}
