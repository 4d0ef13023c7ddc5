package org.fourmu.app.command;

import org.fourmu.simulation.calibration.PidCalibration;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.topology.SearchTopology;

/** The analysis the commands run, until the calibration bundle supplies it. */
final class AnalysisSetup {

    /** Calibration id of PID PDFs derived from the fast detector at start (seed 1, 20k tracks per species; < 1 s). */
    static final String FAST_SIMULATION_PID = "pid-from-fastsim";

    private AnalysisSetup() {
    }

    static SearchTopology.Analysis fromFastSimulation() {
        return SearchTopology.Analysis.paper(PidCalibration.build(FastDetector.nominal(), 20_000, 1), FAST_SIMULATION_PID);
    }
}
