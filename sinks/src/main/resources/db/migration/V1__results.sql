-- fourmu results for Grafana and analysts (layout: docs/monitoring.md). A limit curve is immutable once
-- published: its rows are keyed by (analysis_id, version) and a replayed record changes nothing. Runs are
-- upserted (their RunInfo grows). spectrum_bin holds the latest version's spectrum of each analysis (ResultTables).
CREATE TABLE limit_curve (                       -- one row per published LimitCurve
  analysis_id text NOT NULL, version bigint NOT NULL, calibration_id text NOT NULL,
  published_at timestamptz NOT NULL, integrated_luminosity_invfb double precision NOT NULL,
  events bigint NOT NULL, candidates bigint NOT NULL, fits integer NOT NULL,
  max_local_significance double precision NOT NULL, max_local_significance_mass_gev double precision NOT NULL,
  global_significance double precision NOT NULL, up_crossings integer NOT NULL,
  PRIMARY KEY (analysis_id, version));

CREATE TABLE scan_point (                        -- one row per MassPoint of a version
  analysis_id text NOT NULL, version bigint NOT NULL, mass_gev double precision NOT NULL,
  reduced_mass_gev double precision NOT NULL, resolution_gev double precision NOT NULL,
  mlp_range smallint NOT NULL, fit_status text NOT NULL,
  signal_yield double precision, signal_yield_error double precision, background_yield double precision,
  local_significance double precision,
  yield_upper_limit double precision,
  expected_yield_limit_minus2 double precision, expected_yield_limit_minus1 double precision,
  expected_yield_limit_median double precision, expected_yield_limit_plus1 double precision,
  expected_yield_limit_plus2 double precision,
  efficiency_zprime double precision, efficiency_scalar double precision,
  xsec_limit_zprime_fb double precision,
  expected_xsec_zprime_fb_minus2 double precision, expected_xsec_zprime_fb_minus1 double precision,
  expected_xsec_zprime_fb_median double precision, expected_xsec_zprime_fb_plus1 double precision,
  expected_xsec_zprime_fb_plus2 double precision,
  xsec_limit_scalar_fb double precision,
  expected_xsec_scalar_fb_minus2 double precision, expected_xsec_scalar_fb_minus1 double precision,
  expected_xsec_scalar_fb_median double precision, expected_xsec_scalar_fb_plus1 double precision,
  expected_xsec_scalar_fb_plus2 double precision,
  coupling_limit_zprime double precision, coupling_limit_scalar double precision,
  PRIMARY KEY (analysis_id, version, mass_gev),
  FOREIGN KEY (analysis_id, version) REFERENCES limit_curve (analysis_id, version));

CREATE TABLE spectrum_bin (                      -- latest cumulative spectrum, 10 MeV bins of M_R
  analysis_id text NOT NULL, version bigint NOT NULL, mlp_range smallint NOT NULL,
  reduced_mass_low_gev double precision NOT NULL, reduced_mass_high_gev double precision NOT NULL,
  entries bigint NOT NULL,
  PRIMARY KEY (analysis_id, mlp_range, reduced_mass_low_gev));

CREATE TABLE run_summary (                       -- latest RunInfo, with the J/psi monitor of the run
  experiment integer NOT NULL, run integer NOT NULL, state text NOT NULL,
  integrated_luminosity_invfb double precision NOT NULL, events bigint NOT NULL, candidates bigint,
  started_at timestamptz NOT NULL, stopped_at timestamptz,
  jpsi_mass_gev double precision, jpsi_width_gev double precision, jpsi_yield double precision,
  PRIMARY KEY (experiment, run));

-- the newest curve of each analysis, and its points
CREATE VIEW latest_limit_curve AS
    SELECT DISTINCT ON (analysis_id) * FROM limit_curve ORDER BY analysis_id, version DESC;

CREATE VIEW latest_scan_point AS
    SELECT p.* FROM scan_point p JOIN latest_limit_curve c USING (analysis_id, version);
