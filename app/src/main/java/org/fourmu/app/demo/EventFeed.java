package org.fourmu.app.demo;

import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;

/**
 * What the demo's data-taking loop publishes: events in order, and the run they belong to.
 */
public interface EventFeed {

    /** The next event of the current run. */
    RecordedEvent next();

    int experiment();

    int run();

    BeamConditions beams();

    /** Integrated luminosity of the current run so far [fb^-1]. */
    double integratedLuminosityInvFb();
}
