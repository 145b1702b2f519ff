import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDisclosure } from './disclosure.js';
import { fixtureMap } from './fixture.js';

test('the 外部送信 page names each recipient, the data sent in plain words, and the purpose', () => {
  const both = renderDisclosure(fixtureMap());
  const [ja, en] = both.split('\n---\n');
  assert.match(ja!, /^# 外部送信に関する公表事項/);
  assert.match(
    ja!,
    /- 送信先: Mixpanel, Inc\.\n- 送信される情報: サービスの利用状況（操作の種類と日時）、おおよその位置情報（市区町村・地域・国）、仮名化された利用者識別子（鍵付きハッシュ）\n- 利用目的: プロダクト分析/,
  );
  assert.match(ja!, /- 送信先: amplitude（事業者名は未登録）/);
  assert.match(
    en!,
    /- Recipient: Mixpanel, Inc\.\n- Data sent: usage of the service \(names and times of actions\); approximate location \(city, region, country\); pseudonymous user identifier \(keyed hash\)\n- Purpose: Product analytics, funnels/,
  );
  assert.ok(!ja!.includes('メールアドレス'), 'removed categories are not listed as sent');
  assert.ok(!renderDisclosure(fixtureMap(), 'en').includes('外部送信'));
  assert.ok(!renderDisclosure(fixtureMap(), 'ja').includes('Recipient'));
});
