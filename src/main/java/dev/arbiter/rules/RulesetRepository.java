package dev.arbiter.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where ruleset versions, their approvals, the activation history and the shadow setting are kept. */
public interface RulesetRepository {

    /** Stores a draft unless the same content is stored already; true when this call stored it. */
    boolean saveDraft(Ruleset ruleset, String author, String parent, Instant at);

    Optional<RulesetVersion> find(String version);

    Optional<Ruleset> files(String version);

    /** Every version, newest first. */
    List<RulesetVersion> list();

    /**
     * Marks a draft approved by {@code by}.
     *
     * @throws RulesetStateException when it is not a draft any more (someone approved it first)
     */
    void approve(String version, String by, Instant at);

    /**
     * In one transaction: the active version becomes RETIRED, {@code to} becomes ACTIVE, the
     * switch is recorded and every node is told. {@code expectedFrom} guards against two
     * activations racing: when another version is active by now, nothing changes.
     *
     * @throws RulesetStateException when {@code to} is not approved or the active version moved
     */
    Activation activate(String expectedFrom, String to, String by, Instant at);

    /** Stores the given version as ACTIVE, approved by its author, when no version is active yet. */
    void importActive(Ruleset ruleset, String author, Instant at);

    Optional<String> activeVersion();

    /** The activation history, newest first. */
    List<Activation> activations();

    /** Sets (or with null clears) the challenger every node runs in shadow, and tells every node. */
    void setShadow(String version, String by, Instant at);

    Optional<String> shadowVersion();
}
