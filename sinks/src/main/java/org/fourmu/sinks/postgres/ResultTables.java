package org.fourmu.sinks.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.avro.RunInfo;

/** Idempotent writes of result records into the tables of {@link SchemaMigrations}. */
public final class ResultTables {

    private final Connection c;

    public ResultTables(Connection c) {
        this.c = c;
    }

    /** A limit curve and its points; a version already stored is left as it is (returns false). */
    public boolean write(LimitCurve curve) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO limit_curve VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
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
        try (PreparedStatement p = c.prepareStatement("INSERT INTO scan_point VALUES "
                + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
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
                List<Double> e = m.getExpectedYieldLimits();
                for (int k = 0; k < 5; k++) {
                    i = number(p, i, k < e.size() ? e.get(k) : Double.NaN);
                }
                i = number(p, i, m.getXsecLimitZPrime());
                i = number(p, i, m.getXsecLimitScalar());
                i = number(p, i, m.getCouplingLimitZPrime());
                number(p, i, m.getCouplingLimitScalar());
                p.addBatch();
            }
            p.executeBatch();
        }
        return true;
    }

    /** A run's latest RunInfo (insert or update). */
    public void write(RunInfo r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO run_summary VALUES (?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT (experiment, run) DO UPDATE SET state = EXCLUDED.state, luminosity_invfb = EXCLUDED.luminosity_invfb, "
                + "events = EXCLUDED.events, her_energy_gev = EXCLUDED.her_energy_gev, ler_energy_gev = EXCLUDED.ler_energy_gev, "
                + "started_at = EXCLUDED.started_at, stopped_at = EXCLUDED.stopped_at")) {
            p.setInt(1, r.getExperiment());
            p.setInt(2, r.getRun());
            p.setString(3, r.getState().name());
            p.setDouble(4, r.getIntegratedLuminosity());
            p.setLong(5, r.getEvents());
            p.setDouble(6, r.getHerEnergy());
            p.setDouble(7, r.getLerEnergy());
            p.setTimestamp(8, new Timestamp(r.getStartMillis()));
            if (r.getStopMillis() == null) {
                p.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                p.setTimestamp(9, new Timestamp(r.getStopMillis()));
            }
            p.executeUpdate();
        }
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
