import type { RequestApplicant } from '@dargah/contracts';
import type { Party } from '../identity';

/**
 * How a request shows the people around it. Pure: the parties are looked up by the service.
 * National codes and mobiles are masked here; only the audited reveal sends them in full.
 */

const stars = (n: number) => '*'.repeat(Math.max(n, 0));
/** Keeps `head` digits in front and `tail` at the end; anything too short to keep both is all stars. */
function mask(value: string, head: number, tail: number): string {
  return value.length <= head + tail ? stars(value.length) : `${value.slice(0, head)}${stars(value.length - head - tail)}${value.slice(-tail)}`;
}
/** `0013542419` → `001****419`. */
export const maskNationalCode = (code: string) => mask(code, 3, 3);
/** `09121234567` → `0912***4567`. */
export const maskMobile = (mobile: string) => mask(mobile, 4, 4);

/** The applicant as a request page shows it: the person, masked, and the company they acted for. */
export function applicantView(person: Party | undefined, company: Party | undefined, revealable: boolean): RequestApplicant {
  return {
    person: {
      name: person?.name ?? null,
      nationalCode: person?.nationalCode ? maskNationalCode(person.nationalCode) : null,
      mobile: person?.mobile ? maskMobile(person.mobile) : null,
    },
    company: company ? { name: company.name, legalId: company.legalId } : null,
    revealable,
  };
}

/** What the cartable calls the applicant: the company and its representative, or the person (name, else masked national code). */
export function applicantName(r: { personName: string | null; personNationalCode: string | null; companyName: string | null }): string {
  const person = r.personName ?? (r.personNationalCode ? maskNationalCode(r.personNationalCode) : '');
  return r.companyName ? `${r.companyName} — ${person}` : person;
}
