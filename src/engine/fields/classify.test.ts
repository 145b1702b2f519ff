import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyField, createFieldClassifier, FIELD_CACHE_LIMIT } from './classify.js';

/** A key alone, or [key, parent]. */
type Case = string | readonly [string, string];

const label = (c: Case): string => (typeof c === 'string' ? c : `${c[1]}.${c[0]}`);
const run = (c: Case) => (typeof c === 'string' ? classifyField(c) : classifyField(c[0], c[1]));

/** Keys whose value the name says is personal data or a credential, by expected category. */
const POSITIVE: readonly (readonly [string, readonly Case[]])[] = [
  [
    'user.health_and_medical',
    ['diagnosis', 'patient_diagnosis', 'diagnosisCode', 'medications', 'bloodType', 'allergies'],
  ],
  ['user.health_and_medical', ['icd10_code', 'heart_rate', 'bmi', 'patientId', 'hiv_status']],
  ['user.health_and_medical', ['病名', '既往歴', '血液型', 'アレルギー', '診断名']],
  // What a key says about health data still reveals it: qualifiers do not cancel it.
  [
    'user.health_and_medical',
    ['is_pregnant', 'has_allergies', 'symptoms_count', 'diagnosis_date', 'mental_health_score'],
  ],
  ['user.contact.email', ['email', '$email', 'userEmail', 'user_email', 'E-Mail', 'contact_email']],
  ['user.contact.email', ['emailAddress', 'mail', 'EMAIL_ADDRESS', 'Email Address', 'ｅｍａｉｌ']],
  ['user.contact.email', ['email2', 'primary-email', 'emails', 'メールアドレス', 'メール']],
  ['user.contact.email', ['会員メールアドレス', 'Eメール', 'correo', ['address', 'email']]],
  ['user.contact.phone_number', ['phone', '$phone', 'phoneNumber', 'PHONE_NUMBER', 'tel']],
  ['user.contact.phone_number', ['telephone', 'mobile', 'mobile_number', 'cell', 'cellPhone']],
  ['user.contact.phone_number', ['fax', 'msisdn', 'phone_e164', 'contact_number', 'telefono']],
  ['user.contact.phone_number', ['電話番号', '電話', '携帯', '携帯電話番号', 'お届け先電話番号']],
  ['user.contact.phone_number', [['number', 'phone']]],
  ['user.name', ['full_name', 'fullName', 'display_name', 'displayName', '$name', 'real_name']],
  ['user.name', ['contact_name', 'customer_name', 'cardholder_name', '氏名', '名前']],
  ['user.name', ['billing_name', 'shippingName', 'delivery_name']],
  ['user.name', ['furigana', 'name_kana', 'nameKana', 'shimei', 'seimei', 'kanji_name']],
  ['user.demographic.religious_belief', ['religion', 'religiousAffiliation', 'faith', '宗教']],
  ['user.demographic.race_ethnicity', ['ethnicity', 'ethnic_origin', 'race_ethnicity', '人種']],
  ['user.demographic.political_opinion', ['political_party', 'politicalViews', '支持政党']],
  ['user.demographic.sexual_orientation', ['sexual_orientation', 'sexuality', '性的指向']],
  ['user.demographic.trade_union_membership', ['union_member', 'trade_union', '労働組合']],
  ['user.criminal_history', ['criminal_record', 'convictions', '前科', '犯罪歴']],
  ['user.biometric', ['fingerprint_template', 'face_template', 'voiceprint']],
  ['user.health_and_medical.genetic', ['genotype', 'dna_profile', 'genetic_data']],
  ['user.demographic.marital_status', ['marital_status', 'maritalStatus', '婚姻状況']],
  ['user.device.vehicle_id', ['vin', 'license_plate', 'plateNumber', 'number_plate', '車台番号']],
  ['user.financial', ['income', 'annual_income', 'income_band', 'salary', 'credit_score', '年収']],
  ['user.name', ['onamae', 'name_furigana', 'full_name_kana']],
  ['user.name.last', ['sei', 'sei_kana', 'seiKana', 'myoji', 'last_name_kana']],
  ['user.name.first', ['mei', 'mei_kana', 'meiKana', 'first_name_kana']],
  ['user.name', ['お名前（カナ）', ['name', 'traits'], ['name', '$set'], ['name', '$set_once']]],
  [
    'user.name',
    [
      ['name', 'user'],
      ['name', 'person'],
      ['name', 'profile'],
      ['name', 'customer'],
    ],
  ],
  [
    'user.name',
    [
      ['name', 'contact'],
      ['name', '$identify'],
      ['name', 'people'],
    ],
  ],
  [
    'user.name',
    [
      ['name', 'member'],
      ['name', 'owner'],
      ['name', 'account_holder'],
    ],
  ],
  [
    'user.name',
    [
      ['name', 'user_properties'],
      ['full', 'name'],
    ],
  ],
  // Lists of people: each item's `name` is a person's (`attendees: [{name: …}]`).
  [
    'user.name',
    [
      ['name', 'attendees'],
      ['name', 'participants'],
      ['name', 'recipients'],
      ['name', 'invitees'],
      ['name', 'guests'],
    ],
  ],
  // A person named by their role; the person a bill, a shipment or an address is for.
  ['user.name', ['recipient', 'sender', 'cardholder', 'beneficiary', 'payee', 'emergency_contact']],
  ['user.name', ['nick', 'user_nick']],
  [
    'user.name',
    [
      ['name', 'billing'],
      ['name', 'shipping_address'],
      ['name', 'billing_details'],
    ],
  ],
  [
    'user.name.first',
    [
      ['first', 'billing'],
      ['first', 'shipping'],
    ],
  ],
  ['user.name.last', [['last', 'billing_address']]],
  // Part of a national id still identifies (US SSN last four); part of a card does not.
  ['user.government_id.national_identification_number', ['ssn_last4', 'ssn_last_four']],
  ['user.name.first', ['first_name', 'firstName', 'FirstName', 'given_name', 'fname']],
  ['user.name.first', ['first name', 'firstname', '$first_name', '名', 'vorname']],
  ['user.name.first', [['first', 'name']]],
  ['user.name.last', ['last_name', 'lastName', 'family_name', 'surname', 'lname', '$last_name']],
  ['user.name.last', ['姓', '苗字', ['family', 'name']]],
  ['user.account.username', ['username', 'user_name', 'userName', 'login', 'handle']],
  ['user.account.username', ['screen_name', 'login_id', 'user_handle', 'ユーザー名', 'ログインID']],
  ['user.contact.address.street', ['address', 'street', 'address_line1', 'addressLine2']],
  ['user.contact.address.street', ['line1', '$address', 'street_address', 'shipping_address']],
  ['user.contact.address.street', ['billingAddress', '住所', '住所1', 'お届け先住所']],
  [
    'user.contact.address.street',
    [
      ['line1', 'address'],
      ['number', 'address'],
    ],
  ],
  ['user.contact.address.postal_code', ['zip', 'zipcode', 'zip_code', 'ZipCode', 'postal_code']],
  ['user.contact.address.postal_code', ['postalCode', 'postcode', '$geoip_postal_code']],
  [
    'user.contact.address.postal_code',
    ['billing_zip', '郵便番号', '〒', ['postalCode', 'address']],
  ],
  ['user.location.imprecise', ['city', '$city', 'town', 'region', '$region', 'state']],
  ['user.location.imprecise', ['billing_state', 'province', 'prefecture', 'country']],
  ['user.location.imprecise', ['country_code', '$country_code', 'mp_country_code', 'ip_country']],
  ['user.location.imprecise', ['$geoip_city_name', 'billing_address_city', '$timezone']],
  ['user.location.imprecise', ['都道府県', '市区町村', ['city', 'location'], ['state', 'address']]],
  ['user.location.precise', ['lat', 'lng', 'lon', 'latitude', 'longitude', 'geo', 'coordinates']],
  ['user.location.precise', ['location_precise', '$latitude', '$geoip_longitude', 'latLng']],
  ['user.location.precise', ['location_lat', '緯度', '経度']],
  ['user.device.ip_address', ['ip', '$ip', 'ip_address', 'ipAddress', 'IPAddress', 'client_ip']],
  ['user.device.ip_address', ['remote_addr', 'remote_ip', 'X-Forwarded-For', 'x_real_ip']],
  ['user.device.ip_address', ['true_client_ip', 'last_seen_ip', 'ipv4', 'IPアドレス']],
  ['user.device.ip_address', ['cf-connecting-ip', ['address', 'ip']]],
  ['user.device.user_agent', ['user_agent', 'userAgent', 'ua', '$user_agent', 'User-Agent']],
  ['user.device.user_agent', ['$os', '$browser', '$browser_version', '$device', 'os_version']],
  [
    'user.device.user_agent',
    [
      ['name', 'os'],
      ['version', 'browser'],
      ['model', 'device'],
    ],
  ],
  ['user.device.device_id', ['device_id', '$device_id', 'deviceId', 'idfa', 'idfv', 'gaid']],
  ['user.device.device_id', ['android_app_set_id', 'appSetId']],
  ['user.unique_id', ['owner', 'assignee', 'createdBy', 'invited_by', 'account_owner', 'approver']],
  ['user.unique_id', ['created_by_id', 'createdById', 'approved_by_id', 'assigned_to_id']],
  ['user.unique_id', ['approver_id', 'creatorId', 'uploader_id', 'inviter_id']],
  ['user.name', ['created_by_name', 'approver_name', 'creator_name']],
  ['user.device.device_id', ['adid', 'advertising_id', 'advertisingId', 'android_id', 'imei']],
  ['user.device.device_id', ['mac_address', '$ios_ifa', 'installation_id', ['id', 'device']]],
  ['user.device.device_id', [['name', 'device'], 'computer_name', 'laptop_id', 'pc_name']],
  ['user.device.cookie_id', ['anonymous_id', 'anonymousId', '$anon_id', 'ajs_anonymous_id']],
  ['user.device.cookie_id', ['_ga', 'cookie_id', 'visitor_id', 'visitorId', '$anon_distinct_id']],
  ['user.device.cookie_id', ['gclid', '_fbp', 'client_id']],
  ['user.unique_id', ['user_id', 'userId', '$user_id', 'distinct_id', '$distinct_id', 'uid']],
  ['user.unique_id', ['customer_id', 'account_id', 'member_id', 'external_id', 'person_id']],
  ['user.unique_id', ['ajs_user_id', 'stripe_customer_id', 'userIDs', 'userid', 'amplitude_id']],
  [
    'user.unique_id',
    ['employee_number', 'ユーザーID', '会員番号', ['id', 'traits'], ['id', 'user']],
  ],
  ['user.workplace', ['org_id', 'organization_id', 'orgId', 'workspace_id', 'company_id']],
  ['user.workplace', ['tenant_id', 'team_id', 'group_id', '$group_id', 'groupId', 'company']],
  ['user.workplace', ['organization', 'org_name', 'company_name', 'employer', 'email_domain']],
  ['user.workplace', ['会社名', '勤務先', ['name', 'company'], ['id', 'company']]],
  ['user.workplace', ['org_domain', ['domain', 'group_traits'], ['domain', 'company']]],
  [
    'user.workplace',
    [
      ['$name', 'group_traits'],
      ['$name', 'group_properties'],
    ],
  ],
  ['user.contact.url', ['twitter', 'linkedin_url', 'linkedinProfile', 'facebook', 'instagram']],
  ['user.contact.url', [['twitter', '$set'], 'personal_website', 'portfolio_url']],
  ['user.account.username', ['twitter_handle', 'githubUsername', 'telegram', 'skype_id']],
  ['user.unique_id', ['Stripe Customer', 'stripe_id', 'paddleCustomer', ['id', 'externalIds']]],
  ['user.device.cookie_id', [['id', 'referrer']]],
  ['user.name', [['name', 'referrer']]],
  [
    'user.behavior.browsing_history',
    [
      ['link', 'referrer'],
      ['url', 'referrer'],
      ['r', '$initial_person_info'],
      ['u', '$initial_person_info'],
    ],
  ],
  ['user.behavior.browsing_history', ['url', '$current_url', 'current_url', 'page_url', 'href']],
  ['user.behavior.browsing_history', ['referrer', '$referrer', 'referer', 'initial_referrer']],
  ['user.behavior.browsing_history', ['$initial_referrer', 'landing_page', 'referring_url']],
  ['user.behavior.browsing_history', ['$referring_domain', '$pathname', 'page_location']],
  ['user.behavior.browsing_history', ['redirect_url', 'queryString', ['path', 'page']]],
  ['user.behavior.browsing_history', [['title', 'page']]],
  ['user.behavior.search_history', ['search', 'search_term', 'searchTerm', 'search_query']],
  ['user.behavior.search_history', ['query', 'q', 'keyword', 'keywords', 'mp_keyword']],
  ['user.behavior.search_history', ['search_q', '検索キーワード', ['search', 'page']]],
  ['user.demographic.language', ['locale', '$locale', 'language', 'lang', 'accept_language']],
  ['user.demographic.language', ['Accept-Language', 'browser_language', 'preferred_language']],
  ['user.demographic.language', ['言語']],
  ['user.demographic.date_of_birth', ['dob', 'birthday', 'birth_date', 'date_of_birth']],
  ['user.demographic.date_of_birth', ['birthdate', 'birth_day', 'DateOfBirth', '誕生日']],
  ['user.demographic.date_of_birth', ['生年月日']],
  ['user.demographic.age_range', ['age', 'age_range', 'user_age', 'ageGroup', '年齢']],
  ['user.demographic.gender', ['gender', 'sex', '性別']],
  ['user.financial.credit_card', ['card_number', 'cardNumber', 'cc_number', 'credit_card']],
  ['user.financial.credit_card', ['card_no', 'pan', 'cardnumber', 'credit_card_number', 'cvv']],
  ['user.financial.credit_card', ['カード番号', 'クレジットカード番号', ['number', 'card']]],
  ['user.financial.bank_account', ['iban', 'account_number', 'bank_account', 'routing_number']],
  ['user.financial.bank_account', ['bankAccountNumber', 'sort_code', '口座番号']],
  ['user.government_id.national_identification_number', ['ssn', 'social_security_number']],
  ['user.government_id.national_identification_number', ['sin', 'national_id', 'my_number']],
  ['user.government_id.national_identification_number', ['mynumber', 'MyNumber', 'kojin_bango']],
  ['user.government_id.national_identification_number', ['個人番号', 'マイナンバー', 'tax_id']],
  ['user.government_id.national_identification_number', ['tin', 'nino', 'aadhaar']],
  ['user.government_id.national_identification_number', ['individual_number', 'individualNumber']],
  ['user.government_id.national_identification_number', ['resident_card_number', '在留カード番号']],
  ['user.government_id.national_identification_number', ['pension_number', '基礎年金番号']],
  ['user.health_and_medical', ['insurance_no', 'insuranceNumber', '保険証番号', '被保険者番号']],
  ['user.government_id.passport_number', ['passport', 'passport_number', 'passportNo', '旅券番号']],
  ['user.government_id.drivers_license_number', ['drivers_license', 'driver_license_number']],
  ['user.government_id.drivers_license_number', ['license_number', 'driversLicense']],
  ['user.government_id.drivers_license_number', ['運転免許証番号']],
  ['user.authorization.password', ['password', 'Password', 'passwd', 'pwd', 'pass']],
  ['user.authorization.password', ['passphrase', 'pin_code', 'new_password', 'db_pass']],
  ['user.authorization.password', ['password_confirmation', 'confirm_password', 'user_password']],
  [
    'user.authorization.password',
    ['password_hash', 'パスワード', '暗証番号', ['value', 'password']],
  ],
  ['system.authentication', ['api_key', 'apiKey', 'apikey', 'API_KEY', 'x-api-key', 'access_key']],
  ['system.authentication', ['secret_key', 'private_key', 'client_secret', 'secret', 'app_secret']],
  ['system.authentication', ['signing_secret', 'webhook_secret', 'aws_secret_access_key']],
  ['system.authentication', ['AWS_ACCESS_KEY_ID', 'service_key', 'openai_api_key', 'apiキー']],
  ['user.authorization.credentials', ['token', 'access_token', 'accessToken', 'refresh_token']],
  ['user.authorization.credentials', ['id_token', 'auth_token', 'session_token', 'bearer']],
  ['user.authorization.credentials', ['authorization', 'Authorization', 'auth', 'cookie']],
  [
    'user.authorization.credentials',
    ['Set-Cookie', 'session_id', 'sessionid', '$session_id', '$window_id', 'window_id'],
  ],
  ['user.authorization.credentials', ['jwt', 'csrf_token', 'X-CSRF-Token', 'otp', 'mfa_code']],
  [
    'user.authorization.credentials',
    ['$android_devices', '$ios_devices', 'push_tokens', 'fcm_token'],
  ],
  ['user.authorization.credentials', ['verification_code', 'push_token', 'password_reset_token']],
  ['user.authorization.credentials', ['アクセストークン', 'ワンタイムパスワード']],
  ['user.unique_id.pseudonymous', ['email_hash', 'hashed_email', 'email_sha256', 'phone_md5']],
  ['user.unique_id.pseudonymous', ['user_id_hash', 'ip_hash']],
];

