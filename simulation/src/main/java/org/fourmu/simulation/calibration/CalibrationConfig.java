package org.fourmu.simulation.calibration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much simulation a calibration uses; with the seed it fixes the bundle bit for bit.
 *
 * @param seed               the one seed every random stream derives from
 * @param massesGeV          generated X masses (the interpolation nodes), increasing, 0.212-9 GeV
 * @param eventsPerMass      signal events per mass and model
 * @param pidTracksPerType   particle-gun tracks per particle type for the PID PDFs
 * @param crossSectionPoints weighted points per mass for sigma(g = 1), and per sample in the ISR study
 * @param isrEvents          events per sample in the ISR-veto study
 * @param presamples         weighted points each event generator uses to find its maximum weight
 */
public record CalibrationConfig(long seed, double[] massesGeV, int eventsPerMass, int pidTracksPerType,
                                long crossSectionPoints, int isrEvents, int presamples) {

    /**
     * The nodes of the standard calibration: 250 MeV apart like the paper's Z' samples above
     * 1 GeV (500 MeV above 5 GeV, where shape and efficiency change slowly), denser below 1 GeV where
     * the efficiency and resolution change fastest (the paper's scalar samples are 40 MeV apart
     * there).
     */
    static final double[] STANDARD_MASSES = {0.212, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0,
        3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0};

    public CalibrationConfig {
        if (massesGeV.length < 2) {
            throw new IllegalArgumentException("a calibration needs at least two masses");
        }
        for (int i = 1; i < massesGeV.length; i++) {
            if (!(massesGeV[i] > massesGeV[i - 1])) {
                throw new IllegalArgumentException("calibration masses must increase");
            }
        }
        if (eventsPerMass < 100 || pidTracksPerType < 100 || crossSectionPoints < 1000 || isrEvents < 1000 || presamples < 1000) {
            throw new IllegalArgumentException("too little simulation for a calibration");
        }
        massesGeV = massesGeV.clone();
    }

    @Override
    public double[] massesGeV() {
        return massesGeV.clone();
    }

    /** The shipped calibration. */
    public static CalibrationConfig standard(long seed) {
        return new CalibrationConfig(seed, STANDARD_MASSES, 4000, 30_000, 40_000, 40_000, 20_000);
    }

    /** Three masses and small samples: well under a minute, for smoke runs. */
    public static CalibrationConfig quick(long seed) {
        return new CalibrationConfig(seed, new double[] {0.5, 3.0, 8.0}, 400, 2000, 2000, 2000, 4000);
    }

    /** The settings as provenance entries. */
    Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", Long.toString(seed));
        m.put("massesGeV", Arrays.toString(massesGeV));
        m.put("eventsPerMass", Integer.toString(eventsPerMass));
        m.put("pidTracksPerType", Integer.toString(pidTracksPerType));
        m.put("crossSectionPoints", Long.toString(crossSectionPoints));
        m.put("isrEvents", Integer.toString(isrEvents));
        m.put("presamples", Integer.toString(presamples));
        return m;
    }
}
