-- fourmu results for Grafana and analysts. A limit curve is immutable once published: rows are keyed by
-- (analysis_id, version) and a replayed record changes nothing. Runs are upserted (their RunInfo grows).
CREATE TABLE limit_curve (
    analysis_id        text             NOT NULL,
    version            bigint           NOT NULL,
    calibration_id     text             NOT NULL,
    published_at       timestamptz      NOT NULL,
    luminosity_invfb   double precision NOT NULL,
    events             bigint           NOT NULL,
    candidates         bigint           NOT NULL,
    fits               integer          NOT NULL,
    max_local_significance      double precision NOT NULL,
    max_local_significance_mass double precision NOT NULL,
    global_significance         double precision NOT NULL,
    up_crossings       integer          NOT NULL,
    PRIMARY KEY (analysis_id, version)
);

CREATE TABLE scan_point (
    analysis_id        text             NOT NULL,
    version            bigint           NOT NULL,
    mass_gev           double precision NOT NULL,
    reduced_mass_gev   double precision NOT NULL,
    resolution_gev     double precision NOT NULL,
    mlp_range          smallint         NOT NULL,
    fit_status         text             NOT NULL,
    signal_yield       double precision,
    signal_yield_error double precision,
    background_yield   double precision,
    local_significance double precision,
    yield_ul           double precision,
    expected_yield_ul_m2 double precision,
    expected_yield_ul_m1 double precision,
    expected_yield_ul_median double precision,
    expected_yield_ul_p1 double precision,
    expected_yield_ul_p2 double precision,
    xsec_ul_zprime_fb  double precision,
    xsec_ul_scalar_fb  double precision,
    coupling_ul_zprime double precision,
    coupling_ul_scalar double precision,
    PRIMARY KEY (analysis_id, version, mass_gev),
    FOREIGN KEY (analysis_id, version) REFERENCES limit_curve (analysis_id, version)
);

CREATE TABLE run_summary (
    experiment         integer          NOT NULL,
    run                integer          NOT NULL,
    state              text             NOT NULL,
    luminosity_invfb   double precision NOT NULL,
    events             bigint           NOT NULL,
    her_energy_gev     double precision NOT NULL,
    ler_energy_gev     double precision NOT NULL,
    started_at         timestamptz      NOT NULL,
    stopped_at         timestamptz,
    PRIMARY KEY (experiment, run)
);

-- the newest curve of each analysis, and its points: what the dashboards plot
CREATE VIEW latest_limit_curve AS
    SELECT DISTINCT ON (analysis_id) * FROM limit_curve ORDER BY analysis_id, version DESC;

CREATE VIEW latest_scan_point AS
    SELECT p.* FROM scan_point p JOIN latest_limit_curve c USING (analysis_id, version);
