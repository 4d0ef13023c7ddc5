package org.fourmu.physics.event;

import java.util.List;
import java.util.Optional;

/**
 * One reconstructed event as the analysis sees it: tracks, photons, and, when present, the
 * recorded trigger bits (data) or the generator truth (simulation).
 *
 * @param experiment   Belle II experiment number
 * @param run          run number
 * @param eventNumber  event number within the run
 * @param timeMillis   event time, milliseconds since the Unix epoch
 */
public record RecordedEvent(int experiment,
                            int run,
                            long eventNumber,
                            long timeMillis,
                            List<Track> tracks,
                            List<Photon> photons,
                            Optional<TriggerBits> triggerBits,
                            Optional<McTruth> mcTruth) {

    public RecordedEvent {
        tracks = List.copyOf(tracks);
        photons = List.copyOf(photons);
    }
}
