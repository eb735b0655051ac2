import { describe, expect, it } from 'vitest';
import { renderStats, renderTable } from './table.js';

describe('renderTable', () => {
  it('pads text left-aligned and numbers right-aligned under a rule', () => {
    const table = renderTable(
      ['Name', 'Leads'],
      [
        ['Implantes', '12'],
        ['Ortodoncia invisible', '3'],
      ],
      [1],
    );
    expect(table).toBe(
      [
        'Name                  Leads',
        '--------------------  -----',
        'Implantes                12',
        'Ortodoncia invisible      3',
      ].join('\n'),
    );
  });
});

describe('renderStats', () => {
  it('shows campaign and ad names, counts, conversion as a percent, and a total row', () => {
    const table = renderStats({
      tenant_id: 'arrayan',
      time_zone: 'America/Argentina/Buenos_Aires',
      campaigns: [
        {
          campaign_id: '120214583920175501',
          campaign_name: 'Implantes',
          ad_id: '120214583920175512',
          ad_name: null,
          leads: 2,
          booked_patients: 1,
          appointments: 1,
          conversion_rate: 0.5,
        },
      ],
      summary: { leads: 2, booked_patients: 1, appointments: 1, conversion_rate: 0.5 },
    });
    expect(table.split('\n')).toEqual([
      'Campaign   Ad                  Leads  Appointments  Conversion',
      '---------  ------------------  -----  ------------  ----------',
      'Implantes  120214583920175512      2             1       50.0%',
      'Total                              2             1       50.0%',
    ]);
  });
});
