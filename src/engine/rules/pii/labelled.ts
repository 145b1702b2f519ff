/**
 * Numbers that are personal only when a label says what they are, read right after the label
 * in free text: a Japanese bank account (`普通 1234567`, `口座番号：1234567`), a driver's licence
 * (`運転免許証番号 123456789012`, `driver's license no. D1234567`), a card's security code
 * (`CVV 123`), a PIN (`暗証番号 4321`, `PIN: 4321`), a device's MAC address and IMEI. Alone, each
 * looks like any reference number; after its label it is not one.
 */
import { luhnValid } from '../../validators/luhn.js';
import type { Candidate, Category, Hit, Rule } from '../../types.js';
import { codeAt, isWordChar } from './shared.js';

/** How a labelled value is read. */
interface Labelled {
  readonly id: string;
  readonly category: Category;
  readonly description: string;
  readonly labels: readonly string[];
  /** What may stand between the label and the value (anchored at the label's end). */
  readonly between: RegExp;
  /** The value (anchored at its start); it must not run on into a letter or digit. */
  readonly value: RegExp;
  readonly validate?: (value: string) => boolean;
  /**
   * A cheap test of the first character after the label and its separators (`c`), before any
   * regex runs: `Mac OS X` in every user agent is a hit of `mac ` that `O` rejects at once.
   */
  readonly first?: (c: number) => boolean;
  readonly confidence: number;
  readonly examples: Rule['examples'];
  /**
   * Text that must stand right before the label: a keyword written as the end of a longer label
   * (`険者番号` after `被保` is 被保険者番号, the insured person's; 保険者番号 is the insurer's).
   */
  readonly preceded?: string;
  /** Texts that must not stand right before the label (`保険` before `者番号`: 保険者番号). */
  readonly notPreceded?: readonly string[];
}

/** Separators after a label: spaces, `:`, `：`, `=`, `#`. */
const SEP = String.raw`[\s:：=#]*`;

function ruleOf(l: Labelled): Rule {
  const find = (text: string, hit: Hit): Candidate | undefined => {
    // An ASCII label starts a word (`pin` in `spinner` is not one).
    if (text.charCodeAt(hit.start) < 0x80 && isWordChar(codeAt(text, hit.start - 1)))
      return undefined;
    if (l.preceded !== undefined && !text.startsWith(l.preceded, hit.start - l.preceded.length))
      return undefined;
    if (l.notPreceded?.some((w) => text.startsWith(w, hit.start - w.length))) return undefined;
    // A label may end with the separator that follows it (`pin:`): read from just before it.
    const from = isSeparator(hit.keyword.charCodeAt(hit.keyword.length - 1))
      ? hit.end - 1
      : hit.end;
    if (l.first !== undefined) {
      let k = from;
      while (k < text.length && k - from < 8 && isSeparator(text.charCodeAt(k))) k++;
      if (!l.first(codeAt(text, k))) return undefined;
    }
    const b = l.between.exec(text.slice(from, from + 32));
    if (b === null) return undefined;
    const start = from + b[0].length;
    const m = l.value.exec(text.slice(start, start + 40));
    if (m === null || isWordChar(codeAt(text, start + m[0].length))) return undefined;
    if (l.validate !== undefined && !l.validate(m[0])) return undefined;
    return { start, end: start + m[0].length };
  };
  return {
    id: l.id,
    category: l.category,
    description: l.description,
    keywords: l.labels,
    find,
    confidence: l.confidence,
    examples: l.examples,
  };
}

/** What may end a label or stand between it and its value: space, `:`, `=`, `#`, `_`, `-`. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 9 || c === 58 || c === 61 || c === 35 || c === 95 || c === 45;
}

const digitsOnly = (s: string) => s.replace(/\D/g, '');

/** Words that follow `username:` in form messages, not login names. */
const NOT_USERNAMES = new Set(
  (
    'required invalid incorrect wrong empty missing null undefined none unknown taken available ' +
    'unavailable already not must should cannot field and or the changed updated saved exists ' +
    'too blank optional'
  ).split(' '),
);

