import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardNetwork } from './card.js';

test('cardNetwork follows the prefix and length table', () => {
  const cases: Array<[string, string | undefined]> = [
    ['4111111111111111', 'visa'],
    ['4222222222222', 'visa'],
    ['41111111111111', undefined], // Visa has no 14-digit numbers
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['2721000000000000', undefined],
    ['378282246310005', 'amex'],
    ['3782822463100050', undefined],
    ['6011111111111117', 'discover'],
    ['6221260000000000', 'discover'],
    ['3530111333300000', 'jcb'],
    ['30569309025904', 'diners'],
    ['6200000000000005', 'unionpay'],
    ['8100123456789017', 'unionpay'],
    ['810012345678901', undefined], // UnionPay 81 has no 15-digit numbers
    ['6759649826438453', 'maestro'],
    ['501800000000', 'maestro'],
    ['1732291200000', undefined],
    ['9999999999999999', undefined],
  ];
  for (const [digits, network] of cases) assert.equal(cardNetwork(digits), network, digits);
});
