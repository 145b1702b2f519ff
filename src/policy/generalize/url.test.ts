import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  generalizePath,
  generalizeUrl,
  isBareHost,
  referrerOrigin,
  type UrlOptions,
} from './url.js';

const STRIP: UrlOptions = {
  action: 'strip',
  allowParams: ['utm_source', 'utm_medium', 'utm_campaign'],
  replaceIds: true,
};
const ORIGIN: UrlOptions = { ...STRIP, action: 'origin' };

describe('generalizeUrl strip', () => {
  const cases: [string, string | undefined][] = [
    ['https://shop.example.com/pricing', 'https://shop.example.com/pricing'],
    [
      'https://shop.example.com/users/12345/orders?utm_source=news&email=a%40b.com&utm_campaign=fall#top',
      'https://shop.example.com/users/:id/orders?utm_source=news&utm_campaign=fall',
    ],
    ['https://user:pass@host.example/', 'https://host.example/'],
    ['https://user@host.example/a?utm_medium=x%20y', 'https://host.example/a?utm_medium=x%20y'],
    ['HTTPS://Shop.Example.COM:443/Cart', 'https://shop.example.com/Cart'],
    ['http://shop.example.com:8080/a', 'http://shop.example.com:8080/a'],
    ['https://shop.example.com', 'https://shop.example.com/'],
    ['https://[2001:db8::1]:8443/p?q=1', 'https://[2001:db8::1]:8443/p'],
    ['https://例え.jp/カート', 'https://xn--r8jz45g.jp/%E3%82%AB%E3%83%BC%E3%83%88'],
    ['https://h.example/a/../users/./99999', 'https://h.example/users/:id'],
    [
      'https://h.example/?utm_source=a&utm_source=b',
      'https://h.example/?utm_source=a&utm_source=b',
    ],
    ['https://h.example/?utm%5Fsource=a&UTM_SOURCE=b', 'https://h.example/?utm%5Fsource=a'],
    ['https://h.example/?&&utm_source&=x', 'https://h.example/?utm_source'],
    [
      'https://h.example/?utm_campaign=a&utm_source=b',
      'https://h.example/?utm_campaign=a&utm_source=b',
    ],
    ['/checkout?x=1', '/checkout'],
    ['/checkout?utm_source=ad&token=abc#step2', '/checkout?utm_source=ad'],
    ['/users/12345/profile', '/users/:id/profile'],
    ['checkout/12345', 'checkout/:id'],
    ['?utm_source=a&b=2', '?utm_source=a'],
    ['\\users\\12345', '/users/:id'],
    ['//cdn.example.com/users/12345?x=1', '//cdn.example.com/users/:id'],
    ['//user:pw@cdn.example.com/a', '//cdn.example.com/a'],
    ['  https://h.example/a  ', 'https://h.example/a'],
    ['https://h.exa\nmple/a', 'https://h.example/a'],
    ['#top', undefined],
    // A single-page app's hash route is its page: kept as a path, its query dropped.
    ['https://app.example.com/#/users/48213?token=abc', 'https://app.example.com/#/users/:id'],
    [
      'https://h.example/?utm_source=x&t=1#!/cart/12345',
      'https://h.example/?utm_source=x#!/cart/:id',
    ],
    ['/#/u/taro@example.com/settings', '/#/u/:email/settings'],
    ['https://h.example/cb#access_token=eyJhbGciOi&x=1', 'https://h.example/cb'],
    ['https://h.example/#/reset/token=abc123', 'https://h.example/'],
    ['', undefined],
    ['   ', undefined],
    ['javascript:alert(document.cookie)', undefined],
    ['JavaScript:alert(1)', undefined],
    ['data:text/html;base64,PHNjcmlwdD4=', undefined],
    ['mailto:alice@example.com', undefined],
    ['file:///etc/passwd', undefined],
    ['myapp://deep/link/12345', undefined],
    ['localhost:3000/x', undefined],
    ['https://', undefined],
    ['https://exa mple.com/', undefined],
    ['http://[::1/', undefined],
  ];
  for (const [url, want] of cases) {
    test(`${JSON.stringify(url).slice(0, 70)} → ${want}`, () => {
      assert.equal(generalizeUrl(url, STRIP), want);
    });
  }

  test('replaceIds false keeps the path but still strips params, fragment and userinfo', () => {
    assert.equal(
      generalizeUrl('https://u:p@h.example/users/12345?email=x#f', { ...STRIP, replaceIds: false }),
      'https://h.example/users/12345',
    );
    assert.equal(
      generalizeUrl('https://h.example/#/users/12345?email=x', { ...STRIP, replaceIds: false }),
      'https://h.example/#/users/12345',
    );
  });

  test('an empty allow-list removes every parameter', () => {
    const o = { ...STRIP, allowParams: [] };
    assert.equal(generalizeUrl('https://h.example/a?utm_source=x', o), 'https://h.example/a');
  });

  test('a 1 MB URL is processed and its query removed', () => {
    const url = `https://h.example/${'a'.repeat(500_000)}?q=${'b'.repeat(500_000)}`;
    assert.equal(generalizeUrl(url, STRIP), `https://h.example/${'a'.repeat(500_000)}`);
    const many = `/x?${'utm_source=1&z=2&'.repeat(50_000)}`;
    assert.equal(generalizeUrl(many, STRIP)?.length, 2 + 'utm_source=1&'.repeat(50_000).length);
  });
});

