/**
 * Field names of financial data, government ids, health data, passwords, user credentials and
 * system secrets (English and a few international ids; Japanese names are in names-intl.ts).
 * Data only.
 */
import type { NameGroup } from './types.js';

/** Payment cards, bank accounts and state-issued identifiers. */
export const FINANCIAL_NAMES: readonly NameGroup[] = [
  {
    category: 'user.financial.credit_card',
    confidence: 0.95,
    names: ['card number', 'credit card number', 'cc number', 'card no', 'card num', 'cc num'],
  },
  {
    category: 'user.financial.credit_card',
    confidence: 0.9,
    names: ['credit card', 'cc no', 'payment card number', 'cvv', 'cvc', 'card cvc', 'card cvv'],
  },
  // `pan` is also an Indian tax id (PAN card): sensitive either way, ambiguous, so weak.
  { category: 'user.financial.credit_card', confidence: 0.6, names: ['pan'], weak: [] },
  {
    category: 'user.financial.bank_account',
    confidence: 0.9,
    names: ['iban', 'bank account number', 'account number', 'account no', 'account num'],
  },
  {
    category: 'user.financial.bank_account',
    confidence: 0.85,
    names: ['bank account', 'routing number', 'sort code', 'acct number', 'bank number'],
  },
  { category: 'user.financial', confidence: 0.6, names: ['wallet address'] },
  {
    category: 'user.government_id.national_identification_number',
    confidence: 0.95,
    names: [
      'ssn',
      'social security number',
      'social security no',
      'my number',
      'kojin bango',
      // The official English name of My Number (個人番号).
      'individual number',
    ],
  },
  {
    category: 'user.government_id.national_identification_number',
    confidence: 0.9,
    names: ['national id', 'national id number', 'national identification number', 'aadhaar'],
  },
  {
    category: 'user.government_id.national_identification_number',
    confidence: 0.85,
    names: ['tax id', 'taxpayer id', 'tax number', 'national insurance number', 'curp', 'pesel'],
  },
  // A residence card's number is a government id, not a payment card's (`card number`); a
  // pension number (Japan's 基礎年金番号) identifies a person for life.
  {
    category: 'user.government_id.national_identification_number',
    confidence: 0.9,
    names: [
      'resident card number',
      'residence card number',
      'residence card no',
      'resident card no',
      'pension number',
      'pension no',
      'basic pension number',
    ],
  },
  {
    category: 'user.government_id.national_identification_number',
    confidence: 0.8,
    names: ['nino', 'ni number', 'cpf', 'dni', 'personnummer', 'aadhar', 'social insurance number'],
  },
  {
    category: 'user.government_id.national_identification_number',
    confidence: 0.6,
    names: ['sin', 'tin', 'bsn'],
    weak: [],
  },
  {
    category: 'user.government_id.national_identification_number',
    confidence: 0.6,
    names: ['id number', 'id card number'],
  },
  {
    category: 'user.government_id.passport_number',
    confidence: 0.95,
    names: ['passport number', 'passport no', 'passport num', 'passport id'],
  },
  { category: 'user.government_id.passport_number', confidence: 0.85, names: ['passport'] },
  {
    category: 'user.government_id.drivers_license_number',
    confidence: 0.95,
    names: ['drivers license number', 'driver license number', 'driving licence number'],
  },
  {
    category: 'user.government_id.drivers_license_number',
    confidence: 0.85,
    names: ['drivers license', 'driver license', 'driving licence', 'driving license'],
  },
  {
    category: 'user.government_id.drivers_license_number',
    confidence: 0.85,
    names: ['drivers licence', 'driver licence', 'driving license number'],
  },
  {
    category: 'user.government_id.drivers_license_number',
    confidence: 0.7,
    names: ['license number', 'licence number', 'dl number'],
  },
];

