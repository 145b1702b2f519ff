/**
 * Data categories: the Fides taxonomy (fideslang, CC BY 4.0, see NOTICE) plus the few leaves
 * Veil needs that it lacks (marked "extension").
 */
import type { Category } from './types.js';

/** Every category the engine can report, with a one-line description. */
export const CATEGORIES: Readonly<Record<Category, string>> = {
  system: 'Data unique to, and under control of, the system.',
  'system.authentication': 'Credentials of systems: API keys, service tokens, private keys.',
  'system.operations': 'Data used for system operations.',
  user: 'Data related to the user of the system.',
  'user.account.username': 'Username associated with an account.',
  'user.authorization': 'Scope of permissions and access to a system.',
  'user.authorization.credentials': 'A user’s authentication credentials: session tokens, JWTs.',
  'user.authorization.password': 'A user’s password.',
  'user.behavior.browsing_history': 'Pages visited, URLs, referrers.',
  'user.behavior.search_history': 'Search terms.',
  'user.contact': 'Contact data.',
  'user.contact.email': 'Email address.',
  'user.contact.phone_number': 'Phone number.',
  'user.contact.address': 'Postal address.',
  'user.contact.address.street': 'Street-level address.',
  'user.contact.address.city': 'City.',
  'user.contact.address.state': 'State, prefecture or region.',
  'user.contact.address.postal_code': 'Postal code.',
  'user.contact.address.country': 'Country.',
  'user.contact.url': 'Personal website or profile link.',
  'user.demographic.date_of_birth': 'Date of birth.',
  'user.demographic.age_range': 'Age or age range.',
  'user.demographic.gender': 'Gender.',
  'user.demographic.language': 'Spoken or written language, locale.',
  'user.demographic.marital_status': 'Marital or relationship status.',
  'user.demographic.race_ethnicity': 'Race or ethnic origin (GDPR Art. 9; APPI 要配慮: 人種).',
  'user.demographic.religious_belief': 'Religion or beliefs (GDPR Art. 9; APPI 要配慮: 信条).',
  'user.demographic.political_opinion': 'Political opinions (GDPR Art. 9; APPI 要配慮: 信条).',
  'user.demographic.sexual_orientation': 'Sexual orientation or sex life (GDPR Art. 9).',
  'user.demographic.trade_union_membership':
    'Trade union membership (GDPR Art. 9; extension: fideslang has no leaf).',
  'user.criminal_history':
    'Criminal convictions and offences (GDPR Art. 10; APPI 要配慮: 犯罪の経歴).',
  'user.biometric': 'Biometric data used to identify a person (GDPR Art. 9).',
  'user.device.ip_address': 'IP address.',
  'user.device.device_id': 'Device identifier.',
  'user.device.cookie_id': 'Cookie identifier.',
  'user.device.user_agent': 'User agent, OS, browser (extension: fideslang has no leaf).',
  'user.device.vehicle_id':
    'Vehicle identification number or licence plate (extension: fideslang has no leaf).',
  'user.financial': 'Payment data and financial history.',
  'user.financial.bank_account': 'Bank account number, IBAN.',
  'user.financial.credit_card': 'Payment card number.',
  'user.government_id': 'State-issued identifiers.',
  'user.government_id.national_identification_number': 'National id (US SSN, JP My Number).',
  'user.government_id.passport_number': 'Passport number.',
  'user.government_id.drivers_license_number': 'Driver’s license number.',
  'user.location.precise': 'Precise location (under 500 m): latitude/longitude.',
  'user.location.imprecise': 'Coarse location: city, region, country.',
  'user.name': 'A person’s name.',
  'user.name.first': 'First name.',
  'user.name.last': 'Last or family name.',
  'user.unique_id': 'Identifier assigned to a user by a system.',
  'user.unique_id.pseudonymous': 'Keyed pseudonym of an identifier.',
  'user.workplace': 'Organization, workspace or tenant of the user.',
  'user.content.private': 'Free text the user wrote.',
  'user.health_and_medical': 'Health data.',
  'user.health_and_medical.genetic': 'Genetic data (GDPR Art. 9).',
};

/**
 * The special categories of GDPR Art. 9 (health, genetic and biometric data, race or ethnicity,
 * religion, political opinions, sexual orientation, trade union membership) and criminal data
 * (Art. 10): never to a vendor by default, errors for the scanner, flagged in breach records.
 */
export const SPECIAL_CATEGORIES: readonly Category[] = [
  'user.health_and_medical',
  'user.biometric',
  'user.criminal_history',
  'user.demographic.race_ethnicity',
  'user.demographic.religious_belief',
  'user.demographic.political_opinion',
  'user.demographic.sexual_orientation',
  'user.demographic.trade_union_membership',
];

/** True when `category` is `parent` or one of its descendants (`user.contact` covers `user.contact.email`). */
export function isUnder(category: Category, parent: Category): boolean {
  return (
    category === parent ||
    (category.length > parent.length &&
      category.charCodeAt(parent.length) === 46 /* . */ &&
      category.startsWith(parent))
  );
}

/** True when `category` is under any of `parents`. */
export function isUnderAny(category: Category, parents: readonly Category[]): boolean {
  for (const p of parents) if (isUnder(category, p)) return true;
  return false;
}
