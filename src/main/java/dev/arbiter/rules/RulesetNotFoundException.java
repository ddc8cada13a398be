package dev.arbiter.rules;

/** No version is stored under the given content hash. */
public final class RulesetNotFoundException extends RuntimeException {

    private final String version;

    public RulesetNotFoundException(String version) {
        super("no ruleset version " + version);
        this.version = version;
    }

    public String version() {
        return version;
    }
}
