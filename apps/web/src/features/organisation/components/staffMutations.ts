import { useQueryClient } from '@tanstack/react-query';
import { agencyKey, staffKey, type StaffDetails } from '../staffApi';

/** After a change to a staff member: their page and their agency's lists are read again. */
export function useStaffRefresh(member: StaffDetails) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: staffKey(member.id) }),
      queryClient.invalidateQueries({ queryKey: agencyKey(member.agencyId) }),
    ]);
  };
}