/** Keys that hold no personal data, or talk about it rather than hold it. */
// prettier-ignore
const NEGATIVE: readonly Case[] = [
  'card_last4',
  // social networks counted or configured, not a person's profile; domains that are not an org's
  'twitter_share_count', 'facebook_app_id', 'github', 'domain', 'cookie_domain', ['domain', 'page'],
  'recipient_count',
  'sender_type',
  ['name', 'items'],
  ['name', 'events'],
  ['amount', 'billing'],
  ['method', 'shipping'],
  // everyday words kept out of the health names: experiment arms, product states, health checks
  'treatment', 'experiment_treatment', 'condition', 'item_condition', 'health', 'healthcheck',
  'health_status', 'care', 'therapy',
  // plain `name` / `id` outside person-ish objects
  ['name', 'properties'], 'name', ['name', 'context'], ['name', 'app'], ['name', 'library'],
  ['name', 'campaign'], ['id', 'properties'], 'id', ['version', 'app'], ['source', 'campaign'],
  // product analytics vocabulary
  'product_name', ['product_name', 'traits'], 'feature_name', 'event', 'event_name', 'plan',
  'model', 'model_name', 'duration_ms', 'price', 'sku', 'order_id', 'orderId', 'message_id',
  'messageId', '$insert_id', 'time', 'timestamp', 'currency', 'quantity', 'revenue', 'category',
  'title', 'path', 'status', 'sort_by_id', 'group_by_name', 'page_name', 'campaign_name', 'file_name', 'filename', 'hostname',
  'namespace', 'display', '$screen_width', '$lib', 'mp_lib', '$lib_version', 'session_duration',
  'relationship_status', 'address_id', 'bic', '商品名',
  // campaign parameters
  'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
  // sensitive-looking letters inside other words
  'zip_file', 'zip_archive', 'gzip', 'tip_amount', 'tipping', 'ship_to', 'shipping',
  'shipping_method', 'passenger_count', 'passenger', 'compass', 'compass_heading',
  'mailbox_count', 'ipsum',
  // qualifiers: the key describes the data
  'email_verified', 'emailVerified', 'email_template', 'email_type', 'email_enabled',
  'email_opt_in', 'email_count', 'has_email', 'hasEmail', 'is_email_verified', 'email_sent',
  'email_provider', 'num_emails', 'phone_verified', 'url_length', 'name_length',
  ['name_length', 'traits'], 'password_strength', 'password_changed_at',
  'password_reset_requested', 'last_login', 'login_count', 'collect_ip', 'auth_method',
  'auth_provider', 'cookie_consent', 'card_last4', '$had_persisted_distinct_id',
  // LLM token accounting is not a credential
  'token_count', 'max_tokens', 'prompt_tokens', 'completion_tokens', 'total_tokens',
  'tokens_used', 'token_limit', 'token_type', 'token_expires_at', 'input_tokens', 'token_usage',
  'context_window',
  // the name or prefix of a secret is not the secret; public keys are public
  'token_name', 'secret_name', 'api_key_prefix', 'public_key', 'publishable_key',
  // weak names after a non-context word, and known non-personal compounds
  'app_state', 'max_age', 'aws_region', 'sql_query', 'programming_language', 'boarding_pass',
  'image_url', 'search_engine', '$search_engine', 'mobile_app',
  // words that only look like special categories
  'race', 'race_id', 'race_condition', 'screen_orientation', 'orientation', 'third_party',
  'party_size', 'union_type', 'plate', 'plate_count', 'vintage',
  // nothing to classify
  '', '$', '__',
];

