import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { ServiceVersionList, ServiceVersionView, WorkflowDefinition } from '../../lib/contracts';

/** `GET /services/:id/versions`: the versions with their workflow definitions, the templates and whether the caller may edit. */
export const versionsQuery = (serviceId: string) =>
  queryOptions({
    queryKey: ['admin', 'services', serviceId, 'versions'],
    queryFn: ({ signal }) => api.get<ServiceVersionList>(`/services/${encodeURIComponent(serviceId)}/versions`, { signal }),
  });

/** `PUT /services/:id/versions/:no` with the draft's workflow definition, at the row version read. */
export const saveWorkflow = (serviceId: string, versionNo: number, rowVersion: number, workflowDefinition: WorkflowDefinition) =>
  api.put<ServiceVersionView>(`/services/${encodeURIComponent(serviceId)}/versions/${versionNo}`, { rowVersion, workflowDefinition });
