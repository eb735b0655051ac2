import type { FakeAd } from '@ctwa/meta-ads-client/testing';

/** The ads the demo's in-process Graph serves; names follow a clinic's usual naming scheme. */
export const demoAds: FakeAd[] = [
  {
    id: '120214583920175512',
    name: 'AR | Implantes | Img 1:1 | Dic',
    effective_status: 'ACTIVE',
    campaign: { id: '120214583920175501', name: 'Implantes dentales - Mensajes WhatsApp - CABA' },
    adset: { id: '120214583920175508', name: 'CABA 35-65 | Salud bucal' },
  },
  {
    id: '120214583920176044',
    name: 'AR | Ortodoncia invisible | Img 4:5',
    effective_status: 'ADSET_PAUSED',
    campaign: { id: '120214583920176001', name: 'Ortodoncia invisible - Mensajes - AMBA' },
    adset: { id: '120214583920176020', name: 'AMBA 18-40 | Ortodoncia' },
  },
  {
    id: '120209871236541125',
    name: 'BR | Alinhadores | Img 1:1',
    effective_status: 'ACTIVE',
    campaign: { id: '120209871236541101', name: 'Alinhadores invisíveis - Mensagens - SP' },
    adset: { id: '120209871236541110', name: 'Moema 20-45 | Ortodontia' },
  },
];