for (const [category, cases] of POSITIVE) {
  for (const c of cases) {
    test(`${label(c)} → ${category}`, () => {
      const found = run(c);
      assert.equal(found?.category, category);
      const confidence = found?.confidence ?? -1;
      assert.ok(confidence > 0 && confidence <= 1, `confidence ${confidence}`);
    });
  }
}

for (const c of NEGATIVE) {
  test(`${label(c)} → nothing`, () => assert.equal(run(c), undefined));
}

test('ambiguous names get lower confidence than unambiguous ones', () => {
  const conf = (key: string): number => classifyField(key)?.confidence ?? 0;
  for (const [weak, strong] of [
    ['pass', 'password'],
    ['q', 'search_term'],
    ['handle', 'username'],
    ['login', 'username'],
    ['mail', 'email'],
    ['$os', 'user_agent'],
    ['session_id', 'session_token'],
  ] as const) {
    assert.ok(conf(weak) < conf(strong), `${weak} ${conf(weak)} < ${strong} ${conf(strong)}`);
  }
});

test('an unknown trailing word keeps the category with lower confidence', () => {
  const plain = classifyField('phone');
  const trailed = classifyField('phone_region');
  assert.equal(trailed?.category, plain?.category);
  assert.ok((trailed?.confidence ?? 1) < (plain?.confidence ?? 0));
});

