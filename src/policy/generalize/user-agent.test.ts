import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { generalizeUserAgent, generalizeVersion, isUserAgentString } from './user-agent.js';

const UA = {
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.6613.84 Safari/537.36',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  edgeWin:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.2739.42',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.6613.127 Mobile Safari/537.36',
  samsungTv:
    'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36',
  ps5: 'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15',
  dalvik: 'Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UQ1A.240105.004)',
  sdk: 'MyApp/1.2 (iPhone; iOS 17.2; Scale/3.00)',
} as const;

describe('generalizeUserAgent', () => {
  const cases: [string, string][] = [
    [UA.chromeMac, 'Chrome 128; macOS; desktop'],
    [UA.safariMac, 'Safari 17; macOS; desktop'],
    [UA.safariIphone, 'Mobile Safari 17; iOS; mobile'],
    [UA.safariIpad, 'Mobile Safari 17; iOS; tablet'],
    [UA.edgeWin, 'Edge 128; Windows; desktop'],
    [UA.firefoxLinux, 'Firefox 131; Linux; desktop'],
    [UA.chromeAndroid, 'Chrome 128; Android; mobile'],
    [UA.samsungTv, 'Samsung Internet 4; Tizen; smarttv'],
    [UA.ps5, 'Safari 13; PlayStation; console'],
    [UA.dalvik, 'Dalvik 2; Android; mobile'],
    [UA.sdk, 'MyApp 1; iOS; mobile'],
    ['curl/8.4.0', 'curl 8; unknown; unknown'],
    ['okhttp/4.12.0', 'okhttp 4; unknown; unknown'],
    ['Mozilla/5.0', 'unknown; unknown; unknown'],
    ['', 'unknown; unknown; unknown'],
    ['Chrome', 'unknown; unknown; unknown'],
  ];
  for (const [ua, want] of cases) {
    test(`${ua.slice(0, 50) || '(empty)'} → ${want}`, () => {
      assert.equal(generalizeUserAgent(ua), want);
    });
  }

  test('drops OS versions, device models and build ids', () => {
    const out = generalizeUserAgent(UA.dalvik);
    for (const leak of ['14', 'Pixel', 'UQ1A', '2.1.0']) assert.ok(!out.includes(leak), out);
    assert.ok(!generalizeUserAgent(UA.chromeMac).includes('10'));
  });

  test('names carrying separators or odd characters from the UA never reach the output', () => {
    const out = generalizeUserAgent('Evil;Name/1.0 (Linux)');
    assert.equal(out, 'unknown; Linux; desktop');
    assert.equal(generalizeUserAgent(`${'x'.repeat(40)}/1.0`), 'unknown; unknown; unknown');
  });

  test('a 10 KB UA string is handled and generalized by its first 500 characters', () => {
    const huge = `${UA.chromeMac} ${'A'.repeat(10_240)}`;
    assert.equal(generalizeUserAgent(huge), 'Chrome 128; macOS; desktop');
    assert.equal(
      generalizeUserAgent('Mozilla/5.0 ' + '('.repeat(10_240)),
      'unknown; unknown; unknown',
    );
  });

  test('is stable across repeated calls and cache clears', () => {
    const first = generalizeUserAgent(UA.edgeWin);
    for (let i = 0; i < 6000; i++) generalizeUserAgent(`Bot${i}/1.0`);
    assert.equal(generalizeUserAgent(UA.edgeWin), first);
    assert.equal(generalizeUserAgent('Bot5999/1.0'), 'Bot5999 1; unknown; unknown');
  });
});

describe('isUserAgentString', () => {
  const full = [...Object.values(UA), 'curl/8.4.0', 'okhttp/4.12.0', 'Foo/1 (Linux)'];
  for (const ua of full) {
    test(`full: ${ua.slice(0, 40)}`, () => assert.equal(isUserAgentString(ua), true));
  }
  const coarse = [
    'Chrome',
    'Mac OS X',
    '128',
    'iPhone',
    'Chrome 128; macOS; desktop',
    '',
    'users/12345',
    '/v2/api',
    '1.2/3.4',
  ];
  for (const v of coarse) {
    test(`coarse: ${JSON.stringify(v)}`, () => assert.equal(isUserAgentString(v), false));
  }
  test('leading whitespace is ignored; a 10 KB UA is still a UA', () => {
    assert.equal(isUserAgentString(`  ${UA.firefoxLinux}`), true);
    assert.equal(isUserAgentString(UA.chromeMac + 'x'.repeat(10_240)), true);
    assert.equal(isUserAgentString(' '.repeat(10_240) + UA.chromeMac), false);
  });
});

describe('generalizeVersion', () => {
  const cases: [string, string][] = [
    ['128.0.6613.84', '128'],
    ['17.2', '17'],
    ['17_2_1', '17'],
    ['10.15.7', '10'],
    ['1.2.3-beta.1', '1'],
    ['2.0.0+build.5', '2'],
    ['128', '128'],
    ['Chrome', 'Chrome'],
    ['v2', 'v2'],
    ['1..2', '1..2'],
    ['.5', '.5'],
    ['', ''],
    ['1.2.3 beta', '1.2.3 beta'],
  ];
  for (const [v, want] of cases) {
    test(`${JSON.stringify(v)} → ${JSON.stringify(want)}`, () => {
      assert.equal(generalizeVersion(v), want);
    });
  }
  test('a 10 KB string is returned unchanged', () => {
    const long = '1.'.repeat(5000) + '1';
    assert.equal(generalizeVersion(long), long);
  });
});