describe('generalizeUrl other actions', () => {
  const origins: [string, string | undefined][] = [
    ['https://shop.example.com/users/1?x=1#f', 'https://shop.example.com'],
    ['https://alice:secret@shop.example.com:8443/', 'https://shop.example.com:8443'],
    ['http://shop.example.com:80/', 'http://shop.example.com'],
    ['//cdn.example.com/a', '//cdn.example.com'],
    ['/checkout?x=1', undefined],
    ['javascript:alert(1)', undefined],
  ];
  for (const [url, want] of origins) {
    test(`origin: ${url} → ${want}`, () => assert.equal(generalizeUrl(url, ORIGIN), want));
  }
  test('drop gives undefined, keep gives the input unchanged', () => {
    const url = 'https://u:p@h.example/users/1?email=a@b.c#x';
    assert.equal(generalizeUrl(url, { ...STRIP, action: 'drop' }), undefined);
    assert.equal(generalizeUrl(url, { ...STRIP, action: 'keep' }), url);
    assert.equal(generalizeUrl('javascript:x', { ...STRIP, action: 'keep' }), 'javascript:x');
  });
});

describe('generalizePath', () => {
  const cases: [string, string][] = [
    ['/users/12345', '/users/:id'],
    ['/users/12345/', '/users/:id/'],
    ['/orders/8f14e45f-ceea-467f-a8e5-0f1a2b3c4d5e', '/orders/:uuid'],
    ['/orders/8F14E45F-CEEA-467F-A8E5-0F1A2B3C4D5E/items', '/orders/:uuid/items'],
    ['/commit/3f9a8b7c6d5e4f3a2b1c', '/commit/:hash'],
    ['/u/alice@example.com', '/u/:email'],
    ['/u/alice%40example.com/settings', '/u/:email/settings'],
    ['/u/alice%40example.com%ZZ', '/u/:email'],
    ['/@alice', '/:handle'],
    ['/call/+81-90-1234-5678', '/call/:id'],
    ['/call/(555)%20123-4567', '/call/:id'],
    ['/invoice/INV-2024-000123', '/invoice/:id'],
    ['/reset/sk_live_51H8xYzAbCdEfGhIjKlMnOp', '/reset/:token'],
    ['/s/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w', '/s/:token'],
    ['/pricing', '/pricing'],
    ['/blog/how-to-export-csv', '/blog/how-to-export-csv'],
    ['/ja/cart', '/ja/cart'],
    ['/v2/api', '/v2/api'],
    ['/2024/11/report', '/2024/11/report'],
    ['/archive/1899', '/archive/:id'],
    ['/archive/2101', '/archive/:id'],
    ['/page/3', '/page/3'],
    ['/page/123', '/page/:id'],
    ['/npm/react@18.2.0/umd', '/npm/react@18.2.0/umd'],
    ['/blog/kubernetes-1-28-release-notes', '/blog/kubernetes-1-28-release-notes'],
    ['/wiki/List_of_Nobel_laureates_in_Physics', '/wiki/List_of_Nobel_laureates_in_Physics'],
    ['/%E3%82%AB%E3%83%BC%E3%83%88', '/%E3%82%AB%E3%83%BC%E3%83%88'],
    ['', ''],
    ['/', '/'],
    ['//a//12345', '//a//:id'],
    // A name or login after a collection of people; not the app's own pages.
    ['/users/hanako-kuroda/settings', '/users/:user/settings'],
    ['/profile/taro.yamada', '/profile/:user'],
    ['/members/yamada_taro', '/members/:user'],
    ['/authors/jane-doe/', '/authors/:user/'],
    ['/ja/mypage/%E9%BB%92%E7%94%B0', '/ja/mypage/:user'],
    ['/users/new', '/users/new'],
    ['/users/settings', '/users/settings'],
    ['/profile/edit', '/profile/edit'],
    ['/members/search', '/members/search'],
    ['/users', '/users'],
    ['/users//x', '/users//x'],
  ];
  for (const [path, want] of cases) {
    test(`${path.slice(0, 60) || '(empty)'} → ${want}`, () => {
      assert.equal(generalizePath(path), want);
    });
  }

  test('on social sites, the handle their URLs start with', () => {
    const strip = { action: 'strip', allowParams: [], replaceIds: true } as const;
    const cases: [string, string][] = [
      ['https://x.com/taro_y84/status/1', 'https://x.com/:user/status/1'],
      ['https://github.com/tanaka-hiroshi', 'https://github.com/:user'],
      ['https://www.instagram.com/hanako.k/', 'https://www.instagram.com/:user/'],
      ['https://jp.linkedin.com/in/hanako-kuroda', 'https://jp.linkedin.com/in/:user'],
      ['https://x.com/explore', 'https://x.com/explore'],
      ['https://github.com/settings/profile', 'https://github.com/settings/profile'],
      ['https://www.linkedin.com/jobs/view', 'https://www.linkedin.com/jobs/view'],
      ['https://example.com/taro_y84', 'https://example.com/taro_y84'],
    ];
    for (const [url, want] of cases) assert.equal(generalizeUrl(url, strip), want, url);
  });

  test('stays linear on a 1 MB segment of digits and of token characters', () => {
    assert.equal(generalizePath(`/${'1'.repeat(1_000_000)}`), '/:id');
    const tokenish = 'aZ3kQ9mX2pL7'.repeat(80_000);
    assert.equal(generalizePath(`/x/${tokenish}`), '/x/:token');
  });
});

