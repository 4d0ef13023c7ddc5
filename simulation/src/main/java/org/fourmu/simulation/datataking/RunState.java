package org.fourmu.simulation.datataking;

/** State of a data-taking run. */
public enum RunState {
    /** Taking data; the integrated luminosity is still growing. */
    RUNNING,
    /** Ended; the record is final. */
    STOPPED
}
