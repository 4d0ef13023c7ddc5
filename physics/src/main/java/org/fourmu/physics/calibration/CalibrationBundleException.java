package org.fourmu.physics.calibration;

/** A calibration bundle that cannot be used: corrupted, edited, of another format version, or not the one asked for. */
public final class CalibrationBundleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CalibrationBundleException(String message) {
        super(message);
    }

    public CalibrationBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
