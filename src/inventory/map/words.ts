/**
 * Categories in plain words, English and Japanese, for people (the disclosure page, the data
 * map). A category without its own entry takes its nearest parent's words.
 */

/** Plain words for one category. */
export interface Words {
  readonly en: string;
  readonly ja: string;
}

const WORDS: Readonly<Record<string, Words>> = {
  system: { en: 'system data', ja: 'システム情報' },
  'system.authentication': { en: 'system credentials', ja: 'システムの認証情報' },
  user: { en: 'information about the user', ja: '利用者に関する情報' },
  'user.account.username': { en: 'user name (account)', ja: 'アカウント名' },
  'user.authorization': { en: 'login credentials', ja: 'ログイン認証情報' },
  'user.behavior': { en: 'usage and browsing history', ja: '利用履歴・閲覧履歴' },
  'user.behavior.browsing_history': {
    en: 'pages viewed and referrers',
    ja: '閲覧ページのURL・参照元',
  },
  'user.behavior.search_history': { en: 'search terms', ja: '検索語' },
  'user.contact': { en: 'contact details', ja: '連絡先' },
  'user.contact.email': { en: 'email address', ja: 'メールアドレス' },
  'user.contact.phone_number': { en: 'phone number', ja: '電話番号' },
  'user.contact.address': { en: 'postal address', ja: '住所' },
  'user.contact.address.city': { en: 'city', ja: '市区町村' },
  'user.contact.address.state': { en: 'state or prefecture', ja: '都道府県・州' },
  'user.contact.address.country': { en: 'country', ja: '国' },
  'user.contact.address.postal_code': { en: 'postal code', ja: '郵便番号' },
  'user.contact.url': { en: 'personal website', ja: '個人のウェブサイト' },
  'user.demographic': { en: 'demographic information', ja: '属性情報' },
  'user.demographic.date_of_birth': { en: 'date of birth', ja: '生年月日' },
  'user.demographic.age_range': { en: 'age range', ja: '年齢層' },
  'user.demographic.gender': { en: 'gender', ja: '性別' },
  'user.demographic.language': { en: 'language setting', ja: '言語設定' },
  'user.device': { en: 'device information', ja: '端末情報' },
  'user.device.ip_address': { en: 'IP address', ja: 'IPアドレス' },
  'user.device.device_id': { en: 'device identifier', ja: '端末識別子' },
  'user.device.cookie_id': { en: 'cookie identifier', ja: 'Cookie識別子' },
  'user.device.user_agent': { en: 'browser and operating system', ja: 'ブラウザ・OSの種類' },
  'user.financial': { en: 'payment information', ja: '決済情報' },
  'user.government_id': { en: 'government identifiers', ja: '公的な識別番号' },
  'user.health_and_medical': { en: 'health information', ja: '健康に関する情報' },
  'user.location.precise': { en: 'precise location', ja: '詳細な位置情報' },
  'user.location.imprecise': {
    en: 'approximate location (city, region, country)',
    ja: 'おおよその位置情報（市区町村・地域・国）',
  },
  'user.name': { en: 'name', ja: '氏名' },
  'user.unique_id': { en: 'user identifier', ja: '利用者識別子' },
  'user.unique_id.pseudonymous': {
    en: 'pseudonymous user identifier (keyed hash)',
    ja: '仮名化された利用者識別子（鍵付きハッシュ）',
  },
  'user.workplace': { en: 'organization or workspace', ja: '所属組織・ワークスペース' },
  'user.content.private': { en: 'text written by the user', ja: '利用者が入力した文章' },
};

/** Words for `category`: its own, else its nearest parent's, else the category name itself. */
export function categoryWords(category: string): Words {
  for (let c = category; c !== ''; c = c.includes('.') ? c.slice(0, c.lastIndexOf('.')) : '') {
    const w = Object.hasOwn(WORDS, c) ? WORDS[c] : undefined;
    if (w !== undefined) return w;
  }
  return { en: category, ja: category };
}

/** What every vendor receives besides the categorized fields. */
export const USAGE_WORDS: Words = {
  en: 'usage of the service (names and times of actions)',
  ja: 'サービスの利用状況（操作の種類と日時）',
};
