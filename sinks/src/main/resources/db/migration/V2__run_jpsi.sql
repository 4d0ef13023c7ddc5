-- The J/psi monitor of each run (JpsiRunFit from fourmu.jpsi), with its uncertainties and fit status. It may
-- arrive before or after the run's RunInfo: it is kept here in both cases, and run_summary's jpsi_* and candidates
-- columns are copied from it whenever either row is written (ResultTables). A run's counts only grow, so a fit with
-- fewer pairs (or as many and fewer candidates) than the stored one is older and leaves it as it is.
CREATE TABLE run_jpsi (
  experiment integer NOT NULL, run integer NOT NULL, pairs bigint NOT NULL, candidates bigint NOT NULL,
  fit_status text NOT NULL, mass_gev double precision, mass_error_gev double precision,
  width_gev double precision, width_error_gev double precision, yield double precision, yield_error double precision,
  background double precision, source_tasks integer NOT NULL, fitted_at timestamptz NOT NULL,
  PRIMARY KEY (experiment, run));
