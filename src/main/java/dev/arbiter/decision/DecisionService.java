package dev.arbiter.decision;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The use case: decide one application. Derive features, ask the ensemble, run the rules,
 * apply the guardrails, and store the result; a decision leaves this class only once stored.
 */
public final class DecisionService {

    private final FeatureDeriver features;
    private final ModelEnsemble ensemble;
    private final RuleEvaluator rules;
    private final DecisionLog log;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final Guardrails guardrails;
    private final DecisionObserver observer;

    public DecisionService(
            FeatureDeriver features,
            ModelEnsemble ensemble,
            RuleEvaluator rules,
            DecisionLog log,
            Clock clock,
            Supplier<UUID> ids) {
        this(features, ensemble, rules, log, clock, ids, new Guardrails());
    }

    public DecisionService(
            FeatureDeriver features,
            ModelEnsemble ensemble,
            RuleEvaluator rules,
            DecisionLog log,
            Clock clock,
            Supplier<UUID> ids,
            Guardrails guardrails) {
        this(features, ensemble, rules, log, clock, ids, guardrails, DecisionObserver.NONE);
    }

    private DecisionService(
            FeatureDeriver features,
            ModelEnsemble ensemble,
            RuleEvaluator rules,
            DecisionLog log,
            Clock clock,
            Supplier<UUID> ids,
            Guardrails guardrails,
            DecisionObserver observer) {
        this.observer = observer;
        this.guardrails = guardrails;
        this.features = features;
        this.ensemble = ensemble;
        this.rules = rules;
        this.log = log;
        this.clock = clock;
        this.ids = ids;
    }

    /** The stored decision and whether this call made it ({@code created}) or found it. */
    public record Result(StoredDecision stored, boolean created) {}

    /** The same service with each step of a decision observed by {@code observer}. */
    public DecisionService observedBy(DecisionObserver observer) {
        return new DecisionService(features, ensemble, rules, log, clock, ids, guardrails, observer);
    }

    public Result decide(Submission submission) {
        return observer.observe(DecisionObserver.Step.DECIDE, () -> decideObserved(submission));
    }

    private Result decideObserved(Submission submission) {
        Optional<StoredDecision> earlier = log.findByApplicationId(
                submission.clientId(), submission.application().applicationId());
        if (earlier.isPresent()) {
            return new Result(sameRequestOrConflict(earlier.get(), submission), false);
        }
        Decision decision = evaluate(submission.application());
        StoredDecision stored = new StoredDecision(decision, submission);
        try {
            observer.observe(DecisionObserver.Step.COMMIT, () -> {
                log.append(stored);
                return stored;
            });
            return new Result(stored, true);
        } catch (DecisionLog.DuplicateApplicationException raced) {
            StoredDecision winner = log.findByApplicationId(
                            submission.clientId(), submission.application().applicationId())
                    .orElseThrow(() -> raced);
            return new Result(sameRequestOrConflict(winner, submission), false);
        }
    }

    public Optional<StoredDecision> find(UUID decisionId) {
        return log.find(decisionId);
    }

    /** Evaluates without storing: features, scores, rules and guardrails. */
    public Decision evaluate(Application application) {
        Features derived = observer.observe(DecisionObserver.Step.FEATURES, () -> features.derive(application));
        List<ModelScore> scores =
                observer.observe(DecisionObserver.Step.MODELS, () -> ensemble.assess(application, derived));
        return observer.observe(
                DecisionObserver.Step.RULES,
                () -> conclude(application, derived, scores, rules, ensemble.version(), ids.get(), clock.instant()));
    }

    /**
     * Decides again from recorded features and model answers, under the given rules: no model
     * is called, so the same inputs give the same decision.
     */
    public Decision reevaluate(StoredDecision stored, RuleEvaluator underRules) {
        Decision original = stored.decision();
        return conclude(
                stored.submission().application(),
                original.features(),
                original.scores(),
                underRules,
                original.ensembleVersion(),
                original.id(),
                original.decidedAt());
    }

    /**
     * Replays a stored decision from its recorded input: features derived again from the recorded
     * application as of the recorded instant, the recorded model answers (no model is called),
     * under the given rules. Comparing the result with the record shows whether anything that
     * made the decision, feature derivation included, has changed.
     */
    public Decision replay(StoredDecision stored, RuleEvaluator underRules) {
        Decision original = stored.decision();
        Application application = stored.submission().application();
        Features derived = features.deriveAt(
                application, original.features().asOf(), original.features().derivation());
        return conclude(
                application,
                derived,
                original.scores(),
                underRules,
                original.ensembleVersion(),
                original.id(),
                original.decidedAt());
    }

    private Decision conclude(
            Application application,
            Features derived,
            List<ModelScore> scores,
            RuleEvaluator underRules,
            String ensembleVersion,
            UUID id,
            java.time.Instant decidedAt) {
        RuleVerdict verdict = underRules.evaluate(application, derived, scores);
        Guardrails.Guarded guarded = guardrails.apply(verdict, derived, scores);
        return new Decision(
                id,
                application.applicationId(),
                guarded.outcome(),
                guarded.reasons(),
                guarded.terms(),
                verdict.rulesetVersion(),
                ensembleVersion,
                derived,
                scores,
                verdict.firedRules(),
                guarded.notes(),
                decidedAt);
    }

    private static StoredDecision sameRequestOrConflict(StoredDecision earlier, Submission submission) {
        if (earlier.submission().fingerprint().equals(submission.fingerprint())) {
            return earlier;
        }
        throw new ApplicationConflictException(
                submission.application().applicationId(), earlier.decision().id());
    }
}
