package org.fourmu.physics.calibration;

import java.util.Arrays;

/**
 * The MLP selection (five networks and the mass-dependent cut) as the bundle carries it: opaque
 * bytes and the id of the format that reads them. Empty until a trained selection is added; a
 * bundle with an empty payload has efficiencies "before MLP".
 *
 * @param formatId the serialisation's name and version, empty when there is no selection
 * @param bytes    the serialised selection
 */
public record MlpSelectionPayload(String formatId, byte[] bytes) {

    public static final MlpSelectionPayload EMPTY = new MlpSelectionPayload("", new byte[0]);

    public MlpSelectionPayload {
        if (formatId.isEmpty() != (bytes.length == 0)) {
            throw new IllegalArgumentException("an MLP payload has both a format id and bytes, or neither");
        }
        bytes = bytes.clone();
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpSelectionPayload p && formatId.equals(p.formatId) && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return formatId.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return isEmpty() ? "MlpSelectionPayload[empty]" : "MlpSelectionPayload[" + formatId + ", " + bytes.length + " bytes]";
    }
}
