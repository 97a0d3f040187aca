import { messages as audit } from '../features/audit';
import { messages as calendar } from '../features/calendar';
import { workspaceMessages as channels } from '../features/channels';
import { workspaceMessages as catalogue } from '../features/catalogue';
import { messages as deliveryReports } from '../features/delivery-reports';
import { messages as deskReports } from '../features/desk-reports';
import { messages as deskScorecard } from '../features/desk-scorecard';
import { workspaceMessages as documentsWorkspace } from '../features/documents';
import { workspaceMessages as feedbackWorkspace } from '../features/feedback';
import { messages as licences } from '../features/licences';
import { workspaceMessages as requestsWorkspace } from '../features/requests';
import { messages as organisation } from '../features/organisation';
import { messages as serviceArchitecture } from '../features/service-architecture';
import { messages as staff } from '../features/staff';
import { messages as system } from '../features/system';
import { messages as workflows } from '../features/workflows';
import type { Widen } from '../lib/i18n/widen';

/**
 * The staff workspace's and the administration's strings (each feature's `messages.ts`, under its
 * own keys). Loaded with those areas (`loadWorkspaceMessages` in `areas.tsx`), so visitors of the
 * public pages do not download them.
 */
export const workspaceParts = {
  audit,
  calendar,
  channels,
  catalogueWorkspace: catalogue,
  deliveryReports,
  deskReports,
  deskScorecard,
  documentsWorkspace,
  feedbackWorkspace,
  licences,
  organisation,
  requestsWorkspace,
  serviceArchitecture,
  staff,
  system,
  workflows,
};

export const workspaceFa = {
  ...audit.fa,
  ...calendar.fa,
  ...channels.fa,
  ...catalogue.fa,
  ...deliveryReports.fa,
  ...deskReports.fa,
  ...deskScorecard.fa,
  ...documentsWorkspace.fa,
  ...feedbackWorkspace.fa,
  ...licences.fa,
  ...organisation.fa,
  ...requestsWorkspace.fa,
  ...serviceArchitecture.fa,
  ...staff.fa,
  ...system.fa,
  ...workflows.fa,
};

export const workspaceEn: Widen<typeof workspaceFa> = {
  ...audit.en,
  ...calendar.en,
  ...channels.en,
  ...catalogue.en,
  ...deliveryReports.en,
  ...deskReports.en,
  ...deskScorecard.en,
  ...documentsWorkspace.en,
  ...feedbackWorkspace.en,
  ...licences.en,
  ...organisation.en,
  ...requestsWorkspace.en,
  ...serviceArchitecture.en,
  ...staff.en,
  ...system.en,
  ...workflows.en,
};