/** Passwords, user credentials and system secrets. */
export const SECRET_NAMES: readonly NameGroup[] = [
  {
    category: 'user.authorization.password',
    confidence: 0.95,
    names: ['password', 'passwd', 'passphrase', 'pass phrase', 'passwort'],
  },
  { category: 'user.authorization.password', confidence: 0.85, names: ['pwd', 'passcode'] },
  // `pin code` is also India's postal code; the value is six digits either way.
  {
    category: 'user.authorization.password',
    confidence: 0.7,
    names: ['pin code', 'pin number', 'mot de passe', 'contrasena'],
  },
  {
    category: 'user.authorization.password',
    confidence: 0.5,
    names: ['pass', 'pin', 'pw'],
    weak: ['db', 'database', 'admin', 'root', 'smtp', 'ftp', 'wifi', 'login', 'auth', 'basic'],
  },
  { category: null, confidence: 0, names: ['boarding pass', 'season pass', 'day pass'] },
  {
    category: 'system.authentication',
    confidence: 0.95,
    names: ['private key', 'client secret', 'signing secret', 'api secret', 'secret access key'],
  },
  {
    category: 'system.authentication',
    confidence: 0.9,
    names: ['api key', 'secret key', 'app secret', 'consumer secret', 'signing key', 'master key'],
  },
  {
    category: 'system.authentication',
    confidence: 0.9,
    names: ['api token', 'service account key', 'encryption key', 'connection string'],
  },
  {
    category: 'system.authentication',
    confidence: 0.85,
    names: ['secret', 'secrets', 'access key', 'service key', 'app key', 'ssh key'],
  },
  {
    category: 'system.authentication',
    confidence: 0.7,
    names: ['write key', 'access key id', 'database url', 'db url', 'dsn', 'license key'],
  },
  { category: null, confidence: 0, names: ['public key', 'publishable key', 'secret santa'] },
  {
    category: 'user.authorization.credentials',
    confidence: 0.95,
    names: ['access token', 'refresh token', 'auth token', 'session token', 'authorization code'],
  },
  {
    category: 'user.authorization.credentials',
    confidence: 0.9,
    names: ['id token', 'jwt', 'bearer token', 'one time password', 'totp', 'auth code'],
  },
  {
    category: 'user.authorization.credentials',
    confidence: 0.85,
    names: ['bearer', 'authorization', 'csrf token', 'xsrf token', 'otp', 'mfa code', '2fa code'],
  },
  {
    category: 'user.authorization.credentials',
    confidence: 0.85,
    names: ['one time code', 'verification code', 'magic link', 'set cookie'],
  },
  {
    category: 'user.authorization.credentials',
    confidence: 0.8,
    names: ['token', 'credentials', 'credential', 'csrf', 'xsrf'],
  },
  { category: 'user.authorization.credentials', confidence: 0.7, names: ['cookie', 'cookies'] },
  // Mixpanel's push registrations: FCM registration tokens and APNs device tokens, which let
  // whoever holds the app's server key push to that device.
  {
    category: 'user.authorization.credentials',
    confidence: 0.8,
    names: ['android devices', 'ios devices', 'push tokens', 'device tokens'],
  },
  { category: 'user.authorization.credentials', confidence: 0.6, names: ['auth'] },
  // Analytics session ids (Amplitude's epoch ms, PostHog's UUID) are not secrets, but a web
  // session id is a bearer credential: medium confidence, the policy decides.
  {
    category: 'user.authorization.credentials',
    confidence: 0.6,
    names: ['session id', 'session key'],
  },
];

/**
 * Health and medical data (a special category under GDPR Art. 9 and 要配慮個人情報 under the
 * APPI). Words that are also everyday analytics vocabulary are left out: `treatment` (an
 * experiment arm), `condition` (a product's or a rule's), `therapy` alone, `care`, `health` (a
 * service's health check).
 */
