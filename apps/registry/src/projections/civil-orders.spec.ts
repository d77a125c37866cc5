import { civilOrderTypeOf, orderInForceOn, orderLastDay } from './civil-orders';

describe('civil orders named in free text', () => {
  it.each([
    ['Sexual Harm Prevention Order', 'SEXUAL_HARM_PREVENTION_ORDER'],
    ['SHPO (10 years)', 'SEXUAL_HARM_PREVENTION_ORDER'],
    ['Interim SHPO', 'INTERIM_SEXUAL_HARM_PREVENTION_ORDER'],
    ['sexual risk order', 'SEXUAL_RISK_ORDER'],
    ['SRO', 'SEXUAL_RISK_ORDER'],
    ['Notification Order', 'NOTIFICATION_ORDER'],
    ['Sexual Offences Prevention Order', 'SEXUAL_OFFENCES_PREVENTION_ORDER'],
    ['RSHO', 'RISK_OF_SEXUAL_HARM_ORDER'],
    ['Risk of Sexual Harm Order', 'RISK_OF_SEXUAL_HARM_ORDER'],
  ])('recognises %s', (text, type) => {
    expect(civilOrderTypeOf(text)).toBe(type);
  });

  it.each([
    ['Licence'],
    ['Community Order'],
    ['Suspended Sentence Order'],
    ['Shropshire licence'],
    [null],
  ])('does not take %s for a civil order', (text) => {
    expect(civilOrderTypeOf(text)).toBeNull();
  });

  it('has an order in force from the day made to its expiry, or the day before discharge', () => {
    const order = { madeOn: '2024-01-10', expiresOn: '2029-01-09', dischargedOn: null };
    expect(orderInForceOn(order, '2024-01-10')).toBe(true);
    expect(orderInForceOn(order, '2029-01-10')).toBe(false);
    expect(orderLastDay({ ...order, dischargedOn: '2025-05-01' })).toBe('2025-04-30');
    expect(orderInForceOn({ ...order, expiresOn: null }, '2060-01-01')).toBe(true);
  });
});
