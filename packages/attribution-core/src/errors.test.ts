import { describe, expect, it } from 'vitest';
import {
  AttributionError,
  AttributionInputError,
  HostSchemaError,
  isAttributionError,
  PatientNotFoundError,
} from './errors.js';

describe('attribution errors', () => {
  it('sets name and a stable code on every class', () => {
    expect(new AttributionInputError('tenantId', 'bad')).toMatchObject({
      name: 'AttributionInputError',
      code: 'invalid_input',
      field: 'tenantId',
    });
    expect(new PatientNotFoundError('arrayan', '42')).toMatchObject({
      name: 'PatientNotFoundError',
      code: 'patient_not_found',
      message:
        'Patient 42 does not exist in tenant arrayan. Create the patient row before applying a first touch.',
    });
    expect(new HostSchemaError('x')).toMatchObject({
      name: 'HostSchemaError',
      code: 'host_schema',
    });
    expect(new AttributionError('x')).toMatchObject({
      name: 'AttributionError',
      code: 'attribution_error',
    });
  });

  it('recognises errors by name and code, also from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'PatientNotFoundError',
      code: 'patient_not_found',
    });
    expect(isAttributionError(foreign)).toBe(true);
    expect(isAttributionError(new HostSchemaError('x'))).toBe(true);
    expect(isAttributionError(new TypeError('x'))).toBe(false);
    expect(isAttributionError({ name: 'AttributionError', code: 'x' })).toBe(false);
  });
});
