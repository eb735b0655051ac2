import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  firstCloudApiMessage,
  twilioForm,
  webhookJson,
  webhookText,
} from '../../test/support/fixtures.js';
import { extractReferrals } from './extract.js';
import { normalizeReferral } from './normalize.js';

const implantsReferral = {
  sourceType: 'ad',
  sourceId: '120214583920175512',
  adId: '120214583920175512',
  headline: 'Implantes dentales con carga inmediata',
  body: 'Recuperá tu sonrisa en Palermo. Primera consulta con tomografía sin cargo. Escribinos por WhatsApp y te pasamos turnos.',
  ctwaClid:
    'ARAg1oXRNK6jm0WT3G142Sj_P1bOisNCv5cB_TBj0RbX7yuofD2O_dlhpCMeHW598McjHnglHCQTtwId2W8Ge9zfJi',
  sourceUrl: 'https://fb.me/UFawfnXlg',
  mediaType: 'image',
  imageUrl:
    'https://scontent.example.net/v/t45.1600-4/983528505_120214583920175512_2952690_n.jpg?stp=dst-jpg_s600x600&_nc_cat=108&ccb=1-7&_nc_sid=c02adf&_nc_ohc=GJ9zmaKs5rYkFcKT&_nc_ht=scontent.example.net&oh=00_AfzkcHyXzCqbig5ED9J-uaDTxQxEpemTrg8NEdJDA0&oe=687D8755',
  videoUrl: null,
  thumbnailUrl: null,
  welcomeMessage:
    '¡Hola! Gracias por escribir a Clínica Dental Arrayán 😊 ¿Querés que te contemos cómo es el tratamiento de implantes?',
};

