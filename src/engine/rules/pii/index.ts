/** Every personal-data rule. */
import type { Rule } from '../../types.js';
import { addressEuRules } from './address-eu.js';
import { addressJpRules } from './address-jp.js';
import { addressUkRules } from './address-uk.js';
import { addressUsRules } from './address-us.js';
import { cardRules } from './card.js';
import { dobRules } from './dob.js';
import { emailRules } from './email.js';
import { geoRules } from './geo.js';
import { ibanRules } from './iban.js';
import { ipRules } from './ip.js';
import { labelledRules } from './labelled.js';
import { myNumberRules } from './my-number.js';
import { nationalIdRules } from './national-ids.js';
import { nameRules } from './name.js';
import { commonNameRules } from './name-common.js';
import { deviceOwnerRules } from './name-device.js';
import { passportRules } from './passport.js';
import { phoneRules } from './phone.js';
import { socialRules } from './social.js';
import { ssnRules } from './ssn.js';

/** PII rules in evaluation order. */
export const piiRules: readonly Rule[] = [
  ...emailRules,
  ...cardRules,
  ...ibanRules,
  ...ssnRules,
  ...myNumberRules,
  ...nationalIdRules,
  ...phoneRules,
  ...ipRules,
  ...geoRules,
  ...addressJpRules,
  ...addressUsRules,
  ...addressEuRules,
  ...addressUkRules,
  ...dobRules,
  ...nameRules,
  ...commonNameRules,
  ...deviceOwnerRules,
  ...socialRules,
  ...passportRules,
  ...labelledRules,
];
