package dev.arbiter.decision;

/** How one model call ended; anything but OK means the model gave no usable score. */
public enum ModelStatus {
    OK,
    TIMEOUT,
    RATE_LIMITED,
    HTTP_ERROR,
    MALFORMED,
    CIRCUIT_OPEN,
    REGION_FORBIDDEN,
    BUDGET_EXHAUSTED,
    SKIPPED,
    /** The model failed in-process (an exception, a broken model file). */
    ERROR;

    public boolean usable() {
        return this == OK;
    }
}
