package org.fourmu.sinks.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import org.fourmu.avro.JpsiRunFit;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.SpectrumBin;
import org.fourmu.topology.metrics.JpsiMonitor;

/** Idempotent writes of result records into the tables of {@link SchemaMigrations}. */
public final class ResultTables {

    private final Connection c;

    public ResultTables(Connection c) {
        this.c = c;
    }

    /** A limit curve, its points and its spectrum; a version already stored is left as it is (returns false). */
    public boolean write(LimitCurve curve) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO limit_curve (analysis_id, version, calibration_id, published_at, "
                + "integrated_luminosity_invfb, events, candidates, fits, max_local_significance, max_local_significance_mass_gev, "
                + "global_significance, up_crossings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT (analysis_id, version) DO NOTHING")) {
            int i = 1;
            p.setString(i++, curve.getAnalysisId().toString());
            p.setLong(i++, curve.getVersion());
            p.setString(i++, curve.getCalibrationId().toString());
            p.setTimestamp(i++, new Timestamp(curve.getPublishedMillis()));
            p.setDouble(i++, curve.getIntegratedLuminosity());
            p.setLong(i++, curve.getEvents());
            p.setLong(i++, curve.getCandidates());
            p.setInt(i++, curve.getFits());
            p.setDouble(i++, curve.getMaxLocalSignificance());
            p.setDouble(i++, curve.getMaxLocalSignificanceMass());
            p.setDouble(i++, curve.getGlobalSignificance());
            p.setInt(i, curve.getUpCrossings());
            if (p.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO scan_point (analysis_id, version, "
                + "mass_gev, reduced_mass_gev, resolution_gev, mlp_range, fit_status, signal_yield, signal_yield_error, "
                + "background_yield, local_significance, yield_upper_limit, expected_yield_limit_minus2, expected_yield_limit_minus1, "
                + "expected_yield_limit_median, expected_yield_limit_plus1, expected_yield_limit_plus2, efficiency_zprime, "
                + "efficiency_scalar, xsec_limit_zprime_fb, expected_xsec_zprime_fb_minus2, expected_xsec_zprime_fb_minus1, "
                + "expected_xsec_zprime_fb_median, expected_xsec_zprime_fb_plus1, expected_xsec_zprime_fb_plus2, "
                + "xsec_limit_scalar_fb, expected_xsec_scalar_fb_minus2, expected_xsec_scalar_fb_minus1, "
                + "expected_xsec_scalar_fb_median, expected_xsec_scalar_fb_plus1, expected_xsec_scalar_fb_plus2, "
                + "coupling_limit_zprime, coupling_limit_scalar) VALUES (" + "?,".repeat(32) + "?) ON CONFLICT DO NOTHING")) {
            for (MassPoint m : curve.getPoints()) {
                int i = 1;
                p.setString(i++, curve.getAnalysisId().toString());
                p.setLong(i++, curve.getVersion());
                p.setDouble(i++, m.getMass());
                p.setDouble(i++, m.getReducedMass());
                p.setDouble(i++, m.getResolution());
                p.setShort(i++, (short) m.getMlpRange());
                p.setString(i++, m.getFitStatus().toString());
                i = number(p, i, m.getSignalYield());
                i = number(p, i, m.getSignalYieldError());
                i = number(p, i, m.getBackgroundYield());
                i = number(p, i, m.getLocalSignificance());
                i = number(p, i, m.getYieldUpperLimit());
                i = band(p, i, m.getExpectedYieldLimits());
                i = number(p, i, m.getEfficiencyZPrime());
                i = number(p, i, m.getEfficiencyScalar());
                i = number(p, i, m.getXsecLimitZPrime());
                i = band(p, i, m.getExpectedXsecLimitsZPrime());
                i = number(p, i, m.getXsecLimitScalar());
                i = band(p, i, m.getExpectedXsecLimitsScalar());
                i = number(p, i, m.getCouplingLimitZPrime());
                number(p, i, m.getCouplingLimitScalar());
                p.addBatch();
            }
            p.executeBatch();
        }
        writeSpectrum(curve);
        return true;
    }

    /**
     * The curve's spectrum becomes the analysis' rows in {@code spectrum_bin} (the latest cumulative spectrum):
     * upserted by the table's key, then the bins of older versions that the new one lacks are deleted. A
     * spectrum older than the one stored is left out, so a late or replayed version never replaces a newer one.
     */
    private void writeSpectrum(LimitCurve curve) throws SQLException {
        String analysis = curve.getAnalysisId().toString();
        try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(version), 0) FROM spectrum_bin WHERE analysis_id = ?")) {
            p.setString(1, analysis);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                if (r.getLong(1) > curve.getVersion()) {
                    return;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO spectrum_bin (analysis_id, version, mlp_range, "
                + "reduced_mass_low_gev, reduced_mass_high_gev, entries) VALUES (?,?,?,?,?,?) "
                + "ON CONFLICT (analysis_id, mlp_range, reduced_mass_low_gev) DO UPDATE SET version = EXCLUDED.version, "
                + "reduced_mass_high_gev = EXCLUDED.reduced_mass_high_gev, entries = EXCLUDED.entries "
                + "WHERE spectrum_bin.version <= EXCLUDED.version")) {
            for (SpectrumBin b : curve.getSpectrum()) {
                p.setString(1, analysis);
                p.setLong(2, curve.getVersion());
                p.setShort(3, (short) b.getMlpRange());
                p.setDouble(4, b.getReducedMassLow());
                p.setDouble(5, b.getReducedMassHigh());
                p.setLong(6, b.getEntries());
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM spectrum_bin WHERE analysis_id = ? AND version < ?")) {
            p.setString(1, analysis);
            p.setLong(2, curve.getVersion());
            p.executeUpdate();
        }
    }

    /** A run's latest RunInfo (insert or update). */
    public void write(RunInfo r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO run_summary (experiment, run, state, "
                + "integrated_luminosity_invfb, events, started_at, stopped_at) VALUES (?,?,?,?,?,?,?) "
                + "ON CONFLICT (experiment, run) DO UPDATE SET state = EXCLUDED.state, "
                + "integrated_luminosity_invfb = EXCLUDED.integrated_luminosity_invfb, events = EXCLUDED.events, "
                + "started_at = EXCLUDED.started_at, stopped_at = EXCLUDED.stopped_at")) {
            p.setInt(1, r.getExperiment());
            p.setInt(2, r.getRun());
            p.setString(3, r.getState().name());
            p.setDouble(4, r.getIntegratedLuminosity());
            p.setLong(5, r.getEvents());
            p.setTimestamp(6, new Timestamp(r.getStartMillis()));
            if (r.getStopMillis() == null) {
                p.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                p.setTimestamp(7, new Timestamp(r.getStopMillis()));
            }
            p.executeUpdate();
        }
        copyJpsi(r.getExperiment(), r.getRun());
    }

    /**
     * A run's J/psi fit into {@code run_jpsi} (unless the stored one has more pairs, or as many and more candidates:
     * it is newer), then into the run's {@code run_summary} row if the run is there already.
     */
    public void write(JpsiRunFit f) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO run_jpsi (experiment, run, pairs, candidates, fit_status, "
                + "mass_gev, mass_error_gev, width_gev, width_error_gev, yield, yield_error, background, source_tasks, fitted_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (experiment, run) DO UPDATE SET pairs = EXCLUDED.pairs, "
                + "candidates = EXCLUDED.candidates, fit_status = EXCLUDED.fit_status, mass_gev = EXCLUDED.mass_gev, "
                + "mass_error_gev = EXCLUDED.mass_error_gev, width_gev = EXCLUDED.width_gev, "
                + "width_error_gev = EXCLUDED.width_error_gev, yield = EXCLUDED.yield, yield_error = EXCLUDED.yield_error, "
                + "background = EXCLUDED.background, source_tasks = EXCLUDED.source_tasks, fitted_at = EXCLUDED.fitted_at "
                + "WHERE (run_jpsi.pairs, run_jpsi.candidates) <= (EXCLUDED.pairs, EXCLUDED.candidates)")) {
            int i = 1;
            p.setInt(i++, f.getExperiment());
            p.setInt(i++, f.getRun());
            p.setLong(i++, f.getPairs());
            p.setLong(i++, f.getCandidates());
            p.setString(i++, f.getStatus().name());
            i = number(p, i, f.getMassGeV());
            i = number(p, i, f.getMassErrorGeV());
            i = number(p, i, f.getWidthGeV());
            i = number(p, i, f.getWidthErrorGeV());
            i = number(p, i, f.getSignalYield());
            i = number(p, i, f.getSignalYieldError());
            i = number(p, i, f.getBackground());
            p.setInt(i++, f.getSourceTasks());
            p.setTimestamp(i, new Timestamp(f.getFittedMillis()));
            p.executeUpdate();
        }
        copyJpsi(f.getExperiment(), f.getRun());
    }

    /**
     * The run's J/psi monitor and candidates from {@code run_jpsi} into its {@code run_summary} row, when both exist:
     * whichever of RunInfo and J/psi fit arrives second completes the row. Only a fit worth showing fills the jpsi
     * columns (converged, yield significance as the gauges' {@link JpsiMonitor}); run_jpsi keeps every fit.
     */
    private void copyJpsi(int experiment, int run) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE run_summary s SET candidates = j.candidates, "
                + "jpsi_mass_gev = CASE WHEN j.shown THEN j.mass_gev END, jpsi_width_gev = CASE WHEN j.shown THEN j.width_gev END, "
                + "jpsi_yield = CASE WHEN j.shown THEN j.yield END FROM (SELECT *, fit_status = 'CONVERGED' AND yield >= "
                + JpsiMonitor.MIN_YIELD_SIGNIFICANCE + " * yield_error AS shown FROM run_jpsi) j "
                + "WHERE s.experiment = ? AND s.run = ? AND j.experiment = s.experiment AND j.run = s.run")) {
            p.setInt(1, experiment);
            p.setInt(2, run);
            p.executeUpdate();
        }
    }

    /** An expected band (-2, -1, median, +1, +2 sigma); missing entries (before calibration) are NULL. */
    private static int band(PreparedStatement p, int i, List<Double> band) throws SQLException {
        for (int k = 0; k < 5; k++) {
            i = number(p, i, k < band.size() ? band.get(k) : Double.NaN);
        }
        return i;
    }

    /** NaN (a quantity not available, e.g. before calibration) is stored as NULL. */
    private static int number(PreparedStatement p, int i, double x) throws SQLException {
        if (Double.isNaN(x)) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, x);
        }
        return i + 1;
    }
}
