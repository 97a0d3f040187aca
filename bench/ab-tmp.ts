import { benchAuditChains } from './audit-chains';
const r = await benchAuditChains(32, Number(process.env.SECS ?? 6));
console.log(JSON.stringify(r));
