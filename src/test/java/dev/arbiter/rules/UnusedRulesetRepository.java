package dev.arbiter.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A repository whose every method fails: a test's fake extends it and overrides only what the
 * code under test is meant to call, so any other call fails the test.
 */
abstract class UnusedRulesetRepository implements RulesetRepository {

    @Override
    public boolean saveDraft(Ruleset ruleset, String author, String parent, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<RulesetVersion> find(String version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Ruleset> files(String version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RulesetVersion> list() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void approve(String version, String by, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Activation activate(String expectedFrom, String to, String by, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void importActive(Ruleset ruleset, String author, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> activeVersion() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Activation> activations() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setShadow(String version, String by, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> shadowVersion() {
        throw new UnsupportedOperationException();
    }
}
