/** Base class of every error this package throws; `code` is stable across releases. */
export class AttributionError extends Error {
  override readonly name: string = 'AttributionError';
  readonly code: string = 'attribution_error';
}

/** An argument failed validation; `field` names it (the value is in the message, never a secret). */
export class AttributionInputError extends AttributionError {
  override readonly name = 'AttributionInputError';
  override readonly code = 'invalid_input';
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** The patient id does not exist in that tenant (or belongs to another tenant). */
export class PatientNotFoundError extends AttributionError {
  override readonly name = 'PatientNotFoundError';
  override readonly code = 'patient_not_found';
  readonly tenantId: string;
  readonly patientId: string;

  constructor(tenantId: string, patientId: string) {
    super(
      `Patient ${patientId} does not exist in tenant ${tenantId}. Create the patient row before ` +
        'applying a first touch.',
    );
    this.tenantId = tenantId;
    this.patientId = patientId;
  }
}

/** The host database lacks a table or column attribution needs (e.g. `patients.name`). */
export class HostSchemaError extends AttributionError {
  override readonly name = 'HostSchemaError';
  override readonly code = 'host_schema';
  /** Every missing host column as `table.column`, e.g. `['patients.name']`; empty when unknown. */
  readonly missingColumns: readonly string[];

  constructor(message: string, missingColumns: readonly string[] = []) {
    super(message);
    this.missingColumns = missingColumns;
  }
}

/** Works across duplicated ESM/CJS copies of the package, where `instanceof` would not. */
export function isAttributionError(value: unknown): value is AttributionError {
  return (
    value instanceof Error &&
    typeof (value as { code?: unknown }).code === 'string' &&
    [
      'AttributionError',
      'AttributionInputError',
      'PatientNotFoundError',
      'HostSchemaError',
    ].includes(value.name)
  );
}
