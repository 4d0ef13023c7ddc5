package org.fourmu.physics.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * sigma(e+e- -> mu+mu- X) x B(X -> mu+mu-) per unit coupling (g = 1, narrow width) versus the X
 * mass, from the project's generator; interpolated log-linearly in sigma. Coupling limit:
 * g = sqrt(sigma_UL / (sigma x B)(g = 1)).
 *
 * @param model      "zprime" or "scalar"
 * @param massesGeV  increasing masses
 * @param sigmaFb    sigma x B at g = 1, fb
 * @param errorFb    MC uncertainty of each entry, fb
 */
public record SignalCrossSectionTable(String model, double[] massesGeV, double[] sigmaFb, double[] errorFb) {

    public SignalCrossSectionTable {
        if (massesGeV.length != sigmaFb.length || massesGeV.length != errorFb.length || massesGeV.length < 2) {
            throw new IllegalArgumentException("need at least two masses and one sigma and error per mass");
        }
        for (int i = 1; i < massesGeV.length; i++) {
            if (!(massesGeV[i] > massesGeV[i - 1])) {
                throw new IllegalArgumentException("masses must increase");
            }
        }
        massesGeV = massesGeV.clone();
        sigmaFb = sigmaFb.clone();
        errorFb = errorFb.clone();
    }

    /** The table shipped with fourmu for a model ("zprime" or "scalar"): written by tools/signal-cross-section-tables.jsh. */
    public static SignalCrossSectionTable shipped(String model) {
        String name = "sigma-per-unit-coupling-" + model + ".csv";
        try (InputStream in = SignalCrossSectionTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped signal cross-section table for model '" + model + "'");
            }
            return fromCsv(model, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the table reaches this mass (no extrapolation). */
    public boolean covers(double massGeV) {
        return massGeV >= massesGeV[0] && massGeV <= massesGeV[massesGeV.length - 1];
    }

    /** sigma x B at g = 1 for a mass inside the table (log-linear interpolation). */
    public double sigmaTimesBranchingAtUnitCouplingFb(double massGeV) {
        if (massGeV < massesGeV[0] || massGeV > massesGeV[massesGeV.length - 1]) {
            throw new IllegalArgumentException("mass " + massGeV + " outside the table " + massesGeV[0] + ".." + massesGeV[massesGeV.length - 1]);
        }
        int i = Arrays.binarySearch(massesGeV, massGeV);
        if (i >= 0) {
            return sigmaFb[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (massGeV - massesGeV[lo]) / (massesGeV[hi] - massesGeV[lo]);
        return Math.exp((1 - t) * Math.log(sigmaFb[lo]) + t * Math.log(sigmaFb[hi]));
    }

    /** The coupling excluded by an upper limit on sigma x B (fb) at a mass. */
    public double couplingLimit(double massGeV, double sigmaUpperLimitFb) {
        return Math.sqrt(sigmaUpperLimitFb / sigmaTimesBranchingAtUnitCouplingFb(massGeV));
    }

    /** CSV with header "mass_gev,sigma_fb,error_fb". */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("mass_gev,sigma_fb,error_fb\n");
        for (int i = 0; i < massesGeV.length; i++) {
            sb.append(massesGeV[i]).append(',').append(sigmaFb[i]).append(',').append(errorFb[i]).append('\n');
        }
        return sb.toString();
    }

    /** Parses {@link #toCsv()} output. */
    public static SignalCrossSectionTable fromCsv(String model, String csv) {
        String[] lines = csv.strip().split("\\R");
        int n = lines.length - 1;
        double[] m = new double[n], s = new double[n], e = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines[i + 1].split(",");
            m[i] = Double.parseDouble(f[0]);
            s[i] = Double.parseDouble(f[1]);
            e[i] = Double.parseDouble(f[2]);
        }
        return new SignalCrossSectionTable(model, m, s, e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignalCrossSectionTable t && model.equals(t.model) && Arrays.equals(massesGeV, t.massesGeV)
            && Arrays.equals(sigmaFb, t.sigmaFb) && Arrays.equals(errorFb, t.errorFb);
    }

    @Override
    public int hashCode() {
        return model.hashCode() * 31 + Arrays.hashCode(massesGeV) * 17 + Arrays.hashCode(sigmaFb);
    }

    @Override
    public String toString() {
        return "SignalCrossSectionTable[" + model + ", " + massesGeV.length + " masses]";
    }
}
