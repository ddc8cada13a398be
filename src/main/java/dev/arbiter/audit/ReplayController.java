package dev.arbiter.audit;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.RuleEvaluator;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.Terms;
import dev.arbiter.rules.StoredRulesets;
import dev.arbiter.web.AuditRefusal;
import dev.arbiter.web.DecisionNotFoundException;
import dev.arbiter.web.Problems;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-runs a stored decision from its recorded application, features and model answers under
 * its recorded ruleset version (or another stored one) and says whether the result is the same.
 * Nothing is stored: a replay is a question, not a decision.
 */
@RestController
class ReplayController {

    private final DecisionService decisions;
    private final StoredRulesets rulesets;

    ReplayController(DecisionService decisions, StoredRulesets rulesets) {
        this.decisions = decisions;
        this.rulesets = rulesets;
    }

    record Result(
            Outcome outcome,
            List<Reason> reasons,
            Terms terms,
            String rulesetVersion,
            List<dev.arbiter.decision.FiredRule> firedRules) {
        static Result of(Decision d) {
            return new Result(d.outcome(), d.reasons(), d.terms(), d.rulesetVersion(), d.firedRules());
        }
    }

    record ReplayResponse(
            UUID decisionId,
            boolean identical,
            boolean sameRuleset,
            List<DecisionDiff.Difference> differences,
            Result recorded,
            Result replayed) {}

    @PostMapping(path = "/v1/decisions/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    ReplayResponse replay(@PathVariable UUID id, @RequestParam(required = false) String rulesetVersion) {
        StoredDecision stored = decisions.find(id).orElseThrow(() -> new DecisionNotFoundException(id));
        if (stored.submission().application() == null) {
            throw new AuditRefusal(
                    Problems.DECISION_PURGED,
                    "decision " + id + " can no longer be replayed: its "
                            + "application was removed at the end of its retention period");
        }
        String version = rulesetVersion == null ? stored.decision().rulesetVersion() : rulesetVersion;
        if (!version.matches("[0-9a-f]{64}")) {
            throw new AuditRefusal(
                    Problems.INVALID_PARAMETER,
                    "rulesetVersion is not a ruleset version",
                    List.of(new Problems.FieldProblem(
                            "rulesetVersion",
                            "",
                            "is not a ruleset version",
                            "64 lower-case hex digits, the content hash of a stored ruleset")));
        }
        RuleEvaluator rules = rulesets.evaluator(version)
                .orElseThrow(() -> new AuditRefusal(
                        Problems.RULESET_VERSION_NOT_FOUND,
                        "no ruleset version " + version + " is stored",
                        List.of(new Problems.FieldProblem(
                                "rulesetVersion",
                                "",
                                "is not a stored ruleset version",
                                "the version of a ruleset that has been active on this deployment"))));
        Decision replayed = decisions.replay(stored, rules);
        List<DecisionDiff.Difference> differences = DecisionDiff.between(stored.decision(), replayed);
        return new ReplayResponse(
                id,
                differences.isEmpty(),
                version.equals(stored.decision().rulesetVersion()),
                differences,
                Result.of(stored.decision()),
                Result.of(replayed));
    }
}
