package org.fourmu.topology.metrics;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies: it is counted ({@code fourmu_stream_thread_failed_total}, the alert
 * FourmuStreamThreadFailed), logged once, and the client shuts down as Kafka Streams does by default, so the
 * failure shows as state ERROR and a failing readiness check instead of a silent retry loop on a poison record.
 */
public final class StreamThreadFailureHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailureHandler.class);

    private final SearchMetrics metrics;

    public StreamThreadFailureHandler(SearchMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        metrics.streamThreadFailed();
        LOG.error("stream thread {} died; shutting down the Kafka Streams client", Thread.currentThread().getName(),
                exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