describe('normalizeReferral with Cloud API payloads', () => {
  it('reads a complete image-ad referral from the message, keeping the 18-digit id a string', () => {
    const message = firstCloudApiMessage('text-from-image-ad.json');
    expect(normalizeReferral(message)).toEqual(implantsReferral);
  });

  it('reads the bare referral object the same way as the message carrying it', () => {
    const message = firstCloudApiMessage('text-from-image-ad.json');
    expect(normalizeReferral(message.referral)).toEqual(implantsReferral);
  });

  it('reads a single-message webhook body', () => {
    expect(normalizeReferral(webhookJson('cloud-api/text-from-image-ad.json'))).toEqual(
      implantsReferral,
    );
  });

  it('reads the referral of a voice note from a video ad, with video and thumbnail urls', () => {
    const referral = normalizeReferral(firstCloudApiMessage('audio-from-video-ad.json'));
    expect(referral).toMatchObject({
      sourceType: 'ad',
      adId: '120209871236540018',
      headline: 'Dor de dente? Atendimento de urgência hoje',
      mediaType: 'video',
      imageUrl: null,
      welcomeMessage: null,
      ctwaClid:
        'ARA_oyeS275PHGsw09B4CJCSmANksuTrmBdHU20aSGLrJGaNaM5MpRvR5Kw4gRXXuJn079ywSzOWF4buuSFW_XuICO',
    });
    expect(referral?.videoUrl).toMatch(/^https:\/\/video\.example\.net\/v\/t42\.1790-2\//);
    expect(referral?.thumbnailUrl).toMatch(/^https:\/\/scontent\.example\.net\/v\/t45\.1600-4\//);
  });

  it('keeps a Page post referral but gives it no ad id', () => {
    const referral = normalizeReferral(firstCloudApiMessage('referral-from-page-post.json'));
    expect(referral).toMatchObject({
      sourceType: 'post',
      sourceId: '1047283910564738',
      adId: null,
      headline: 'Clínica Dental Jacarandá',
      ctwaClid: null,
    });
  });

  it('keeps a Status ad touch without click id, with an empty body read as absent', () => {
    const referral = normalizeReferral(firstCloudApiMessage('status-ad-no-clid.json'));
    expect(referral).toMatchObject({
      sourceType: 'ad',
      adId: '120217364501928374',
      headline: null,
      body: null,
      ctwaClid: null,
      sourceUrl: 'https://fb.me/KAJIOBylU',
    });
  });

  it('reads a BSUID-era message without a phone', () => {
    const referral = normalizeReferral(firstCloudApiMessage('bsuid-username-with-referral.json'));
    expect(referral?.adId).toBe('120214583920175512');
    expect(referral?.ctwaClid).toBe(
      'ARAUF6LzvQ5AifTtlSEeidY5djUo_5uwconHLq76Ywo43_AXDlqVjFeiAu7Hh5AtKvm3mFVcpcn8KD4stE9weyzNcb',
    );
  });

  it('returns null for a message without referral', () => {
    expect(normalizeReferral(firstCloudApiMessage('no-referral.json'))).toBeNull();
    expect(normalizeReferral(webhookJson('cloud-api/no-referral.json'))).toBeNull();
  });

  it('returns null for a statuses-only body, whose referral_conversion is billing, not a referral', () => {
    expect(normalizeReferral(webhookJson('cloud-api/statuses-only.json'))).toBeNull();
  });

  it('returns null for a body with several messages instead of guessing which one is meant', () => {
    expect(normalizeReferral(webhookJson('cloud-api/multi-entry-three-messages.json'))).toBeNull();
  });
});

describe('normalizeReferral with YCloud payloads', () => {
  it('reads the snake_case referral inside the camelCase event', () => {
    expect(normalizeReferral(webhookJson('ycloud/inbound-with-referral.json'))).toEqual({
      sourceType: 'ad',
      sourceId: '120209871236541125',
      adId: '120209871236541125',
      headline: 'Alinhadores invisíveis em 12x sem juros',
      body: 'Avaliação ortodôntica gratuita com escaneamento 3D. Fale com a gente pelo WhatsApp.',
      ctwaClid:
        'ARAuTtU7uo5IIMvuATgUf4uomCLy6FR2Zr2N01CE9dBYYp6b4QKiTg4s_wyzU9xgZt1_yToXANj0lnOAEAstSwzrvi',
      sourceUrl: 'https://fb.me/dOmCcR44s',
      mediaType: 'image',
      imageUrl:
        'https://scontent.example.net/v/t45.1600-4/119230355_120209871236541125_8515362_n.jpg?stp=dst-jpg_s600x600&_nc_cat=104&ccb=1-7&_nc_sid=c02adf&_nc_ohc=x5bdbSskbWzUy1i8&_nc_ht=scontent.example.net&oh=00_Af11Xhhrt9HrccjTfimSRgR5ISVYRbEW1qsrT6UCsj&oe=61A9BEE3',
      videoUrl: null,
      thumbnailUrl: null,
      welcomeMessage: null,
    });
  });

  it('reads the inner whatsappInboundMessage the same way', () => {
    const event = webhookJson('ycloud/inbound-with-referral.json');
    expect(normalizeReferral(event.whatsappInboundMessage)?.adId).toBe('120209871236541125');
  });

  it('returns null for a YCloud message without referral', () => {
    expect(normalizeReferral(webhookJson('ycloud/inbound-without-referral.json'))).toBeNull();
  });
});

describe('normalizeReferral with Twilio form fields', () => {
  it('maps every Referral* field, deriving the media type from the MIME type', () => {
    expect(normalizeReferral(twilioForm('with-referral.txt'))).toEqual({
      sourceType: 'ad',
      sourceId: '120217364501929012',
      adId: '120217364501929012',
      headline: 'Implantes dentales en Miami',
      body: 'Consulta y radiografía 3D gratis. Hablamos español. Escríbenos por WhatsApp.',
      ctwaClid:
        'ARAtGFe0aTYK-xt9V4RXdcC71QJ8vvQzhdlXLGKIUO-bQaTSH_CqbjrouKy0IIE4-4m53XHpsK7YbKor1aYvDMB2WW',
      sourceUrl: 'https://fb.me/vgroGHvsO',
      mediaType: 'image',
      imageUrl:
        'https://scontent.example.net/v/t45.1600-4/889002130_120217364501929012_9765291_n.jpg?stp=dst-jpg_s600x600&_nc_cat=104&ccb=1-7&_nc_sid=c02adf&_nc_ohc=hxHytn2MsR6d2msd&_nc_ht=scontent.example.net&oh=00_AfafCyhsxnTL6M8U8JYy8lYr5BkdL_dzdiLj_qvoh4&oe=676D8554',
      videoUrl: null,
      thumbnailUrl: null,
      welcomeMessage: null,
    });
  });

  it('accepts the raw form-encoded body and URLSearchParams too', () => {
    const raw = webhookText('twilio/with-referral.txt');
    expect(normalizeReferral(raw)?.adId).toBe('120217364501929012');
    expect(normalizeReferral(new URLSearchParams(raw))?.adId).toBe('120217364501929012');
  });

  it('keeps the ad touch with a null clid when ReferralCtwaClid is blank, never copying the ad id', () => {
    const referral = normalizeReferral(twilioForm('with-referral-blank-clid.txt'));
    expect(referral).toMatchObject({
      sourceType: 'ad',
      adId: '120217364501929455',
      ctwaClid: null,
      headline: 'Tooth pain? Same-day emergency visits',
      body: "Open until 8 pm in Brickell. Message us and we'll find you a chair today.",
      mediaType: 'image',
    });
  });

  it('returns null when every Referral* field is empty', () => {
    expect(normalizeReferral(twilioForm('referral-fields-empty.txt'))).toBeNull();
  });

  it('returns null for a plain message whose ReferralNumMedia=0 is not a referral signal', () => {
    expect(normalizeReferral(twilioForm('without-referral.txt'))).toBeNull();
  });

  it('puts a video media url in videoUrl', () => {
    const referral = normalizeReferral({
      MessageSid: 'SM00000000000000000000000000000001',
      ReferralSourceId: '120217364501929012',
      ReferralSourceType: 'ad',
      ReferralMediaContentType: 'video/mp4',
      ReferralMediaUrl: 'https://video.example.net/ad.mp4',
    });
    expect(referral).toMatchObject({
      mediaType: 'video',
      imageUrl: null,
      videoUrl: 'https://video.example.net/ad.mp4',
    });
  });
});

describe('normalizeReferral with other shapes', () => {
  it('reads the flat seed shape as an ad touch', () => {
    expect(
      normalizeReferral({ ad_id: '120214583920175512', headline: 'Implantes', body: 'Texto' }),
    ).toEqual({
      sourceType: 'ad',
      sourceId: '120214583920175512',
      adId: '120214583920175512',
      headline: 'Implantes',
      body: 'Texto',
      ctwaClid: null,
      sourceUrl: null,
      mediaType: null,
      imageUrl: null,
      videoUrl: null,
      thumbnailUrl: null,
      welcomeMessage: null,
    });
  });

  it('reads a camelCase referral', () => {
    const referral = normalizeReferral({
      sourceId: '120214583920175512',
      sourceType: 'ad',
      ctwaClid: 'ARAclid',
      welcomeMessage: { text: 'Hola' },
    });
    expect(referral).toMatchObject({
      adId: '120214583920175512',
      ctwaClid: 'ARAclid',
      welcomeMessage: 'Hola',
    });
  });

  it('treats a referral with a click id but no source type as an ad', () => {
    const referral = normalizeReferral({ source_id: '120214583920175512', ctwa_clid: 'ARAx' });
    expect(referral).toMatchObject({ sourceType: 'ad', adId: '120214583920175512' });
  });

  it('gives no ad id to an unknown source type without a click id', () => {
    const referral = normalizeReferral({ source_id: '120214583920175512', source_type: 'story' });
    expect(referral).toMatchObject({ sourceType: 'unknown', adId: null });
  });

  it('converts a safe-integer numeric id exactly and never keeps the digits of a rounded one', () => {
    expect(normalizeReferral({ ad_id: 6021 })?.adId).toBe('6021');
    expect(normalizeReferral({ ad_id: Number.MAX_SAFE_INTEGER })?.adId).toBe('9007199254740991');
    expect(normalizeReferral(JSON.parse('{"ad_id":120214583920175512}'))).toMatchObject({
      sourceType: 'ad',
      sourceId: null,
      adId: null,
    });
    expect(normalizeReferral({ ad_id: 120214583920175512n })?.adId).toBe('120214583920175512');
  });

  it('keeps an ad touch whose source id JSON already rounded, with its click id and texts', () => {
    const message = JSON.parse(
      '{"from":"5491155500142","id":"wamid.lost","type":"text","referral":{' +
        '"source_id":120214583920175512,"source_type":"ad","source_url":"https://fb.me/UFawfnXlg",' +
        '"headline":"Implantes dentales con carga inmediata","body":"Primera consulta sin cargo",' +
        '"ctwa_clid":"ARAg1oXRNK6jm0WT3G142Sj"}}',
    );
    expect(normalizeReferral(message)).toEqual({
      sourceType: 'ad',
      sourceId: null,
      adId: null,
      headline: 'Implantes dentales con carga inmediata',
      body: 'Primera consulta sin cargo',
      ctwaClid: 'ARAg1oXRNK6jm0WT3G142Sj',
      sourceUrl: 'https://fb.me/UFawfnXlg',
      mediaType: null,
      imageUrl: null,
      videoUrl: null,
      thumbnailUrl: null,
      welcomeMessage: null,
    });
  });

  it('still returns null for a referral whose only id is a fraction or a negative number', () => {
    expect(normalizeReferral({ source_id: 1.5, source_type: 'ad' })).toBeNull();
    expect(normalizeReferral({ source_id: -1.2e17, source_type: 'ad' })).toBeNull();
  });

  it('gives no ad id to a non-numeric ad source id', () => {
    expect(normalizeReferral({ ad_id: '12021458392017551x' })).toMatchObject({
      sourceId: '12021458392017551x',
      adId: null,
    });
  });

  it('trims text, reads blank strings as absent, and ignores non-string fields, arrays included', () => {
    const referral = normalizeReferral({
      source_id: ' 120214583920175512 ',
      source_type: 'AD',
      headline: '   ',
      body: 42,
      source_url: ['https://fb.me/x'],
    });
    expect(referral).toMatchObject({
      adId: '120214583920175512',
      headline: null,
      body: null,
      sourceUrl: null,
    });
  });

  it('reads an array source id or headline as absent, not as its first element', () => {
    const referral = normalizeReferral({
      source_id: ['120214583920175512'],
      source_type: 'ad',
      ctwa_clid: 'ARAclid',
      headline: ['Implantes'],
    });
    expect(referral).toMatchObject({ sourceId: null, adId: null, headline: null });
  });

  it('drops a source id holding NUL instead of splicing its halves together', () => {
    const referral = normalizeReferral({
      source_id: '1\u00002',
      source_type: 'ad',
      ctwa_clid: 'ARAclid',
    });
    expect(referral).toMatchObject({ sourceId: null, adId: null, ctwaClid: 'ARAclid' });
  });

  it('returns null for inputs that carry no referral', () => {
    for (const input of [null, undefined, 42, 'hello', [], {}, { referral: 'x' }, { entry: [] }]) {
      expect(normalizeReferral(input)).toBeNull();
    }
  });

  it('returns null instead of throwing when reading the input throws', () => {
    const hostile = new Proxy(
      {},
      {
        has: () => true,
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(normalizeReferral(hostile)).toBeNull();
  });

  it('never throws and never invents an ad id that is not a digit string, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const referral = normalizeReferral(input);
        return referral === null || referral.adId === null || /^\d+$/.test(referral.adId);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeReferral with hostile text', () => {
  const NUL = '\u0000';

  it('strips NUL and other control characters from every text field, keeping tabs and line breaks in texts', () => {
    const referral = normalizeReferral({
      source_type: `a${NUL}d`,
      source_id: '120214583920175512',
      headline: `${NUL}Implantes\u0007 dentales\r\ncon\tcarga${NUL}`,
      body: `Primera\u001b consulta\rsin cargo${NUL}\n`,
      ctwa_clid: `ARAg1oX${NUL}RNK6\njm0`,
      source_url: `https://fb.me/${NUL}UFawfnXlg\t`,
      media_type: `im${NUL}age`,
      image_url: `https://scontent.example.net/${NUL}a.jpg`,
      video_url: `https://video.example.net/\u0001b.mp4`,
      thumbnail_url: `https://scontent.example.net/c.jpg\u007f`,
      welcome_message: { text: `Hola${NUL}\n¿turno?\u0008` },
    });
    expect(referral).toEqual({
      sourceType: 'ad',
      sourceId: '120214583920175512',
      adId: '120214583920175512',
      headline: 'Implantes dentales\ncon\tcarga',
      body: 'Primera consulta\nsin cargo',
      ctwaClid: 'ARAg1oXRNK6jm0',
      sourceUrl: 'https://fb.me/UFawfnXlg',
      mediaType: 'image',
      imageUrl: 'https://scontent.example.net/a.jpg',
      videoUrl: 'https://video.example.net/b.mp4',
      thumbnailUrl: 'https://scontent.example.net/c.jpg',
      welcomeMessage: 'Hola\n¿turno?',
    });
  });

  it('cuts headline at 1,000, body at 4,000 and welcome message at 1,000 characters', () => {
    const referral = normalizeReferral({
      source_id: '120214583920175512',
      source_type: 'ad',
      headline: 'h'.repeat(5_000),
      body: 'b'.repeat(50_000),
      welcome_message: { text: 'w'.repeat(5_000) },
    });
    expect(referral?.headline).toBe('h'.repeat(1_000));
    expect(referral?.body).toBe('b'.repeat(4_000));
    expect(referral?.welcomeMessage).toBe('w'.repeat(1_000));
  });

  it('never cuts a headline inside a surrogate pair', () => {
    const referral = normalizeReferral({
      source_id: '120214583920175512',
      headline: `${'h'.repeat(999)}😁 tail`,
    });
    expect(referral?.headline).toBe('h'.repeat(999));
  });

  it('drops URLs over 2,048 characters and click ids over 512 rather than cutting them', () => {
    const longUrl = `https://fb.me/${'x'.repeat(2_040)}`;
    const referral = normalizeReferral({
      source_id: '120214583920175512',
      source_type: 'ad',
      ctwa_clid: `ARA${'c'.repeat(600)}`,
      source_url: longUrl,
      image_url: `https://scontent.example.net/${'i'.repeat(2_020)}`,
      thumbnail_url: `https://scontent.example.net/${'t'.repeat(2_019)}`,
    });
    expect(longUrl.length).toBe(2_054);
    expect(referral).toMatchObject({
      adId: '120214583920175512',
      ctwaClid: null,
      sourceUrl: null,
      imageUrl: null,
      thumbnailUrl: `https://scontent.example.net/${'t'.repeat(2_019)}`,
    });
    expect(referral?.thumbnailUrl).toHaveLength(2_048);
  });

  it('cleans the message id and sender that extractReferrals returns', () => {
    const [found] = extractReferrals({
      messages: [
        {
          id: `wamid.${NUL}HBgN`,
          from: `549115550${NUL}0142`,
          timestamp: '1796302934',
          referral: { source_id: '120214583920175512', source_type: 'ad' },
        },
      ],
    });
    expect(found).toMatchObject({ messageId: 'wamid.HBgN', from: '5491155500142' });
  });

  it('returns only strings free of NUL and C0 controls (bar tab and line feed), within bounds', () => {
    const limits: Record<string, number> = { headline: 1_000, body: 4_000, welcomeMessage: 1_000 };
    const text = fc.string({ unit: 'binary', maxLength: 6_000 });
    fc.assert(
      fc.property(text, text, text, text, (headline, body, clid, url) => {
        const referral = normalizeReferral({
          source_id: '120214583920175512',
          headline,
          body,
          ctwa_clid: clid,
          source_url: url,
          welcome_message: body,
        });
        return Object.entries(referral ?? {}).every(([field, value]) => {
          if (typeof value !== 'string') return true;
          const allowed = field in limits ? ['\t', '\n'] : [];
          const forbidden = [...value].some(
            (character) =>
              (character < ' ' || character === '\u007f') && !allowed.includes(character),
          );
          return !forbidden && value.length <= (limits[field] ?? 2_048);
        });
      }),
      { numRuns: 300 },
    );
  });
});
