import { describe, expect, it } from 'vitest';
import { loggablePath } from './request-logging.js';

describe('loggablePath', () => {
  it('masks the phone of a patient context path', () => {
    expect(loggablePath('/admin/patients/phone/%2B5491155500142/context')).toBe(
      '/admin/patients/phone/+54*********42/context',
    );
  });

  it('masks a phone segment whose percent escape is malformed', () => {
    expect(loggablePath('/admin/patients/phone/%ZZ5491155500142/context')).toBe(
      '/admin/patients/phone/+54*********42/context',
    );
  });

  it('drops the query string', () => {
    expect(loggablePath('/admin/marketing/stats?from=2026-12-01')).toBe('/admin/marketing/stats');
  });

  it('leaves other paths as they are', () => {
    expect(loggablePath('/chat')).toBe('/chat');
  });
});
