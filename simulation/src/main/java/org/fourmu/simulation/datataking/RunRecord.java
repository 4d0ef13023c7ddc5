package org.fourmu.simulation.datataking;

import org.fourmu.physics.event.BeamConditions;

/**
 * A snapshot of a run as the run database would record it (the app maps it to Avro RunInfo).
 *
 * @param experiment          experiment number
 * @param run                 run number
 * @param integratedLumiInvFb effective luminosity of this run so far (delivered x rate scale), fb^-1
 * @param beams               beam energies and angles of the run
 * @param startMillis         run start, ms since the epoch (simulated clock)
 * @param stopMillis          time of this snapshot while RUNNING, the run end once STOPPED
 * @param state               RUNNING or STOPPED
 */
public record RunRecord(int experiment, int run, double integratedLumiInvFb, BeamConditions beams,
                        long startMillis, long stopMillis, RunState state) {
}
