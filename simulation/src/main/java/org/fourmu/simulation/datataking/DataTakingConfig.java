package org.fourmu.simulation.datataking;

import java.util.List;
import java.util.Optional;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.simulation.mix.MixProcesses;

/**
 * Settings of simulated data taking.
 *
 * @param experiment             experiment number of all runs
 * @param firstRun               number of the first run
 * @param instantaneousLumi      instantaneous luminosity in cm^-2 s^-1 (SuperKEKB record ~ 5e34; design 6e35)
 * @param runLengthSeconds       length of each run (simulated time)
 * @param sliceSeconds           time slice in which event counts are drawn (Poisson per process)
 * @param processes              process names mixed at their cross sections
 * @param rateScale              factor multiplying every rate (e.g. > 1 to enrich a short demo); 1 = realistic
 * @param signal                 optional injected signal (also scaled by rateScale)
 * @param beams                  beam conditions of the runs
 * @param startMillis            simulated start time, ms since the epoch
 * @param seed                   random seed: same seed and settings, same stream of events
 */
public record DataTakingConfig(int experiment, int firstRun, double instantaneousLumi, double runLengthSeconds,
                               double sliceSeconds, List<String> processes, double rateScale,
                               Optional<InjectedSignal> signal, BeamConditions beams, long startMillis, long seed) {

    /** 1 fb^-1 = 1e39 cm^-2. */
    public static final double CM2_PER_INV_FB = 1e39;

    public DataTakingConfig {
        processes = List.copyOf(processes);
        if (!(instantaneousLumi > 0) || !(runLengthSeconds > 0) || !(sliceSeconds > 0) || !(rateScale > 0)) {
            throw new IllegalArgumentException("luminosity, run length, slice and scale must be positive");
        }
    }

    /**
     * The demo default: physics-enriched mix (only processes that can pass the four-muon selection:
     * 4mu, ee mumu, mumu gamma, J/psi pi pi), at 4e34 cm^-2 s^-1, 10-minute runs, 1 s slices.
     */
    public static DataTakingConfig enrichedDemo(long seed, double rateScale, Optional<InjectedSignal> signal) {
        return new DataTakingConfig(1, 1, 4e34, 600, 1.0, MixProcesses.ENRICHED_MIX, rateScale, signal,
            BeamConditions.NOMINAL, 1_700_000_000_000L, seed);
    }

    /** Instantaneous luminosity in fb^-1 per second. */
    public double lumiInvFbPerSecond() {
        return instantaneousLumi / CM2_PER_INV_FB;
    }
}