export const HEALTH_NAMES: readonly NameGroup[] = [
  {
    category: 'user.health_and_medical',
    confidence: 0.9,
    names: [
      'diagnosis',
      'diagnoses',
      'medical condition',
      'medical conditions',
      'health condition',
      'medical history',
      'medical record',
      'medical record number',
      'health record',
      'medication',
      'medications',
      'prescription',
      'prescriptions',
      'allergies',
      'blood type',
      'blood group',
      'icd10',
      'icd10 code',
      'icd code',
      'hiv status',
      'mental health',
      'pregnancy',
      'disability',
      'disabilities',
      'symptoms',
    ],
  },
  {
    category: 'user.health_and_medical',
    confidence: 0.8,
    names: [
      'allergy',
      'symptom',
      'pregnant',
      'blood pressure',
      'blood sugar',
      'blood glucose',
      'heart rate',
      'bmi',
      'health insurance number',
      'patient id',
      'mrn',
    ],
  },
  // An insurance number on its own: a health insurance card's (Japan restricts even asking for
  // it), a policy's. Which insurance is not known from the name, so the lower confidence; it is
  // removed either way.
  {
    category: 'user.health_and_medical',
    confidence: 0.7,
    names: [
      'insurance number',
      'insurance no',
      'insurance num',
      'insurance id',
      'insured number',
      'member insurance number',
    ],
  },
];

/**
 * The other special categories (GDPR Art. 9 and 10; APPI 要配慮個人情報: 人種, 信条, 犯罪の経歴),
 * marital status and income. Analytics words that only look like them are left out: `race` alone
 * (a game's race, a race condition), `orientation` (a screen's), `party` (a third party).
 */
export const SPECIAL_NAMES: readonly NameGroup[] = [
  {
    category: 'user.demographic.religious_belief',
    confidence: 0.9,
    names: ['religion', 'religious affiliation', 'religious belief', 'religious beliefs', 'faith'],
  },
  { category: 'user.demographic.religious_belief', confidence: 0.8, names: ['denomination'] },
  {
    category: 'user.demographic.race_ethnicity',
    confidence: 0.9,
    names: ['ethnicity', 'ethnic origin', 'ethnic group', 'ethnic background', 'racial origin'],
  },
  // `race` alone is a game's, a condition's: only with ethnicity.
  {
    category: 'user.demographic.race_ethnicity',
    confidence: 0.9,
    names: ['race ethnicity', 'race and ethnicity', 'racial identity'],
  },
  {
    category: 'user.demographic.political_opinion',
    confidence: 0.9,
    names: [
      'political party',
      'political affiliation',
      'political views',
      'political view',
      'political opinion',
      'political leaning',
      'party affiliation',
      'voting intention',
    ],
  },
  {
    category: 'user.demographic.sexual_orientation',
    confidence: 0.9,
    names: ['sexual orientation', 'sexuality', 'sex life'],
  },
  {
    category: 'user.demographic.trade_union_membership',
    confidence: 0.9,
    names: ['union member', 'union membership', 'trade union', 'trade union member', 'labor union'],
  },
  {
    category: 'user.criminal_history',
    confidence: 0.9,
    names: [
      'criminal record',
      'criminal records',
      'criminal history',
      'convictions',
      'conviction',
      'arrest record',
      'arrest history',
      'offences',
      'offenses',
    ],
  },
  {
    category: 'user.biometric',
    confidence: 0.9,
    names: [
      // `fingerprint` alone is a browser's (a device id, names-personal.ts).
      'fingerprint template',
      'fingerprint image',
      'face template',
      'faceprint',
      'voiceprint',
      'iris scan',
      'biometric template',
    ],
  },
  {
    category: 'user.health_and_medical.genetic',
    confidence: 0.9,
    names: ['genetic data', 'genotype', 'dna profile', 'genetic test result', 'dna test result'],
  },
  {
    category: 'user.demographic.marital_status',
    confidence: 0.85,
    // `relationship_status` is mostly a CRM's (customer, prospect): not listed.
    names: ['marital status', 'civil status'],
  },
  {
    category: 'user.financial',
    confidence: 0.85,
    names: [
      'income',
      'annual income',
      'household income',
      'income band',
      'income range',
      'income bracket',
      'salary',
      'annual salary',
      'net worth',
      'credit score',
    ],
  },
];
