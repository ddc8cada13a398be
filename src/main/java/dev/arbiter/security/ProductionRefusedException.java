package dev.arbiter.security;

/**
 * The production profile found a setting only fit for a developer's machine. Thrown while the
 * context starts, so nothing is served; {@link ProductionStartupFailure} reports it with
 * {@link #action()}.
 */
public final class ProductionRefusedException extends RuntimeException {

    private final String action;

    /**
     * @param refusal what was found, as the end of "refuses to start in the production profile: ..."
     * @param action  what the operator sets to start
     */
    public ProductionRefusedException(String refusal, String action) {
        super(refusal);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
