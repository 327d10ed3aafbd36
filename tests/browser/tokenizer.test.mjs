// The browser's tokenizer (templates/assets/search.js) against the shared vectors that the Rust
// tokenizer passes too (tests/search.rs): the two provably agree.
// Run: node --test tests/browser/tokenizer.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const search = require(root + 'templates/assets/search.js');
const fixture = JSON.parse(readFileSync(root + 'tests/fixtures/tokenizer-vectors.json', 'utf8'));

test('every vector tokenizes as the fixture says', () => {
  assert.ok(fixture.vectors.length > 30);
  for (const vector of fixture.vectors) {
    assert.deepEqual(search.tokenize(vector.input), vector.tokens, JSON.stringify(vector.input));
  }
});

test('every token hashes to the fixture value (shard choice)', () => {
  for (const { token, fnv1a } of fixture.hashes) {
    assert.equal(search.tokenHash(token), fnv1a, JSON.stringify(token));
  }
});
