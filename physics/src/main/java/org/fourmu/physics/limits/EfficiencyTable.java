package org.fourmu.physics.limits;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.analysis.interpolation.LinearInterpolator;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonphilicScalar;

/**
 * Signal efficiencies of the Z' and the scalar at a list of masses (the calibration bundle's
 * efficiency curve, or a CSV {@code mass,eff_zprime,eff_scalar}), linearly interpolated in mass;
 * no extrapolation: outside the table the efficiency is unknown (NaN).
 */
public final class EfficiencyTable {

    private final double[] massesGeV;
    private final double[] zPrime;
    private final double[] scalar;

    public EfficiencyTable(double[] massesGeV, double[] zPrime, double[] scalar) {
        if (massesGeV.length < 2 || zPrime.length != massesGeV.length || scalar.length != massesGeV.length) {
            throw new IllegalArgumentException("need at least two masses and one efficiency per model and mass");
        }
        for (int i = 0; i < massesGeV.length; i++) {
            if (i > 0 && !(massesGeV[i] > massesGeV[i - 1])) {
                throw new IllegalArgumentException("masses must increase: " + massesGeV[i - 1] + ", " + massesGeV[i]);
            }
            if (!(zPrime[i] > 0 && zPrime[i] <= 1) || !(scalar[i] > 0 && scalar[i] <= 1)) {
                throw new IllegalArgumentException("efficiencies must be in (0, 1] at mass " + massesGeV[i]);
            }
        }
        this.massesGeV = massesGeV.clone();
        this.zPrime = zPrime.clone();
        this.scalar = scalar.clone();
    }

    /**
     * Parses CSV with a header line naming the columns {@code mass} (or {@code mass_gev}),
     * {@code eff_zprime} and {@code eff_scalar} in any order; blank lines and lines starting with # are skipped.
     */
    public static EfficiencyTable fromCsv(String csv) {
        String[] lines = csv.strip().split("\\R");
        int header = 0;
        while (header < lines.length && (lines[header].isBlank() || lines[header].strip().startsWith("#"))) {
            header++;
        }
        if (header == lines.length) {
            throw new IllegalArgumentException("efficiency CSV is empty");
        }
        String[] names = lines[header].toLowerCase(Locale.ROOT).split(",");
        int im = column(names, "mass", "mass_gev");
        int iz = column(names, "eff_zprime");
        int is = column(names, "eff_scalar");
        double[] m = new double[lines.length];
        double[] z = new double[lines.length];
        double[] s = new double[lines.length];
        int n = 0;
        for (int i = header + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            try {
                m[n] = Double.parseDouble(f[im].strip());
                z[n] = Double.parseDouble(f[iz].strip());
                s[n] = Double.parseDouble(f[is].strip());
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("efficiency CSV line " + (i + 1) + " is not mass,eff_zprime,eff_scalar: '" + line + "'");
            }
            n++;
        }
        return new EfficiencyTable(Arrays.copyOf(m, n), Arrays.copyOf(z, n), Arrays.copyOf(s, n));
    }

    private static int column(String[] names, String... accepted) {
        for (int i = 0; i < names.length; i++) {
            for (String a : accepted) {
                if (names[i].strip().equals(a)) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("efficiency CSV header lacks column " + accepted[0]);
    }

    /** The efficiency curve of a model by its command-line name ("zprime" or "scalar"). */
    public SignalEfficiency forModel(String model) {
        double[] eff = switch (model) {
            case LmuLtauZPrime.NAME -> zPrime;
            case MuonphilicScalar.NAME -> scalar;
            default -> throw new IllegalArgumentException("unknown model '" + model + "' (zprime, scalar)");
        };
        PolynomialSplineFunction f = new LinearInterpolator().interpolate(massesGeV, eff);
        return m -> f.isValidPoint(m) ? f.value(m) : Double.NaN;
    }

    public double lowGeV() {
        return massesGeV[0];
    }

    public double highGeV() {
        return massesGeV[massesGeV.length - 1];
    }
}
