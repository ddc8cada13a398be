package dev.arbiter.rules;

import dev.arbiter.rules.RulesetStateException.Reason;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analyst's loop over stored versions: upload a draft (checked at once), test it, have a
 * second person approve it, activate it or run it in shadow, and bring this node in line with
 * what the database says is active. A version reaches the evaluator only after it compiled
 * and its cases passed; the switch itself is {@link DroolsRuleEvaluator#activate}.
 */
public final class RulesetAuthoring {

    private static final Logger log = LoggerFactory.getLogger(RulesetAuthoring.class);

    private final RulesetRepository repository;
    private final RulesetCache cache;
    private final RulesetCheck check;
    private final DroolsRuleEvaluator evaluator;
    private final ShadowRuleset shadow;
    private final Clock clock;

    RulesetAuthoring(
            RulesetRepository repository,
            RulesetCache cache,
            RulesetCheck check,
            DroolsRuleEvaluator evaluator,
            ShadowRuleset shadow,
            Clock clock) {
        this.repository = repository;
        this.cache = cache;
        this.check = check;
        this.evaluator = evaluator;
        this.shadow = shadow;
        this.clock = clock;
    }

    public record Upload(RulesetVersion version, boolean created) {}

    /**
     * Stores the files as a draft once they compile and their cases can be read; the same
     * files uploaded again give the version stored before.
     *
     * @throws RulesetCompilationException with every error, storing nothing
     */
    public Upload upload(Ruleset ruleset, String parent, String author) {
        if (parent != null && repository.find(parent).isEmpty()) {
            throw new RulesetStateException(
                    Reason.UNKNOWN_PARENT, parent, "parent version " + parent + " does not exist");
        }
        cache.checked(ruleset);
        boolean created = repository.saveDraft(ruleset, author, parent, clock.instant());
        return new Upload(require(ruleset.version()), created);
    }

    public RulesetVersion require(String version) {
        return repository.find(version).orElseThrow(() -> new RulesetNotFoundException(version));
    }

    public Ruleset files(String version) {
        return repository.files(version).orElseThrow(() -> new RulesetNotFoundException(version));
    }

    public List<RulesetVersion> list() {
        return repository.list();
    }

    public List<Activation> activations() {
        return repository.activations();
    }

    public RulesetTestReport test(String version) {
        return check.test(checked(version));
    }

    public RulesetVersion approve(String version, String by) {
        RulesetVersion current = require(version);
        if (current.author().equals(by)) {
            throw new RulesetStateException(
                    Reason.OWN_APPROVAL,
                    version,
                    "version " + version + " was uploaded by " + by + "; someone else must approve it");
        }
        if (current.status() != RulesetStatus.DRAFT) {
            throw new RulesetStateException(
                    Reason.NOT_A_DRAFT,
                    version,
                    "version " + version + " is " + current.status() + ", only a DRAFT can be approved");
        }
        repository.approve(version, by, clock.instant());
        return require(version);
    }

    /**
     * Makes an approved version whose cases pass the active one, here at once and on other
     * nodes through the repository. Activating an earlier version is a rollback.
     */
    public synchronized Activation activate(String version, String by) {
        RulesetVersion target = require(version);
        if (target.status() == RulesetStatus.ACTIVE) {
            throw new RulesetStateException(
                    Reason.ALREADY_ACTIVE, version, "version " + version + " is already active");
        }
        if (!target.status().approved()) {
            throw new RulesetStateException(
                    Reason.NOT_APPROVED,
                    version,
                    "version " + version + " is a DRAFT; it needs an approval by someone other than "
                            + target.author());
        }
        RulesetCheck.Checked next = checked(version);
        RulesetTestReport report = check.test(next);
        if (report.results().isEmpty()) {
            throw new RulesetStateException(
                    Reason.CASES_FAILING,
                    version,
                    "version " + version
                            + " has no golden cases; a version serves only on the evidence of passing cases");
        }
        if (!report.passed()) {
            throw new RulesetStateException(
                    Reason.CASES_FAILING,
                    version,
                    report.failures() + " of " + report.results().size() + " golden cases of version " + version
                            + " fail; run its test");
        }
        String from = repository.activeVersion().orElse(null);
        Activation activation = repository.activate(from, version, by, clock.instant());
        cache.leftService(evaluator.activate(next.compiled()));
        log.info("Ruleset {} activated by {} (was {})", version, by, from);
        return activation;
    }

    public synchronized void startShadow(String version, String by) {
        RulesetCheck.Checked challenger = checked(version);
        repository.setShadow(version, by, clock.instant());
        cache.leftService(shadow.run(challenger.compiled()));
        log.info("Ruleset {} runs in shadow, set by {}", version, by);
    }

    public synchronized void stopShadow(String by) {
        repository.setShadow(null, by, clock.instant());
        cache.leftService(shadow.stop());
        log.info("Shadow stopped by {}", by);
    }

    public Optional<CompiledRuleset> shadowRuleset() {
        return shadow.current();
    }

    /**
     * Brings this node in line with the database: the version active there serves here, and
     * the challenger set there runs here. Called when another node announces a change and
     * periodically in case an announcement was missed.
     */
    public synchronized void synchronise() {
        repository.activeVersion().ifPresent(active -> {
            if (!active.equals(evaluator.current().map(CompiledRuleset::version).orElse(null))) {
                cache.leftService(evaluator.activate(checked(active).compiled()));
                log.info("Ruleset {} activated on another node now serves here", active);
            }
        });
        Optional<String> wanted = repository.shadowVersion();
        String running = shadow.current().map(CompiledRuleset::version).orElse(null);
        if (!Objects.equals(wanted.orElse(null), running)) {
            cache.leftService(
                    wanted.isPresent() ? shadow.run(checked(wanted.get()).compiled()) : shadow.stop());
        }
    }

    /** The version compiled with its cases read, from the one cache of compiled versions. */
    public RulesetCheck.Checked checked(String version) {
        return cache.checked(version);
    }
}
