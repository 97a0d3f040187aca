import type { RequestApplicant } from '@dargah/contracts';
import { maskMobile, maskNationalCode } from '@dargah/persian';
import { type Party } from '../organisation';

/**
 * How a request shows the people around it. Pure: the parties are looked up by the service.
 * National codes and mobiles are masked here (`@dargah/persian`'s masks); only the audited reveal sends them in full.
 */

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