test('the memoizing classifier agrees with classifyField on every case', () => {
  const classify = createFieldClassifier();
  const all: Case[] = [...POSITIVE.flatMap(([, cases]) => cases), ...NEGATIVE];
  for (let round = 0; round < 2; round++) {
    for (const c of all) {
      const cached = typeof c === 'string' ? classify(c) : classify(c[0], c[1]);
      assert.deepEqual(cached, run(c), label(c));
    }
  }
});

test('the memoizing classifier caches per parent', () => {
  const classify = createFieldClassifier();
  assert.equal(classify('name', 'traits')?.category, 'user.name');
  assert.equal(classify('name', 'properties'), undefined);
  assert.equal(classify('name'), undefined);
  assert.equal(classify('name', 'traits')?.category, 'user.name');
  assert.equal(classify('email'), classify('email'), 'a repeated key returns the cached object');
});

test('the memoizing classifier stays correct past its size limit', () => {
  const classify = createFieldClassifier();
  for (let i = 0; i <= FIELD_CACHE_LIMIT + 10; i++) classify(`custom_prop_${i}`, 'properties');
  assert.equal(classify('email', 'properties')?.category, 'user.contact.email');
  assert.equal(classify('custom_prop_3', 'properties'), undefined);
  const long = `${'x'.repeat(1000)}_email`;
  assert.equal(classify(long)?.category, 'user.contact.email');
  assert.equal(classify(long)?.category, 'user.contact.email');
});

test('huge keys are classified (linear-time matching)', () => {
  const words = [...Array(5000).fill('user'), ...Array(5000).fill('q')].join('_');
  assert.equal(classifyField(words)?.category, 'user.behavior.search_history');
  assert.equal(
    classifyField(`${'会'.repeat(20000)}電話番号`)?.category,
    'user.contact.phone_number',
  );
});
