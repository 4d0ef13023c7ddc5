package org.fourmu.sinks.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations ({@code db/migration/V<n>__<name>.sql} on the class path), applied in order,
 * each in its own transaction together with its row in {@code fourmu_schema_version}; concurrent sinks
 * serialise on an advisory lock, so a migration runs once.
 */
public final class SchemaMigrations {

    /** The migrations in order; a new one is appended here and added as a file. */
    static final List<String> MIGRATIONS = List.of("V1__results.sql", "V2__run_jpsi.sql");
    private static final long LOCK = 0x466F75726D75L; // "Fourmu"

    private SchemaMigrations() {
    }

    /** Applies the missing migrations; returns the schema version now in place. */
    public static int migrate(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            s.execute("CREATE TABLE IF NOT EXISTS fourmu_schema_version (version integer PRIMARY KEY, "
                    + "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            int current = 0;
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM fourmu_schema_version")) {
                r.next();
                current = r.getInt(1);
            }
            for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                String name = MIGRATIONS.get(v - 1);
                s.execute(read(name));
                try (PreparedStatement p = c.prepareStatement("INSERT INTO fourmu_schema_version (version, name) VALUES (?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, name);
                    p.executeUpdate();
                }
            }
            if (current > MIGRATIONS.size()) {
                throw new IllegalStateException("the database has schema version " + current + ", newer than this fourmu ("
                        + MIGRATIONS.size() + "): upgrade fourmu");
            }
            c.commit();
            return Math.max(current, MIGRATIONS.size());
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String read(String name) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration " + name + " missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + name, e);
        }
    }
}