export const labelledRules: readonly Rule[] = [
  ruleOf({
    id: 'jp_bank_account',
    category: 'user.financial.bank_account',
    description: 'A Japanese bank account number after its label: 普通 1234567, 口座番号：1234567.',
    labels: ['口座番号', '普通', '当座'],
    between: new RegExp(`^(?:預金)?(?:口座)?(?:番号)?${SEP}`),
    value: /^[0-9]{7}/,
    confidence: 0.85,
    examples: {
      positive: [
        { text: '振込先 三菱UFJ銀行 渋谷支店 普通 1234567', match: '1234567' },
        { text: '口座番号：7654321', match: '7654321' },
        { text: '当座預金 0012345', match: '0012345' },
      ],
      negative: ['普通 12345678', '普通郵便 1234567', '口座番号 123', '普通に 1234567円'],
    },
  }),
  ruleOf({
    id: 'drivers_license_number',
    category: 'user.government_id.drivers_license_number',
    description: "A driver's licence number after its label: 運転免許証番号 123456789012.",
    labels: [
      '運転免許証',
      "driver's license",
      'drivers license',
      'driver license',
      'driving licence',
      "driver's licence",
    ],
    between: new RegExp(`^(?:の)?(?:番号|\\s*(?:no\\.?|number|num|#))?${SEP}`, 'i'),
    value: /^(?:[0-9]{12}|[A-Z]{1,2}[0-9]{5,14}|[A-Z0-9]{5}[0-9]{6}[A-Z0-9]{5})/,
    confidence: 0.85,
    examples: {
      positive: [
        { text: '運転免許証番号 123456789012', match: '123456789012' },
        { text: "driver's license no. D1234567", match: 'D1234567' },
        { text: 'Driving licence: MORGA657054SM9IJ', match: 'MORGA657054SM9IJ' },
      ],
      negative: [
        '運転免許証の写真',
        "driver's license photo",
        'drivers license 2026',
        'driver license expired',
      ],
    },
  }),
  ruleOf({
    id: 'card_security_code',
    category: 'user.financial.credit_card',
    description: "A card's security code after its label: CVV 123, CVC: 4567.",
    labels: ['cvv', 'cvc', 'cvv2', 'cvc2', 'security code'],
    between: new RegExp(`^(?:\\s*(?:code|number|no\\.?))?(?:\\s*is)?${SEP}`, 'i'),
    value: /^[0-9]{3,4}/,
    confidence: 0.85,
    examples: {
      positive: [
        { text: 'exp 12/27 cvv 123', match: '123' },
        { text: 'CVC: 4567', match: '4567' },
        { text: 'security code is 987', match: '987' },
      ],
      negative: ['cvv missing', 'cvv 12', 'cvv 12345', 'security code sent'],
    },
  }),
  ruleOf({
    id: 'pin_code',
    category: 'user.authorization.password',
    description: 'A PIN after its label: 暗証番号 4321, PIN: 4321.',
    // Six digits after `PIN code` are an Indian postal code as often as a PIN: four only.
    labels: ['暗証番号', 'pin ', 'pin:', 'pin=', 'pin#', 'pin code'],
    between: new RegExp(`^(?:\\s*(?:code|number))?(?:\\s*is)?${SEP}`, 'i'),
    value: /^[0-9]{4}/,
    confidence: 0.8,
    examples: {
      positive: [
        { text: '暗証番号 4321', match: '4321' },
        { text: 'PIN: 0000 please change', match: '0000' },
        { text: 'my pin is 1357', match: '1357' },
      ],
      negative: ['pin 560001', 'pinned 1234', 'spin 1234', 'pin code 560001', 'pin the tab'],
    },
  }),
  ruleOf({
    id: 'mac_address',
    category: 'user.device.device_id',
    description: "A network interface's MAC address after its label: MAC 00:1A:2B:3C:4D:5E.",
    // With what follows them, so `machine`, `macOS` and `together` are not hits.
    labels: ['mac ', 'mac:', 'mac=', 'mac_', 'mac-', 'bssid', 'ether ', 'ether:', 'hwaddr'],
    between: new RegExp(`^[\\s_-]?(?:address|addr)?${SEP}`, 'i'),
    // A hex digit, or the `a` of `address`.
    first: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
    value: /^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}/,
    confidence: 0.85,
    examples: {
      positive: [
        { text: 'MAC 00:1A:2B:3C:4D:5E', match: '00:1A:2B:3C:4D:5E' },
        { text: 'wifi bssid=a4-5e-60-c2-11-9f', match: 'a4-5e-60-c2-11-9f' },
      ],
      negative: ['MacBook 00:1A:2B:3C:4D:5E', 'mac 00:1A:2B:3C:4D', 'mac 00:1A-2B:3C:4D:5E'],
    },
  }),
  ruleOf({
    id: 'imei',
    category: 'user.device.device_id',
    description: "A phone's IMEI after its label (15 digits, Luhn): IMEI 490154203237518.",
    labels: ['imei'],
    between: new RegExp(`^(?:\\s*(?:number|no\\.?))?${SEP}`, 'i'),
    value: /^[0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{6}[ -]?[0-9]/,
    validate: (v) => luhnValid(digitsOnly(v)),
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'IMEI 490154203237518', match: '490154203237518' },
        { text: 'imei: 35-209900-176148-1', match: '35-209900-176148-1' },
      ],
      negative: ['IMEI 490154203237519', 'imei 12345'],
    },
  }),
  ruleOf({
    id: 'customer_number',
    category: 'user.unique_id',
    description:
      'A customer, member, patient or employee number after its label: 会員番号 12345678, Customer ID: C-123456.',
    // `員番号` covers 会員番号, 社員番号, 職員番号; `客番号` 顧客番号; `者番号` 患者番号, 利用者番号.
    labels: [
      '員番号',
      '客様番号',
      '客番号',
      '者番号',
      'customer number',
      'customer no',
      'customer id',
      'member number',
      'member no',
      'member id',
      'membership number',
      'membership no',
      'patient id',
      'patient number',
      'employee id',
      'employee number',
      'student id',
    ],
    // 保険者番号 and 被保険者番号 are health insurance numbers (jp_health_insurance_number).
    notPreceded: ['保険'],
    between: new RegExp(`^(?:\\.)?(?:\\s*is)?${SEP}`, 'i'),
    value: /^[A-Za-z0-9](?:[A-Za-z0-9-]{3,23})/,
    validate: (v) => digitsOnly(v).length >= 4 && !/^\d{4}-\d{2}-\d{2}$/.test(v),
    confidence: 0.8,
    examples: {
      positive: [
        { text: '会員番号 12345678 の方', match: '12345678' },
        { text: 'お客様番号：A-123456', match: 'A-123456' },
        { text: 'Customer ID: C-1029384', match: 'C-1029384' },
        { text: 'member no. 00451234', match: '00451234' },
        { text: '患者番号=P20240115', match: 'P20240115' },
      ],
      negative: [
        '会員番号を入力してください',
        'customer id missing',
        'member id: abc',
        'customer number 123',
        'employee id 2024-01-15',
        '保険者番号 06123456',
      ],
    },
  }),
  ruleOf({
    id: 'account_username',
    category: 'user.account.username',
    description:
      'A login name after its label: username: taro.y, ユーザー名：hanako_k, login id = kenji84.',
    labels: ['username', 'user name', 'login id', 'login name', 'ユーザー名', 'ユーザーid'],
    between: /^\s{0,2}(?:is\s{1,2}|[:：=]\s{0,2})/i,
    value: /^@?[A-Za-z0-9][A-Za-z0-9._+-]{0,38}[A-Za-z0-9_]/,
    validate: (v) => !NOT_USERNAMES.has(v.toLowerCase()),
    confidence: 0.75,
    examples: {
      positive: [
        { text: 'username: tanaka.hiroshi', match: 'tanaka.hiroshi' },
        { text: 'your username is taro_y84.', match: 'taro_y84' },
        { text: 'ユーザー名：hanako_k', match: 'hanako_k' },
        { text: 'Login ID = kenji84', match: 'kenji84' },
      ],
      negative: [
        'username is required',
        'Username: invalid',
        'usernames are public',
        'username field',
        'ユーザー名を入力',
      ],
    },
  }),
  ruleOf({
    id: 'jp_pension_number',
    category: 'user.government_id.national_identification_number',
    description: 'A Japanese basic pension number after its label: 基礎年金番号 1234-567890.',
    // `年金番号` covers 基礎年金番号 (its last characters: 年 is already a keyword character).
    labels: ['年金番号', 'pension number', 'pension no'],
    between: new RegExp(`^(?:\\.)?(?:は)?${SEP}`, 'i'),
    value: /^[0-9]{4}[-‐−ー]?[0-9]{6}/,
    confidence: 0.9,
    examples: {
      positive: [
        { text: '基礎年金番号：1234-567890', match: '1234-567890' },
        { text: '年金番号 1234567890 で照会', match: '1234567890' },
        { text: 'basic pension number: 4321-098765', match: '4321-098765' },
      ],
      negative: ['年金番号を入力', '年金番号 12345', '年金番号 1234-5678901'],
    },
  }),
  ruleOf({
    id: 'jp_health_insurance_number',
    category: 'user.government_id',
    description:
      "A Japanese health insurance holder's number after its label: 被保険者番号 12345678.",
    // `険者番号` ends both 被保険者番号 (the insured person's) and 保険者番号 (the insurer's, a
    // company's number): only the first is personal.
    labels: ['険者番号'],
    between: new RegExp(`^(?:は)?${SEP}`),
    value: /^[0-9]{6,8}/,
    confidence: 0.85,
    preceded: '被保',
    examples: {
      positive: [
        { text: '被保険者番号：12345678', match: '12345678' },
        { text: '国民健康保険 被保険者番号 0012345 の方', match: '0012345' },
      ],
      negative: ['保険者番号 06123456', '被保険者番号 12345', '被保険者番号を確認'],
    },
  }),
];
