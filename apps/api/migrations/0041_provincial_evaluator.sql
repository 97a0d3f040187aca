-- The provincial evaluator (issue 11 §12): the province's planning organisation evaluates the
-- electronic service desks of the agencies in its province. Granted by the central organisation.
ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check;
ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check
  CHECK (role IN ('desk_clerk', 'expert', 'unit_manager', 'secretariat', 'agency_admin',
                  'central_reviewer', 'oversight_auditor', 'platform_admin', 'call_centre_operator',
                  'counter_operator', 'provincial_evaluator'));
