package dev.arbiter.decision;

/** Port: one model that turns a {@link ModelInput} into a score. */
public interface ScoringModel {

    String id();

    String version();

    ModelScore score(ModelInput input, ModelRole role, String trigger);
}
