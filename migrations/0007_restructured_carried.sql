-- Issue 17 §A2: a restructuring plan that replaced a loan with no principal left wrote the
-- arrears as an interest-free loan without marking it as a carried part, so the funds screen and
-- the home screen counted that interest as principal. Mark those loans as carried parts.
UPDATE loan SET tranche_part = 'carried'
WHERE restructured_from IS NOT NULL
  AND tranche_part IS NULL
  AND (SELECT o.outstanding_principal FROM loan o WHERE o.id = loan.restructured_from) = 0;
