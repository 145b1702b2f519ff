/**
 * Field names in Japanese and a few European languages. Data only.
 *
 * Japanese compounds are head-final and unspaced (`会員メールアドレス`, `お客様氏名`), so a
 * CJK word also matches when it ENDS with a name of two or more characters listed here.
 * One-character names (`姓`, `名`, `国`) match only the whole word: `商品名` (product name)
 * must not match `名`.
 */
import type { NameGroup } from './types.js';

/** Japanese field names. */
export const JAPANESE_NAMES: readonly NameGroup[] = [
  {
    category: 'user.health_and_medical',
    confidence: 0.9,
    names: [
      '病名',
      '診断名',
      '既往歴',
      '病歴',
      '服薬',
      '処方',
      '血液型',
      'アレルギー',
      '障害者手帳',
      '妊娠',
      '保険証番号',
      '被保険者番号',
      '保険者番号',
    ],
  },
  { category: 'user.contact.email', confidence: 0.95, names: ['メールアドレス', 'e メール'] },
  { category: 'user.contact.email', confidence: 0.85, names: ['メール'] },
  { category: 'user.contact.email', confidence: 0.6, names: ['アドレス'] },
  { category: 'user.device.ip_address', confidence: 0.95, names: ['ip アドレス'] },
  {
    category: 'user.contact.phone_number',
    confidence: 0.9,
    names: ['電話番号', '携帯電話番号', '携帯番号', 'tel 番号', 'fax 番号', 'ファックス番号'],
  },
  { category: 'user.contact.phone_number', confidence: 0.85, names: ['電話', '携帯', '携帯電話'] },
  { category: 'user.contact', confidence: 0.7, names: ['連絡先'] },
  { category: 'user.name', confidence: 0.9, names: ['氏名', 'お名前', '姓名'] },
  {
    category: 'user.name',
    confidence: 0.75,
    names: ['名前', 'フリガナ', 'ふりがな', 'ニックネーム'],
  },
  { category: 'user.name.first', confidence: 0.85, names: ['名前 名', '下の名前'] },
  { category: 'user.name.first', confidence: 0.6, names: ['名', 'メイ', 'めい'] },
  { category: 'user.name.last', confidence: 0.85, names: ['姓', '苗字', '名字'] },
  { category: 'user.name.last', confidence: 0.6, names: ['セイ', 'せい'] },
  // 要配慮個人情報 (APPI Art. 2(3)): 人種, 信条, 犯罪の経歴 (病歴 is with the health names).
  {
    category: 'user.demographic.religious_belief',
    confidence: 0.9,
    names: ['宗教', '信仰', '宗派'],
  },
  { category: 'user.demographic.race_ethnicity', confidence: 0.9, names: ['人種', '民族'] },
  {
    category: 'user.demographic.political_opinion',
    confidence: 0.9,
    names: ['支持政党', '政治信条', '思想信条', '信条'],
  },
  { category: 'user.criminal_history', confidence: 0.9, names: ['犯罪歴', '前科', '犯歴'] },
  { category: 'user.demographic.sexual_orientation', confidence: 0.9, names: ['性的指向'] },
  { category: 'user.demographic.trade_union_membership', confidence: 0.9, names: ['労働組合'] },
  {
    category: 'user.demographic.marital_status',
    confidence: 0.85,
    names: ['婚姻状況', '既婚未婚'],
  },
  { category: 'user.financial', confidence: 0.85, names: ['年収', '収入', '世帯年収', '所得'] },
  {
    category: 'user.device.vehicle_id',
    confidence: 0.85,
    names: ['ナンバープレート', '車両番号', '車台番号'],
  },
  // Japanese forms' fields in romaji, as Japanese apps name them (`sei`/`mei` are 姓/名,
  // `furigana` the name's reading, `shimei` 氏名): `kana` and `kanji` after them are neutral.
  {
    category: 'user.name',
    confidence: 0.85,
    names: [
      'furigana',
      'shimei',
      'seimei',
      'namae',
      'onamae',
      'name kana',
      'kana name',
      'name kanji',
      'kanji name',
      'name furigana',
      'furigana name',
      'name katakana',
      'katakana name',
      'name hiragana',
      'hiragana name',
      'name romaji',
      'romaji name',
    ],
  },
  {
    category: 'user.name.last',
    confidence: 0.8,
    names: ['myoji', 'myouji', 'sei kana', 'sei kanji'],
  },
  { category: 'user.name.first', confidence: 0.8, names: ['mei kana', 'mei kanji'] },
  { category: 'user.name.last', confidence: 0.6, names: ['sei'] },
  { category: 'user.name.first', confidence: 0.6, names: ['mei'] },
  { category: 'user.account.username', confidence: 0.85, names: ['ユーザー名', 'ユーザ名'] },
  { category: 'user.account.username', confidence: 0.8, names: ['アカウント名', 'ログイン id'] },
  {
    category: 'user.contact.address.street',
    confidence: 0.85,
    names: ['住所', '番地', '所在地', '建物名'],
  },
  { category: 'user.contact.address.postal_code', confidence: 0.9, names: ['郵便番号'] },
  { category: 'user.contact.address.postal_code', confidence: 0.8, names: ['〒'] },
  {
    category: 'user.location.imprecise',
    confidence: 0.85,
    names: ['都道府県', '市区町村', '市町村', '都市'],
  },
  { category: 'user.location.imprecise', confidence: 0.7, names: ['国', '県', '市', '地域'] },
  {
    category: 'user.location.precise',
    confidence: 0.85,
    names: ['緯度', '経度', '位置情報', '現在地', '座標'],
  },
  { category: 'user.demographic.date_of_birth', confidence: 0.95, names: ['生年月日', '誕生日'] },
  { category: 'user.demographic.age_range', confidence: 0.8, names: ['年齢', '年代'] },
  { category: 'user.demographic.gender', confidence: 0.9, names: ['性別'] },
  { category: 'user.demographic.language', confidence: 0.7, names: ['言語'] },
  {
    category: 'user.workplace',
    confidence: 0.9,
    names: ['会社名', '勤務先', '企業名', '組織名', '勤務先名'],
  },
  { category: 'user.workplace', confidence: 0.7, names: ['会社', '所属', '部署', '部署名'] },
  { category: 'user.unique_id', confidence: 0.85, names: ['会員番号', '顧客番号', 'ユーザー番号'] },
  {
    category: 'user.financial.credit_card',
    confidence: 0.95,
    names: ['クレジットカード番号', 'カード番号'],
  },
  { category: 'user.financial.credit_card', confidence: 0.8, names: ['セキュリティコード'] },
  { category: 'user.financial.bank_account', confidence: 0.9, names: ['口座番号'] },
  {
    category: 'user.government_id.national_identification_number',
    confidence: 0.95,
    names: ['個人番号', 'マイナンバー', '在留カード番号', '基礎年金番号', '年金番号'],
  },
  {
    category: 'user.government_id.passport_number',
    confidence: 0.9,
    names: ['旅券番号', 'パスポート番号', 'パスポート'],
  },
  {
    category: 'user.government_id.drivers_license_number',
    confidence: 0.9,
    names: ['運転免許証番号', '免許証番号', '運転免許証'],
  },
  { category: 'user.authorization.password', confidence: 0.95, names: ['パスワード', '暗証番号'] },
  {
    category: 'user.authorization.credentials',
    confidence: 0.9,
    names: ['ワンタイムパスワード', '認証コード', 'アクセストークン', 'トークン'],
  },
  {
    category: 'system.authentication',
    confidence: 0.9,
    names: ['api キー', '秘密鍵', 'アクセスキー', 'シークレット'],
  },
  { category: 'user.behavior.search_history', confidence: 0.85, names: ['検索ワード', '検索語'] },
  {
    category: 'user.behavior.search_history',
    confidence: 0.85,
    names: ['検索キーワード', '検索クエリ'],
  },
  { category: 'user.behavior.search_history', confidence: 0.6, names: ['キーワード'] },
];

/** A few European-language names common in form fields. */
export const EUROPEAN_NAMES: readonly NameGroup[] = [
  { category: 'user.contact.email', confidence: 0.85, names: ['correo', 'courriel'] },
  {
    category: 'user.contact.phone_number',
    confidence: 0.85,
    names: ['telefon', 'telefono', 'teléfono', 'téléphone', 'telefonnummer'],
  },
  { category: 'user.name', confidence: 0.75, names: ['nombre', 'nom complet'] },
  { category: 'user.name.first', confidence: 0.85, names: ['vorname', 'prenom', 'prénom'] },
  { category: 'user.name.last', confidence: 0.85, names: ['nachname', 'apellido', 'apellidos'] },
  {
    category: 'user.contact.address.street',
    confidence: 0.8,
    names: ['adresse', 'direccion', 'dirección', 'strasse', 'straße'],
  },
  { category: 'user.contact.address.postal_code', confidence: 0.75, names: ['plz'] },
  { category: 'user.location.imprecise', confidence: 0.8, names: ['ville', 'ciudad', 'stadt'] },
  { category: 'user.demographic.date_of_birth', confidence: 0.9, names: ['geburtsdatum'] },
  { category: 'user.authorization.password', confidence: 0.95, names: ['contraseña'] },
];
