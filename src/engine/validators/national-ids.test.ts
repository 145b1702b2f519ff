import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isDate,
  isValidAadhaar,
  isValidBsn,
  isValidChineseId,
  isValidCodiceFiscale,
  isValidCpf,
  isValidDniNie,
  isValidNhsNumber,
  isValidNinoPrefix,
  isValidNir,
  isValidNric,
  isValidPan,
  isValidPesel,
  koreanRrn,
} from './national-ids.js';

test('CPF: both check digits, repeated digits refused', () => {
  assert.ok(isValidCpf('52998224725'));
  assert.ok(isValidCpf('11144477735'));
  assert.ok(!isValidCpf('52998224726'), 'second check digit');
  assert.ok(!isValidCpf('52998224715'), 'first check digit');
  assert.ok(!isValidCpf('11111111111'), 'repeated digits pass the formula but are not issued');
  assert.ok(!isValidCpf('5299822472'));
});

test('calendar dates', () => {
  assert.ok(isDate(2024, 2, 29));
  assert.ok(!isDate(2023, 2, 29));
  assert.ok(!isDate(2024, 13, 1));
  assert.ok(!isDate(2024, 4, 31));
});

test('China resident id: region, birth date, MOD 11-2 check character', () => {
  assert.ok(isValidChineseId('11010519491231002X'));
  assert.ok(isValidChineseId('440305199003071236'));
  assert.ok(!isValidChineseId('440305199003071235'), 'check character');
  assert.ok(!isValidChineseId('440305199013071236'), 'month 13');
  assert.ok(!isValidChineseId('940305199003071236'), 'region starting with 9');
  assert.ok(!isValidChineseId('440305189003071236'), 'born before 1900');
});

test('Korea RRN: birth date and sex digit; the check digit is reported, not required', () => {
  assert.deepEqual(koreanRrn('9503152845911'), { valid: true, checked: true });
  assert.deepEqual(koreanRrn('9503152845917'), { valid: true, checked: false });
  assert.equal(koreanRrn('9513152845911').valid, false, 'month 13');
  assert.equal(koreanRrn('0202304000005').valid, false, 'February 30 (2002, sex digit 4)');
});

test('Singapore NRIC / FIN check letters', () => {
  assert.ok(isValidNric('S1234567D'));
  assert.ok(isValidNric('T0123456G'));
  assert.ok(isValidNric('F1234567N'));
  assert.ok(!isValidNric('S1234567A'));
  assert.ok(!isValidNric('X1234567D'));
});

test('UK NINO prefixes', () => {
  assert.ok(isValidNinoPrefix('AB'));
  assert.ok(isValidNinoPrefix('JG'));
  for (const bad of ['QQ', 'GB', 'BG', 'NK', 'ZZ', 'DA', 'AO'])
    assert.ok(!isValidNinoPrefix(bad), bad);
});

test('codice fiscale: structure, day, check letter', () => {
  assert.ok(isValidCodiceFiscale('RSSMRA85T10A562S'));
  assert.ok(isValidCodiceFiscale('MRTMTT91D08F205J'));
  assert.ok(!isValidCodiceFiscale('RSSMRA85T10A562T'), 'check letter');
  assert.ok(!isValidCodiceFiscale('RSSMRA85T35A562S'), 'day 35');
  assert.ok(!isValidCodiceFiscale('RSSMRA85X10A562S'), 'month letter X');
});

test('Aadhaar: Verhoeff check digit, first digit 2–9', () => {
  assert.ok(isValidAadhaar('234123412346'));
  assert.ok(!isValidAadhaar('234123412345'));
  assert.ok(!isValidAadhaar('134123412346'));
});

test('PAN: holder type letter', () => {
  assert.ok(isValidPan('ABCPE1234F'));
  assert.ok(!isValidPan('ABCXE1234F'));
  assert.ok(!isValidPan('ABCPE12345'));
});

test('NHS number: mod-11 check digit', () => {
  assert.ok(isValidNhsNumber('9434765919'));
  assert.ok(!isValidNhsNumber('9434765918'));
  assert.ok(!isValidNhsNumber('0000000000'));
});

test('DNI / NIE letters', () => {
  assert.ok(isValidDniNie('12345678Z'));
  assert.ok(isValidDniNie('X1234567L'));
  assert.ok(!isValidDniNie('12345678A'));
  assert.ok(!isValidDniNie('X12345678Z'), 'NIE has 7 digits');
});

test('NIR key, month and Corsica departments', () => {
  assert.ok(isValidNir('255081416802538'));
  assert.ok(!isValidNir('255081416802539'));
  assert.ok(!isValidNir('255131416802538'), 'month 13');
  // 2A: the department counts as 19 and the number is lowered by 1,000,000 for the key.
  const body = 1850519000001n - 1000000n;
  const key = String(97n - (body % 97n)).padStart(2, '0');
  assert.ok(isValidNir(`185052A000001${key}`));
});

test('BSN 11-test', () => {
  assert.ok(isValidBsn('111222333'));
  assert.ok(isValidBsn('123456782'));
  assert.ok(!isValidBsn('123456789'));
  assert.ok(!isValidBsn('000000000'));
});

test('PESEL: date with the century in the month, check digit', () => {
  assert.ok(isValidPesel('44051401359'));
  assert.ok(isValidPesel('02070803628'));
  assert.ok(!isValidPesel('44051401358'));
  assert.ok(!isValidPesel('44133201359'), 'month 13 of the 1900s');
});
