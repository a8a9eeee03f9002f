import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import { publicReplyCheckContext } from '../../../lib/replies/check-context';
import { checkReply, findPersonalData, type PersonalDataOptions } from '../../../lib/replies/checks';
import { caseReference, templateValuesFor } from '../../../lib/replies/variables';

const ACME = { brandDomains: ['acme.example'] };

function found(text: string, options: PersonalDataOptions = ACME): string[] {
  return findPersonalData(text, options).map(
    (hit) =>
      `${hit.kind}:${text.slice(hit.start, hit.end)}${hit.unconfirmedInbox ? ' (inbox?)' : ''}${hit.unlistedBrandAddress ? ' (brand domain)' : ''}`,
  );
}

describe('personal data patterns', () => {
  it("finds e-mail addresses but not the brand's shared inboxes or fediverse handles", () => {
    expect(
      found(
        'write to jane.doe+shop@gmail.com, support@acme.example, help@eu.acme.example or @sam@social.example',
      ),
    ).toEqual(['email:jane.doe+shop@gmail.com']);
  });

  it('finds shared-inbox names on domains that are not the brand’s', () => {
    expect(found('hello@janedoe.com, info@Team.Example or Support@ACME.example')).toEqual([
      'email:hello@janedoe.com',
      'email:info@Team.Example',
    ]);
    // No brand domains to compare with: a shared inbox is still reported, marked as unconfirmed.
    expect(found('hello@janedoe.com or jo@mail.example', {})).toEqual([
      'email:hello@janedoe.com (inbox?)',
      'email:jo@mail.example',
    ]);
  });

  it("leaves the policy's brand addresses alone and marks other addresses on the brand's domains", () => {
    const options = { ...ACME, brandEmails: ['customer.care@acme.example', 'acme.help@mail.example'] };
    expect(found('write to Customer.Care@acme.example or acme.help@mail.example', options)).toEqual([]);
    expect(
      found('helpdesk@acme.example, refunds@uk.acme.example, support@acme.example, jo@mail.example', options),
    ).toEqual([
      'email:helpdesk@acme.example (brand domain)',
      'email:refunds@uk.acme.example (brand domain)',
      'email:jo@mail.example',
    ]);
  });

  it('finds US and international phone numbers', () => {
    const text =
      'call +1 (555) 123-4567, 555.123.4567, 5551234567, 1-800-555-0199, +44 20 7946 0958 or 0044 20 7946 0958';
    expect(found(text)).toEqual([
      'phone:+1 (555) 123-4567',
      'phone:555.123.4567',
      'phone:5551234567',
      'phone:1-800-555-0199',
      'phone:+44 20 7946 0958',
      'phone:0044 20 7946 0958',
    ]);
    expect(found('mon portable: 06 12 34 56 78')).toEqual(['phone:06 12 34 56 78']);
  });

  it('finds national numbers that a trunk prefix 0 makes 12 or 13 digits long', () => {
    expect(
      found('German mobile 0151 2345 6789, (0151) 2345 6789 or 015123456789; Indonesian 0812 3456 7890'),
    ).toEqual([
      'phone:0151 2345 6789',
      'phone:(0151) 2345 6789',
      'phone:015123456789',
      'phone:0812 3456 7890',
    ]);
    // 0812345678906 passes Luhn, but no card number starts with 0.
    expect(found('WA 0812-3456-78901 or 0812-3456-78906')).toEqual([
      'phone:0812-3456-78901',
      'phone:0812-3456-78906',
    ]);
    // Without a trunk prefix, 12 digits are no national number, and 14 are too many with one.
    expect(found('1151 2345 6789, 0812-3456-789012, 10 20 30 40 50 60 minutes')).toEqual([]);
  });

  it('leaves other 12- and 13-digit numbers starting with 0 alone: serials, contracts, barcodes', () => {
    // Only German (015x, 016x, 017x) and Indonesian (08xx) mobiles run that long with their trunk prefix.
    expect(
      found(
        'Serial number 0123 4567 8901, S/N 0123-4567-8901, Contract 012345678901 renewed, Kundennummer 012345678901',
      ),
    ).toEqual([]);
    expect(found('The barcode 036000291452 is on the box, lot 0123456789012 recalled')).toEqual([]);
    // A German mobile has 12 digits at most; a mobile prefix in a batch number's grouping is no phone either.
    expect(found('Batch 0151-2345-67890, batch 0151-23-45-67-89-01, batch 0812.34.56.78.90.12')).toEqual([]);
  });

  it('takes no phone from the front of a run of four-digit groups', () => {
    expect(
      found('The voucher code is 0123 4567 8901 2345. Gift card 0151 2345 6789 0123, 0812-3456-7890-1234'),
    ).toEqual([]);
    expect(found('Versandnummer: 0034 0434 1612 3456')).toEqual([]);
  });

  it('finds a German number written with a slash after the area code', () => {
    expect(found('Handy 0151/23456789, Büro 030/12345678 oder 089/123 456 78')).toEqual([
      'phone:0151/23456789',
      'phone:030/12345678',
      'phone:089/123 456 78',
    ]);
    // Elsewhere a slash is a date, a month, a fraction or "24/7".
    expect(found('valid 01/2025, from 12/2026 12345, on 05/11/2026 0800 1234, 1/2 price, open 24/7')).toEqual(
      [],
    );
  });

  it('reports a service number, not the price after it', () => {
    expect(found('Please call 0180 6 123456 (20 ct/call)')).toEqual(['phone:0180 6 123456']);
  });

  it('finds numbers written with no-break spaces, typographic dashes or full-width digits', () => {
    // As copied from a web page (&nbsp; keeps a number on one line), typeset, or typed in Japanese.
    expect(found('call +44\u00a020\u00a07946\u00a00958 or 06\u202f12\u202f34\u202f56\u202f78')).toEqual([
      'phone:+44\u00a020\u00a07946\u00a00958',
      'phone:06\u202f12\u202f34\u202f56\u202f78',
    ]);
    expect(
      found(
        'or ring 555\u2013123\u20134567 or \uff10\uff19\uff10\uff0d\uff11\uff12\uff13\uff14\uff0d\uff15\uff16\uff17\uff18',
      ),
    ).toEqual([
      'phone:555\u2013123\u20134567',
      'phone:\uff10\uff19\uff10\uff0d\uff11\uff12\uff13\uff14\uff0d\uff15\uff16\uff17\uff18',
    ]);
    expect(found('card 4111\u00a01111\u00a01111\u00a01111')).toEqual([
      'card:4111\u00a01111\u00a01111\u00a01111',
    ]);
    // Dashes between dates and prices stay what they were.
    expect(found('from 01.01.2024 \u2013 31.12.2024, $19.99\u2013$29.99')).toEqual([]);
  });

  it('finds a phone number right after a colon, but not a time', () => {
    expect(found('Phone:555-123-4567, Mobile:07700 900123, WhatsApp:+34 612 34 56 78')).toEqual([
      'phone:555-123-4567',
      'phone:07700 900123',
      'phone:+34 612 34 56 78',
    ]);
    expect(found('Hours: 10:30 - 18:00, ratio 1:5551234567, on 2024-05-01 10:30')).toEqual([]);
  });

  it('finds a phone number followed by another number', () => {
    expect(found('Call 555-123-4567 24/7 or 555 123 4567 365 days a year')).toEqual([
      'phone:555-123-4567',
      'phone:555 123 4567',
    ]);
    expect(found('open 24/7, 10 20 30 40 50 60 minutes, 2019 2020 2021 2022')).toEqual([]);
  });

  it('leaves years, dates, prices, times and counts alone', () => {
    const text =
      'Since 2019, in 2023-2024, on 2024-05-01 at 10:30, for $1,234.56 or €1234567890, we waited 10 20 30 40 50 minutes, 1 - 800 people, 123-4567, 3.14159265358';
    expect(found(text)).toEqual([]);
  });

  it('finds order numbers after a keyword or a #', () => {
    const text =
      'your order 1234-5678, order no. A12345, Order #: 99887766, invoice INV-20240117 and #12345678';
    expect(found(text)).toEqual([
      'order:1234-5678',
      'order:A12345',
      'order:99887766',
      'order:INV-20240117',
      'order:#12345678',
    ]);
    expect(found('your order is on its way #2024 #100DaysOfCode')).toEqual([]);
  });

  it('finds order and tracking numbers after a linking word or punctuation', () => {
    expect(
      found(
        'Your order number is 12345678. Tracking number is 1Z999AA10123456784, order #8812 3391, order (12345678)',
      ),
    ).toEqual(['order:12345678', 'order:1Z999AA10123456784', 'order:8812 3391', 'order:12345678']);
    expect(found('the order was 2 days late, order 1 of 3, your order is on its way')).toEqual([]);
  });

  it('finds order numbers after nr., n°, № and every number of a list', () => {
    expect(found('order nr. 12345, Order Nr 23456, order n° 34567, order nº 45678, order № 56789')).toEqual([
      'order:12345',
      'order:23456',
      'order:34567',
      'order:45678',
      'order:56789',
    ]);
    expect(found('my orders 12345 and 67890, order 11111, 22222 & 33333')).toEqual([
      'order:12345',
      'order:67890',
      'order:11111',
      'order:22222',
      'order:33333',
    ]);
    expect(found('your orders 12345 and 2 more arrive in 2024, order 12345 or 2025 at the latest')).toEqual([
      'order:12345',
      'order:12345',
    ]);
  });

  it('finds long references after ref, case, ticket and confirmation only', () => {
    expect(
      found(
        'ref 88123391, case: 12345, ticket AB12C3, confirmation code is K7P2Q9X, reference was ABC-123456',
      ),
    ).toEqual(['order:88123391', 'order:12345', 'order:AB12C3', 'order:K7P2Q9X', 'order:ABC-123456']);
    expect(
      found('in case 2 of you, ticket 1, ref 1234, ticket ABC12, in case 2024-05-01 or 2023-2024 is busy'),
    ).toEqual([]);
  });

  it("leaves Parley's own case reference alone, and no other reference", () => {
    const options = { ...ACME, caseReferences: ['ACME-75MJ8'] };
    expect(found('I have read your case (ACME-75MJ8). Your case reference is acme-75mj8.', options)).toEqual(
      [],
    );
    expect(found('your case ACME-75MJ8, ref ACME-12345 and ticket #ACME-75MJ9', options)).toEqual([
      'order:ACME-12345',
      'order:ACME-75MJ9',
    ]);
    // Without the reference known, it reads as an account number, as any such code would.
    expect(found('your case ACME-75MJ8')).toEqual(['order:ACME-75MJ8']);
  });

  it("leaves the brand's own phone lines alone, however they are written", () => {
    const options = { ...ACME, brandPhones: ['+1 800 555 0100', '+44 20 7946 0000'] };
    expect(
      found('Call us on 1-800-555-0100, (800) 555-0100, +1 800 555 0100 or 020 7946 0000', options),
    ).toEqual([]);
    expect(found('call 1-800-555-0199 or +44 20 7946 0958', options)).toEqual([
      'phone:1-800-555-0199',
      'phone:+44 20 7946 0958',
    ]);
  });

  it("leaves the brand's own line alone when a number follows it, and finds a phone after it", () => {
    const options = { ...ACME, brandPhones: ['+1 800 555 0100'] };
    expect(
      found(
        'Our team is on +1 800 555 0100 7 days a week, +1 800 555 0100 24 hours a day. Call +1 800 555 0100 9 to 5',
        options,
      ),
    ).toEqual([]);
    expect(found('Call +1 800 555 0100 or 555 123 4567, not +1 800 555 0100 555 123 4567', options)).toEqual([
      'phone:555 123 4567',
      'phone:555 123 4567',
    ]);
  });

  it('takes a keyword number as an order, not a phone', () => {
    expect(found('order 5551234567')).toEqual(['order:5551234567']);
  });

  it('leaves product codes alone, however much they look like phone numbers', () => {
    expect(
      found(
        'ISBN 0-306-40615-2, ISBN-10: 0306406152, SKU 1234567890, model no. 5551234567, item #1234567890, part number 555-123-4567',
      ),
    ).toEqual([]);
    expect(
      found(
        'UPC 036000291452, UPC 0 36000 29145 2, EAN 4006381333931, GTIN-13: 4006381333931, Art.-Nr. 555.123.4567, article no. 5551234567, catalog number: 555 123 4567, product code 5551234567, the SKU is 5551234567',
      ),
    ).toEqual([]);
  });

  it('leaves a firmware, version, build or release number alone', () => {
    expect(
      found(
        'Please update to firmware 2024.11.0123 tonight; version 2024.11.0123, build 5551234567, release 20241101.01',
      ),
    ).toEqual([]);
    expect(found('after the firmware 2.0 update, call 555-123-4567')).toEqual(['phone:555-123-4567']);
  });

  it('leaves an ISBN written with its hyphens alone only when its check digit holds', () => {
    expect(found('see 0-306-40615-2 or 978-0-306-40615-7')).toEqual([]);
    expect(found('call 0-306-40615-3')).toEqual(['phone:0-306-40615-3']);
  });

  it('still finds a phone after a product code, or after a product word with no number of its own', () => {
    expect(found('SKU 12345, call me at 555-123-4567')).toEqual(['phone:555-123-4567']);
    expect(
      found('model no. 5551234567 or call 555 123 4567, ISBN 0-306-40615-2; mine is 555.123.4567'),
    ).toEqual(['phone:555 123 4567', 'phone:555.123.4567']);
    expect(
      found('the item arrived broken, call me on 555-123-4567; for my part, 555-123-4567 is best'),
    ).toEqual(['phone:555-123-4567', 'phone:555-123-4567']);
    // A product word inside another word is no keyword, nor is the end of a sentence about art.
    expect(found('our department 555-123-4567, love your art. 555-123-4567 is mine')).toEqual([
      'phone:555-123-4567',
      'phone:555-123-4567',
    ]);
  });

  it('leaves the numbers in links alone: post ids, tracking parameters', () => {
    const links = [
      'https://x.com/AcmeHelp/status/1790123456789012342',
      'https://www.facebook.com/acme/posts/4111111111111111',
      'https://youtu.be/dQw4w9WgXcQ?t=5551234567',
      'https://acme.example/returns?order=12345678',
      'acme.example/returns?order=12345678#12345678',
      'www.acme.example/track/555-123-4567',
    ];
    expect(found(`See ${links.join(', ')}.`)).toEqual([]);
  });

  it('still finds personal data beside a link, and an e-mail address inside one', () => {
    expect(
      found('https://x.com/AcmeHelp/status/1790123456789012342 call 555-123-4567 or order 12345678'),
    ).toEqual(['phone:555-123-4567', 'order:12345678']);
    expect(found('https://acme.example/contact?email=jo@mail.example')).toEqual(['email:jo@mail.example']);
  });

  it('finds Luhn-valid card numbers only', () => {
    expect(found('card 4111 1111 1111 1111 and 4111-1111-1111-1112 and 5500005555555559')).toEqual([
      'card:4111 1111 1111 1111',
      'card:5500005555555559',
    ]);
  });

  it('finds IBANs, grouped in fours or run together, in either case', () => {
    expect(
      found(
        'DE89 3704 0044 0532 0130 00, GB82WEST12345698765432, FR14 2004 1010 0505 0001 3M02 606 or nl91 abna 0417 1643 00',
      ),
    ).toEqual([
      'iban:DE89 3704 0044 0532 0130 00',
      'iban:GB82WEST12345698765432',
      'iban:FR14 2004 1010 0505 0001 3M02 606',
      'iban:nl91 abna 0417 1643 00',
    ]);
    expect(found('pay to DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000')).toEqual([
      'iban:DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000',
    ]);
  });

  it('finds IBANs written with dashes between the groups', () => {
    expect(found('IBAN DE89-3704-0044-0532-0130-00, GB82-WEST-1234-5698-7654-32')).toEqual([
      'iban:DE89-3704-0044-0532-0130-00',
      'iban:GB82-WEST-1234-5698-7654-32',
    ]);
    expect(found('code AB12-3456-7890-1234, part DE12-3456, DE89-3704-0044-0532-0130-01')).toEqual([]);
  });

  it('reports an IBAN once, and not the word after it', () => {
    expect(found('account number: DE89 3704 0044 0532 0130 00, call 555-123-4567')).toEqual([
      'iban:DE89 3704 0044 0532 0130 00',
      'phone:555-123-4567',
    ]);
    expect(found('IBAN BE68 5390 0754 7034 CALL me')).toEqual(['iban:BE68 5390 0754 7034']);
  });

  it("finds IBANs of each country at that country's length", () => {
    expect(
      found(
        'AT61 1904 3002 3457 3201, CH93 0076 2011 6238 5295 7, ES91 2100 0418 4502 0005 1332, IT60 X054 2811 1010 0000 0123 456, NO93 8601 1117 947, PL61 1090 1014 0000 0712 1981 2874',
      ),
    ).toEqual([
      'iban:AT61 1904 3002 3457 3201',
      'iban:CH93 0076 2011 6238 5295 7',
      'iban:ES91 2100 0418 4502 0005 1332',
      'iban:IT60 X054 2811 1010 0000 0123 456',
      'iban:NO93 8601 1117 947',
      'iban:PL61 1090 1014 0000 0712 1981 2874',
    ]);
  });

  it('leaves a code that passes mod 97 alone when its country has no IBAN of that length', () => {
    // Each passes mod 97: RE is no IBAN country (Réunion's accounts are FR), QX no country at all, and German
    // and British IBANs have 22 characters, not 20 or 23.
    expect(found('Your invoice RE2600000000046 is attached.')).toEqual(['order:RE2600000000046']);
    expect(
      found('Voucher QX12370400440532013000, code DE86 3704 0044 0532 0130 or GB49WEST123456987654321'),
    ).toEqual([]);
  });

  it('leaves IBAN-shaped codes alone when the check digits do not hold or the account is mostly letters', () => {
    // FW93WINTERSALE50 passes mod 97, but no bank account number is mostly letters.
    expect(found('GB82WEST12345698765433, use code FW93WINTERSALE50, AB12')).toEqual([]);
    // GB98WEST12345698765435 is valid; 01 passes mod 97 on the same account but is never issued.
    expect(found('GB98WEST12345698765435 or GB01WEST12345698765435')).toEqual([
      'iban:GB98WEST12345698765435',
    ]);
  });

  it('finds US Social Security numbers, with or without SSN before them', () => {
    expect(
      found('123-45-6789, SSN: 123 45 6789, SSN#234-56-7890, social security number 345-67-8901. Thanks'),
    ).toEqual(['ssn:123-45-6789', 'ssn:123 45 6789', 'ssn:234-56-7890', 'ssn:345-67-8901']);
    expect(
      found('your social security number on file, 123 45 6789, and my SSN for the account is 234-56-7890'),
    ).toEqual(['ssn:123 45 6789', 'ssn:234-56-7890']);
  });

  it('finds nine digits run together right after SSN', () => {
    expect(
      found('SSN 123456789, SSN: 234567890, social security number is 345678901, SSN#456789012'),
    ).toEqual(['ssn:123456789', 'ssn:234567890', 'ssn:345678901', 'ssn:456789012']);
    // Without the keyword nine digits are an order or nothing; after it, never-issued numbers are not one.
    expect(
      found('order 123456789; ref 123456789. We sent 123456789 units. SSN 000123456, SSN 900123456'),
    ).toEqual(['order:123456789', 'order:123456789']);
  });

  it('takes a 3-2-4 number an order or account keyword names for that number, a warning', () => {
    expect(
      found('order 123-45-6789, account 234-56-7890, Order number: 345-67-8901, ticket #456-78-9012'),
    ).toEqual(['order:123-45-6789', 'order:234-56-7890', 'order:345-67-8901', 'order:456-78-9012']);
  });

  it('leaves a 3-2-4 number written with spaces alone unless the reply calls it a Social Security number', () => {
    expect(
      found(
        'We refunded 123 45 6789. The item weighs 123 45 6789 grams; between 2020 and 2025, 123 45 6789 customers',
      ),
    ).toEqual([]);
  });

  it('leaves numbers never issued as Social Security numbers alone, and dates and mixed separators', () => {
    expect(
      found('000-12-3456, 666-12-3456, 900-12-3456, 999-12-3456, 123-00-4567, 123-45-0000 and 123-45 6789'),
    ).toEqual([]);
    expect(found('on 2024-05-01, 12-05-2024, 2023-2024, 10-20-30, 123-45-67, $123-45-6789')).toEqual([]);
  });

  it('does not take a 3-2-4 that is part of a longer number for a Social Security number', () => {
    expect(found('1-123-45-6789, +49 151 23 4567, 123-45-67890, 123 45 6789 0')).toEqual([
      'phone:1-123-45-6789',
      'phone:+49 151 23 4567',
      'phone:123-45-67890',
      'phone:123 45 6789 0',
    ]);
    expect(found('https://x.example/a/123-45-6789, part number 123-45-6789')).toEqual([]);
  });

  it('finds street addresses', () => {
    expect(found('ship it to 221B Baker Street or 1600 Pennsylvania Ave. please')).toEqual([
      'address:221B Baker Street',
      'address:1600 Pennsylvania Ave.',
    ]);
  });

  it('finds street addresses in any case', () => {
    expect(found('42 Main street, 42 main street, 42 MAIN STREET, 350 fifth ave. or 10 downing st')).toEqual([
      'address:42 Main street',
      'address:42 main street',
      'address:42 MAIN STREET',
      'address:350 fifth ave.',
      'address:10 downing st',
    ]);
  });

  it('finds German and Dutch street addresses: the name, then the number', () => {
    expect(
      found(
        'Hauptstraße 12, Bahnhofstr. 5a, Kirchweg 3, Keizersgracht 123, Hauptstrasse 12-14, Julianalaan 5, Dorpsstraat 10A',
      ),
    ).toEqual([
      'address:Hauptstraße 12',
      'address:Bahnhofstr. 5a',
      'address:Kirchweg 3',
      'address:Keizersgracht 123',
      'address:Hauptstrasse 12-14',
      'address:Julianalaan 5',
      'address:Dorpsstraat 10A',
    ]);
    expect(found('Karl-Marx-Allee 5, Berliner Straße 12, Lange Gasse 4, Hauptstraße 12/3/5')).toEqual([
      'address:Karl-Marx-Allee 5',
      'address:Berliner Straße 12',
      'address:Lange Gasse 4',
      'address:Hauptstraße 12/3/5',
    ]);
  });

  it('finds French street addresses: the number, then the type and the name', () => {
    expect(
      found(
        'au 12 rue de la Paix, 5 bis avenue Victor Hugo, 3 boulevard Haussmann, 8 allée des Roses, 10, place d’Italie',
      ),
    ).toEqual([
      'address:12 rue de la Paix',
      'address:5 bis avenue Victor Hugo',
      'address:3 boulevard Haussmann',
      'address:8 allée des Roses',
      'address:10, place d’Italie',
    ]);
  });

  it('finds Spanish and Italian street addresses: the type, the name, then the number', () => {
    expect(
      found(
        'Calle Mayor 5, calle Mayor, 7, Avenida de América 10, Via Roma 12, via della Spiga 12/A, Piazza Garibaldi 3, C/ Alcalá 20',
      ),
    ).toEqual([
      'address:Calle Mayor 5',
      'address:calle Mayor, 7',
      'address:Avenida de América 10',
      'address:Via Roma 12',
      'address:via della Spiga 12/A',
      'address:Piazza Garibaldi 3',
      'address:C/ Alcalá 20',
    ]);
  });

  it('leaves prose with a street word of another language alone', () => {
    expect(
      found(
        'Weg 3, Ihr Paket ist auf dem Weg 2 Tage, Der Weg 2 ist kurz, Die Straße 5, Rückweg 2 Tage, Ihr Sitzplatz 12, Kirchweg 3 Tage',
      ),
    ).toEqual([]);
    expect(
      found(
        'via email 2 days ago, the 2 via points, via Twitter 2 days ago, Via Twitter, 2 of us, via DHL 3-5 days, via WhatsApp 24/7, via Zoom 2 people, via PayPal 20 EUR, Piazza 3',
      ),
    ).toEqual([]);
    expect(found('I rue the day 2 times, the rue 5, Instr. 5, Order 2 via Amazon')).toEqual([]);
  });

  it("leaves English 'via' before a brand, a connection or a version alone", () => {
    expect(
      found(
        'Connect via USB 3. Works via Bluetooth 5 / via Wi-Fi 6. Pay via Klarna 3x, stream via Disney Plus 4K',
      ),
    ).toEqual([]);
    // At the start of a sentence "Via" has its capital from English; inside one, not before a brand.
    expect(found('Via Bluetooth 5 it pairs. Updates arrive Via Wi-Fi 6, Connect Via USB 3')).toEqual([]);
  });

  it("finds 'via' as an Italian street by its particle, its postcode or its capital", () => {
    expect(
      found('ship to Via Roma 12, via del Corso 3 or via della Spiga 12/A; Via Garibaldi 3, 20121 Milano'),
    ).toEqual([
      'address:Via Roma 12',
      'address:via del Corso 3',
      'address:via della Spiga 12/A',
      'address:Via Garibaldi 3',
    ]);
    expect(found('Our shop:\nVia Giuseppe Verdi 10\n20121 Milano')).toEqual([
      'address:Via Giuseppe Verdi 10',
    ]);
  });

  it("takes a capitalised 'Place' or 'Avenue' after a number for a French street only before a French name", () => {
    expect(found('Chapter 5 Place Names, Version 12 Place Holder, Season 2 Avenue Q')).toEqual([]);
    expect(
      found('10 Place de la Concorde, 5 Avenue des Champs-Élysées, 3 Place d’Italie, 8 place Bellecour'),
    ).toEqual([
      'address:10 Place de la Concorde',
      'address:5 Avenue des Champs-Élysées',
      'address:3 Place d’Italie',
      'address:8 place Bellecour',
    ]);
  });

  it('leaves everyday phrases that end in a street word alone', () => {
    expect(
      found(
        'It is 20 minutes down the road, 2 orders on the way, a 3 hour drive, 2 blocks down the street, 1 more check in place, 2 Parcels on the way',
      ),
    ).toEqual([]);
  });
});

