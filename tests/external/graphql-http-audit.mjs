// GraphQL-over-HTTP conformance audit of a running cusnet server (the `graphql-http` suite).
// Usage: node graphql-http-audit.mjs <url>   e.g. http://127.0.0.1:8080/graphql
// Fails on any MUST failure and on any SHOULD warning not listed, with its reason, in
// accepted-warnings.json. Notices (MAY) are printed only.
import { auditServer } from 'graphql-http';
import { readFileSync } from 'node:fs';

const url = process.argv[2];
if (!url) {
  console.error('usage: node graphql-http-audit.mjs <graphql url>');
  process.exit(2);
}
const accepted = JSON.parse(
  readFileSync(new URL('./accepted-warnings.json', import.meta.url), 'utf8'),
);
for (const [id, reason] of Object.entries(accepted)) {
  if (typeof reason !== 'string' || reason.trim() === '') {
    console.error(`accepted warning ${id} has no reason`);
    process.exit(2);
  }
}

const results = await auditServer({ url });
let failures = 0;
let passed = 0;
const seen = new Set();
for (const r of results) {
  if (r.status === 'ok') {
    passed += 1;
    continue;
  }
  let detail = r.reason;
  try {
    detail += ` — ${r.response.status} ${await r.response.text()}`;
  } catch {
    // The body was already read by the audit.
  }
  if (r.status === 'warn' && accepted[r.id]) {
    seen.add(r.id);
    passed += 1;
    console.log(`accepted  ${r.id} ${r.name}: ${accepted[r.id]}`);
  } else if (r.status === 'notice') {
    passed += 1;
    console.log(`notice    ${r.id} ${r.name}: ${detail}`);
  } else {
    failures += 1;
    console.log(`${r.status.toUpperCase().padEnd(9)} ${r.id} ${r.name}: ${detail}`);
  }
}
for (const id of Object.keys(accepted)) {
  if (!seen.has(id)) {
    console.log(`stale     ${id}: accepted but no longer warned about; remove it`);
  }
}
console.log(`graphql-http audit: ${passed} audits ok, ${failures} failing`);
process.exit(failures === 0 ? 0 : 1);