describe('referrerOrigin', () => {
  const cases: [string, string | undefined][] = [
    ['https://www.google.com/search?q=alice+smith', 'https://www.google.com'],
    ['http://news.example.com:8080/a#b', 'http://news.example.com:8080'],
    ['https://alice:pw@mail.example.com/inbox', 'https://mail.example.com'],
    ['HTTPS://WWW.Example.COM', 'https://www.example.com'],
    ['android-app://com.google.android.gm/', undefined],
    ['javascript:alert(1)', undefined],
    ['/relative/path', undefined],
    ['//cdn.example.com/x', undefined],
    ['', undefined],
    ['not a url', undefined],
    ['https://', undefined],
  ];
  for (const [url, want] of cases) {
    test(`${url || '(empty)'} → ${want}`, () => assert.equal(referrerOrigin(url), want));
  }
});

describe('isBareHost', () => {
  const cases: [string, boolean][] = [
    ['www.google.com', true],
    ['mail.google.com:443', true],
    ['localhost.localdomain', true],
    ['xn--r8jz45g.jp', true],
    ['localhost', false],
    ['taro@example.com', false],
    ['https://www.google.com', false],
    ['www.google.com/search', false],
    ['.example.com', false],
    ['example.com.', false],
    ['a..b', false],
    ['example.com:', false],
    ['example.com:80a', false],
    ['$direct', false],
    ['', false],
  ];
  for (const [v, want] of cases)
    test(`${v || '(empty)'} → ${want}`, () => assert.equal(isBareHost(v), want));
});
