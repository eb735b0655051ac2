import { describe, expect, it } from 'vitest';
import { createMemoryAttributionStore } from './memory/index.js';
import { getPatientContext, phoneVariants } from './patient-context.js';

describe('phoneVariants', () => {
  it('gives the + form first and the bare digits second, whatever the input spelling', () => {
    for (const phone of [
      '+5491155500142',
      '5491155500142',
      'whatsapp:+5491155500142',
      '+54 9 11 5550-0142',
    ]) {
      expect(phoneVariants(phone)).toEqual(['+5491155500142', '5491155500142']);
    }
  });

  it('rejects something that is not a phone without echoing it', () => {
    expect(() => phoneVariants('call me maybe')).toThrow(
      'phone must be an international number of 6 to 15 digits (optionally with a leading +) or a WhatsApp business-scoped user id such as AR.9051728364019283746.',
    );
  });

  it('matches a business-scoped user id exactly', () => {
    expect(phoneVariants('AR.9051728364019283746')).toEqual(['AR.9051728364019283746']);
    expect(phoneVariants('US.ENT.1181000000000000001')).toEqual(['US.ENT.1181000000000000001']);
  });
});

describe('getPatientContext', () => {
  it('finds a patient stored without the + by the E.164 spelling', async () => {
    const store = createMemoryAttributionStore();
    const patientId = store.addPatient({
      tenantId: 'brightwave',
      phone: '13055550123',
      name: 'Jessica',
    });
    const context = await getPatientContext(store, {
      tenantId: 'brightwave',
      phone: '+13055550123',
    });
    expect(context).toMatchObject({
      patientId,
      name: 'Jessica',
      ad: null,
      acquisitionSource: null,
    });
  });

  it('returns null for a phone of another tenant', async () => {
    const store = createMemoryAttributionStore();
    store.addPatient({ tenantId: 'brightwave', phone: '+13055550123' });
    expect(
      await getPatientContext(store, { tenantId: 'arrayan', phone: '+13055550123' }),
    ).toBeNull();
  });
});
