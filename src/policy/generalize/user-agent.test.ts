import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  generalizeUserAgent,
  generalizeUserAgentExact,
  generalizeVersion,
  isUserAgentString,
} from './user-agent.js';

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

/** User agents of many families, as clients send them. */
const MANY_UAS = [
  'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.5414.120 Safari/537.36',
  'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0; .NET CLR 2.0.50727)',
  'Mozilla/5.0 (Windows NT 6.3; Trident/7.0; rv:11.0) like Gecko',
  'Opera/9.80 (Windows NT 6.1; U; en) Presto/2.10.289 Version/12.16',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.5322.68',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 YaBrowser/24.10.2.800 Yowser/2.5 Safari/537.36',
  'Mozilla/5.0 (Linux; U; Android 11; en-US; RMX2185 Build/RP1A.200720.011) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 UCBrowser/13.4.0.1306 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.6261.105 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Safari/537.36',
  'Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.2 Mobile/15E148 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36 EdgA/131.0.2903.70',
  'Mozilla/5.0 (Linux; Android 9; KFMAWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/130.4.1 like Chrome/130.0.6723.102 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.13.0.321) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 HuaweiBrowser/15.0.4.312 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox Series X) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/48.0.2564.82 Safari/537.36 Edge/20.02',
  'Mozilla/5.0 (Nintendo Switch; WifiWebAuthApplet) AppleWebKit/606.4 (KHTML, like Gecko) NF/6.0.1.15.4 NintendoBrowser/5.1.0.20393',
  'AppleTV14,1/16.1 (21K365)',
  'Roku/DVP-12.5 (12.5.5.4174-AE)',
  'Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.88 Safari/537.36 WebAppManager',
  'Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.5481.192 Safari/537.36 CrKey/1.56.500000 DeviceType/AndroidTV',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Wget/1.21.4',
  'python-requests/2.32.3',
  'Go-http-client/1.1',
  'PostmanRuntime/7.42.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.41.105 Chrome/130.0.6723.137 Electron/33.2.0 Safari/537.36 Sonic Slack_SSB/4.41.105',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.54(0x1800362c) NetType/WIFI Language/zh_CN',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22B83 [FBAN/FBIOS;FBAV/489.0.0.46.104;FBBV/665107563;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 357.0.0.25.101 (iPhone14,5; iOS 18_1; en_US; en; scale=3.00; 1170x2532; 659516937)',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.19.1',
  'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.81 Mobile Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (X11; CrOS x86_64 16033.58.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Safari/537.36',
  'Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.15063',
  'Mozilla/5.0 (BB10; Touch) AppleWebKit/537.35+ (KHTML, like Gecko) Version/10.3.3.3216 Mobile Safari/537.35+',
  'Mozilla/5.0 (Linux; Android 11; Quest 2) AppleWebKit/537.36 (KHTML, like Gecko) OculusBrowser/29.1.0.5.53.539585374 SamsungBrowser/4.0 Chrome/118.0.5993.159 VR Safari/537.36',
  'Mozilla/5.0 (Linux; Android 9; SHIELD Android TV Build/PPR1.180610.011) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.6045.193 Mobile Safari/537.36',
  'Dalvik/2.1.0 (Linux; U; Android 12; SM-A127F Build/SP1A.210812.016)',
  'MyShop/3.14.159 (com.example.shop; build:2718; iOS 18.1.1) Alamofire/5.9.1',
  'okhttp/4.12.0',
  'curl/8.11.0',
  'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
];

describe('version shape (the cache key)', () => {
  test('generalizing a UA gives what parsing it exactly as given gives', () => {
    for (const ua of [...MANY_UAS, ...Object.values(UA)])
      assert.equal(generalizeUserAgent(ua), generalizeUserAgentExact(ua), ua);
  });

  test('with every minor, patch and build number changed, the result is the exact parse', () => {
    let seed = 5;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let round = 0; round < 20; round++) {
      for (const ua of MANY_UAS) {
        const varied = ua.replace(/([._])(\d+)/g, (_, sep: string) => `${sep}${rnd(5000)}`);
        assert.equal(generalizeUserAgent(varied), generalizeUserAgentExact(varied), varied);
      }
    }
  });

  test('UAs that differ only in build numbers share one cache entry; majors stay apart', () => {
    const a = generalizeUserAgent(UA.chromeAndroid);
    const b = generalizeUserAgent(UA.chromeAndroid.replace('6613.127', '6613.99'));
    const c = generalizeUserAgent(UA.chromeAndroid.replace('Chrome/128.', 'Chrome/129.'));
    assert.equal(a, 'Chrome 128; Android; mobile');
    assert.equal(b, a);
    assert.equal(c, 'Chrome 129; Android; mobile');
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
