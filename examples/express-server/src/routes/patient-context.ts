import { type AttributionStore, getPatientContext } from '@ctwa/attribution-core';
import { Router } from 'express';
import { adminPrincipal, adminSecretKey, requireAdmin } from '../http/admin-auth.js';
import { HttpProblem } from '../http/problem.js';
import { phoneProblemMessages, readPhone } from '../phone.js';
import { presentPatientContext } from './presenters.js';

/** What GET /admin/patients/phone/:phone/context needs. */
export interface PatientContextRouteDeps {
  store: AttributionStore;
  adminJwtSecret: string;
}

/** GET /admin/patients/phone/:phone/context: one patient of the caller's tenant, by phone. */
export function patientContextRouter(deps: PatientContextRouteDeps): Router {
  const router = Router();
  const roles = requireAdmin(adminSecretKey(deps.adminJwtSecret), [
    'ceo',
    'secretary',
    'professional',
  ]);

  router.get('/admin/patients/phone/:phone/context', roles, async (req, res) => {
    const { tenantId } = adminPrincipal(req);
    const rawPhone = req.params.phone;
    const reading = typeof rawPhone === 'string' ? readPhone(rawPhone) : null;
    if (!reading?.ok) {
      const message = phoneProblemMessages[reading?.problem ?? 'invalid'];
      throw new HttpProblem(400, 'invalid_path', `Invalid request path. phone: ${message}`, {
        errors: [{ field: 'phone', message }],
      });
    }
    const { phone } = reading;

    const context = await getPatientContext(deps.store, { tenantId, phone });
    if (context === null) {
      throw new HttpProblem(404, 'patient_not_found', 'No patient with that phone in your clinic.');
    }
    res.json(presentPatientContext(context));
  });
  return router;
}
