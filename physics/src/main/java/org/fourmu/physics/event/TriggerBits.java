package org.fourmu.physics.event;

/**
 * Trigger decisions recorded with a data event (absent for simulation, where they are emulated).
 *
 * @param threeTrack   the three-track trigger fired
 * @param singleMuon   the single-muon (KLM barrel) trigger fired
 * @param eclReference the calorimeter reference trigger (> 1 GeV in 22-128 deg) fired
 */
public record TriggerBits(boolean threeTrack, boolean singleMuon, boolean eclReference) {

    public boolean physicsTrigger() {
        return threeTrack || singleMuon;
    }
}
