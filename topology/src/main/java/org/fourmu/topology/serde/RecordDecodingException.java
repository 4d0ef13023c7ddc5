package org.fourmu.topology.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.fourmu.avro.DeadLetterReason;

/**
 * A record value that cannot be decoded, with the reason code the dead-letter topic records.
 */
public final class RecordDecodingException extends SerializationException {

    private static final long serialVersionUID = 1L;
    private final DeadLetterReason reason;

    public RecordDecodingException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
