// The SARIF output validated against the SARIF 2.1.0 JSON schema shipped in the
// @microsoft/jest-sarif package (rtm.5, the text of the 2.1.0 standard; draft-04 ids adapted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fixtureResult } from './fixture.js';
import { renderSarif } from './sarif.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function sarifValidator() {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode RegExps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

interface Log {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        semanticVersion: string;
        rules: {
          id: string;
          defaultConfiguration: { level: string };
          help: { text: string; markdown: string };
          properties: { tags: string[] };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number; startColumn: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

test('valid against the SARIF 2.1.0 schema; a broken log is not', () => {
  const validate = sarifValidator();
  const text = renderSarif(fixtureResult().findings, {
    informationUri: 'https://example.com/veil',
  });
  assert.equal(validate(JSON.parse(text)), true, JSON.stringify(validate.errors));
  const broken = JSON.parse(text) as Log;
  (broken.runs[0]!.results[0] as { level: string }).level = 'fatal';
  assert.equal(validate(broken), false);
});

test('one rule per distinct rule id; results point at their rule, file and fingerprint', () => {
  const findings = fixtureResult().findings;
  const log = JSON.parse(renderSarif(findings)) as Log;
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const { driver } = log.runs[0]!.tool;
  assert.equal(driver.name, 'veil');
  assert.match(driver.semanticVersion, /^\d+\.\d+\.\d+/);
  assert.deepEqual(
    driver.rules.map((r) => r.id),
    [...new Set(findings.map((f) => f.rule))].sort(),
  );
  const email = driver.rules.find((r) => r.id === 'flow/user.contact.email')!;
  assert.equal(email.defaultConfiguration.level, 'error', 'worst of its findings');
  assert.ok(email.help.text.length > 0 && email.help.markdown.includes('**Fix:**'));
  assert.ok(email.properties.tags.includes('privacy'));
  const results = log.runs[0]!.results;
  assert.equal(results.length, findings.length);
  results.forEach((r, i) => {
    const f = findings[i]!;
    assert.equal(driver.rules[r.ruleIndex]!.id, r.ruleId);
    assert.equal(r.level, f.severity);
    assert.equal(r.partialFingerprints['veil/v1'], f.fingerprint);
    const loc = r.locations[0]!.physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: f.file, uriBaseId: '%SRCROOT%' });
    assert.deepEqual(loc.region, { startLine: f.line, startColumn: f.column });
  });
});

test('config rules carry the definition message and the vendor docs', () => {
  const log = JSON.parse(renderSarif(fixtureResult().findings)) as Log;
  const rule = log.runs[0]!.tool.driver.rules.find(
    (r) => r.id === 'config/mixpanel/ip-collection',
  )!;
  assert.equal(rule.defaultConfiguration.level, 'warning');
  assert.match(
    rule.help.text,
    /Set `ip: false`\. SDK documentation: https:\/\/docs\.mixpanel\.com/,
  );
});