describe('personal data check', () => {
  const context = { platform: 'x', bannedPhrases: [], agentName: 'Sam' } as const;

  it('offers to move a public reply with personal data to private', () => {
    const text = 'Hi, is jo@mail.example right? Order #: 99887766. – Sam';
    const checks = checkReply(text, { ...context, visibility: 'public' });
    expect(
      checks.map((check) => [check.id, check.severity, text.slice(check.span?.start, check.span?.end)]),
    ).toEqual([
      ['pii-email', 'error', 'jo@mail.example'],
      ['pii-order', 'warning', '99887766'],
    ]);
    expect(checks.every((check) => check.fix?.kind === 'move-to-private')).toBe(true);
  });

  it("warns about a shared inbox only when the brand's domains are unknown", () => {
    const text = 'Write to hello@acme.example or hello@janedoe.com – Sam';
    const severities = (brandDomains?: string[]) =>
      checkReply(text, { ...context, visibility: 'public', ...(brandDomains ? { brandDomains } : {}) }).map(
        (check) => [check.id, check.severity, text.slice(check.span?.start, check.span?.end)],
      );
    expect(severities(['acme.example'])).toEqual([['pii-email', 'error', 'hello@janedoe.com']]);
    expect(severities()).toEqual([
      ['pii-email', 'warning', 'hello@acme.example'],
      ['pii-email', 'warning', 'hello@janedoe.com'],
    ]);
  });

  it('passes the default templates filled for a case: the reference and the support line are ours', () => {
    const mention = { authorHandle: '@jo', caseId: 'case_01JC4X8Y2Z75MJ8' };
    const values = templateValuesFor({
      policy: DEFAULT_POLICY,
      settings: { agentName: 'Sam Lee', agentSignature: '' },
      mention,
      customer: null,
    });
    const reference = caseReference(mention.caseId, DEFAULT_POLICY.brand.name);
    expect(values.caseReference).toBe(reference);
    const text = `Hi Jo, I've read your case (${reference}). Call us on +1 800 555 0100 any time. – Sam`;
    const context = publicReplyCheckContext({
      platform: 'x',
      policy: DEFAULT_POLICY,
      agentName: 'Sam Lee',
      caseReference: reference,
    });
    expect(checkReply(text, context).map((check) => check.id)).toEqual([]);
    // The check's context is what makes the difference.
    expect(
      checkReply(text, { ...context, caseReferences: [], brandPhones: [] }).map((check) => check.id),
    ).toEqual(['pii-phone', 'pii-order']);
  });

  it("lets a reply give the default policy's support line with its opening hours", () => {
    const context = publicReplyCheckContext({
      platform: 'facebook',
      policy: DEFAULT_POLICY,
      agentName: 'Sam',
    });
    expect(checkReply('Our team is on +1 800 555 0100 7 days a week. – Sam', context)).toEqual([]);
  });

  it("warns, without blocking, about an address on the brand's domains that the policy does not list", () => {
    const context = publicReplyCheckContext({
      platform: 'facebook',
      policy: DEFAULT_POLICY,
      agentName: 'Sam',
    });
    const listed = DEFAULT_POLICY.brand.emails[0] as string;
    expect(checkReply(`Write to ${listed} and we will sort it out. – Sam`, context)).toEqual([]);
    const text = 'Write to helpdesk@acme.example and we will sort it out. – Sam';
    const checks = checkReply(text, context);
    expect(
      checks.map((check) => [check.id, check.severity, text.slice(check.span?.start, check.span?.end)]),
    ).toEqual([['pii-email', 'warning', 'helpdesk@acme.example']]);
    expect(checks[0]?.message).toContain('brand.emails');
  });

  it('blocks an IBAN in a public reply', () => {
    const text = 'Refunded to GB82WEST12345698765432. – Sam';
    const checks = checkReply(text, { ...context, visibility: 'public' });
    expect(
      checks.map((check) => [check.id, check.severity, text.slice(check.span?.start, check.span?.end)]),
    ).toEqual([['pii-iban', 'error', 'GB82WEST12345698765432']]);
    expect(checks[0]?.message).toContain('a bank account number (IBAN)');
  });

  it('warns, without blocking, about a 3-2-4 order number', () => {
    const text = 'Your order 123-45-6789 is on its way. – Sam';
    const checks = checkReply(text, { ...context, visibility: 'public' });
    expect(
      checks.map((check) => [check.id, check.severity, text.slice(check.span?.start, check.span?.end)]),
    ).toEqual([['pii-order', 'warning', '123-45-6789']]);
  });

  it('does not block an ordinary customer-service reply', () => {
    const brandPhones = ['+1 800 555 0100', '+49 30 12345678', '+49 151 23456789'];
    const text = [
      'Your order 12345 ships on 2026-11-20 and arrives by 22.11.2026.',
      'Tracking number 1Z999AA10123456784 shows it left the depot at 14:35.',
      'Please update the app to version 3.0.1 (or 10.2.15 on Android), released in 2024.',
      'The refund of $1,234.56 (€1.099,00) reaches your card in 3-5 working days.',
      'We are open Mon-Fri 09:00-17:30, 10am-6pm at weekends.',
      'Our stores at SW1A 1AA, 10115 Berlin and 90210 have it.',
      'Call us on +1 800 555 0100, 1-800-555-0100, 030/12345678 or 0151 2345 6789 any time.',
      'Your invoice RE2600000000046 is attached; we refunded 123 45 6789 points.',
      'The serial number 0123 4567 8901 and voucher 0123 4567 8901 2345 are on the box.',
      'It works via Bluetooth 5 and via USB 3. – Sam',
    ].join(' ');
    // Long for a post on X: only the personal-data checks are looked at.
    const checks = checkReply(text, { ...context, visibility: 'public', brandPhones }).filter((check) =>
      check.id.startsWith('pii-'),
    );
    expect(
      checks.map((check) => [check.id, check.severity, text.slice(check.span?.start, check.span?.end)]),
    ).toEqual([
      ['pii-order', 'warning', '12345'],
      ['pii-order', 'warning', '1Z999AA10123456784'],
      ['pii-order', 'warning', 'RE2600000000046'],
    ]);
  });

  it('blocks a US Social Security number in a public reply', () => {
    const text = 'Is your SSN 123-45-6789? – Sam';
    const checks = checkReply(text, { ...context, visibility: 'public' });
    expect(
      checks.map((check) => [check.id, check.severity, text.slice(check.span?.start, check.span?.end)]),
    ).toEqual([['pii-ssn', 'error', '123-45-6789']]);
    expect(checks[0]?.message).toContain('a US Social Security number');
  });

  it('says how a brand line can be allowed', () => {
    const [check] = checkReply('call 1-800-555-0199 – Sam', { ...context, visibility: 'public' });
    expect(check?.message).toContain('brand.phones');
  });

  it('allows personal data in a private reply', () => {
    const text = 'Hi, is jo@mail.example right? Order #: 99887766. – Sam';
    expect(checkReply(text, { ...context, visibility: 'private' })).toEqual([]);
  });
});
