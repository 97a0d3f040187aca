import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config';
import { auditKeyFromConfig, publicAuditKey, SignedCheckpointSchema, verifyAudit, type AuditKey, type AuditReport } from '../platform/audit';
import { openDatabase } from '../platform/db';
import { failStartup } from './exit';

const USAGE = `npm run audit:verify [-- --against <checkpoint.json>] [--public-key <key.pem>]

Seals the audit entries committed so far, then walks every audit chain and checks every signed
checkpoint from one snapshot of the database, and reports the entries still waiting to be sealed
(SEAL_OVERDUE when the oldest waited longer than AUDIT_MAX_SEAL_DELAY_SECONDS).
  --against      a copy of a checkpoint kept outside Dargah (GET /api/v1/audit/checkpoints/latest):
                 proves that nothing up to it was changed or removed since it was signed
  --public-key   the Ed25519 public key (PEM) to trust, instead of the configured signing key's
Exits 0 when everything holds, 1 naming the first broken entry of each chain and each failing checkpoint.`;

/** An outsider's checkpoint file: one exported checkpoint, with the public key it was signed by. */
const CheckpointFile = SignedCheckpointSchema.extend({ publicKeyPem: z.string().optional() });

function formatReport(r: AuditReport): string {
  const lines = r.chains.map((c) => `  chain ${c.chain}: ${c.entries} entries, head ${c.headHash.slice(0, 16)}…`);
  const head = r.ok
    ? `audit intact: ${r.entries} entries in ${r.chains.length} chains, ${r.checkpoints.count} checkpoints verified`
    : `AUDIT BROKEN: ${r.problems.length} problem(s) in ${r.entries} entries, ${r.chains.length} chains, ${r.checkpoints.count} checkpoints`;
  const pending = `  waiting to be sealed: ${r.pending.entries} entries${r.pending.entries ? `, the oldest for ${r.pending.oldestSeconds.toFixed(1)} s` : ''}`;
  const problems = r.problems.map((p) => `  ${p.reason}: ${p.message}`);
  return [head, ...lines, pending, ...problems].join('\n') + '\n';
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { against: { type: 'string' }, 'public-key': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig();
  const given = values['public-key'] ? publicAuditKey(fs.readFileSync(values['public-key'], 'utf8')) : undefined;
  const trusted: AuditKey[] = given ? [given] : [auditKeyFromConfig(config)];
  let against: { checkpoint: z.infer<typeof SignedCheckpointSchema>; key: AuditKey } | undefined;
  if (values.against) {
    const file = CheckpointFile.parse(JSON.parse(fs.readFileSync(values.against, 'utf8')));
    const key = given ?? (file.publicKeyPem ? publicAuditKey(file.publicKeyPem) : trusted[0]!);
    against = { checkpoint: { body: file.body, keyId: file.keyId, signature: file.signature }, key };
  }
  const database = await openDatabase(config);
  try {
    const report = await verifyAudit(database, { trustedKeys: trusted, maxSealDelaySeconds: config.AUDIT_MAX_SEAL_DELAY_SECONDS, ...(against ? { against } : {}) });
    process.stdout.write(formatReport(report));
    if (!report.ok) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main().catch(failStartup);
