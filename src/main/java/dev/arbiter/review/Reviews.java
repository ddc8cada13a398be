package dev.arbiter.review;

import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.recording.DecisionResponse;
import dev.arbiter.recording.DecisionViews;
import dev.arbiter.recording.JdbcDecisionEvents;
import dev.arbiter.recording.JdbcDecisionEvents.Event;
import dev.arbiter.rules.DroolsRuleEvaluator;
import dev.arbiter.rules.ReasonCodeTable;
import dev.arbiter.security.Caller;
import dev.arbiter.web.AuditRefusal;
import dev.arbiter.web.DecisionNotFoundException;
import dev.arbiter.web.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A reviewer's conclusion on a decision awaiting review, whichever way it arrives (the signed
 * API or the console): appended to the decision's record and chained, never replacing one.
 */
@Service
class Reviews {

    private final DecisionService decisions;
    private final JdbcDecisionEvents events;
    private final DroolsRuleEvaluator rules;

    Reviews(DecisionService decisions, JdbcDecisionEvents events, DroolsRuleEvaluator rules) {
        this.decisions = decisions;
        this.events = events;
        this.rules = rules;
    }

    /** The active reason-code table, whose codes a review may give. */
    ReasonCodeTable reasonCodes() {
        return rules.active().reasons();
    }

    DecisionResponse review(UUID id, ReviewRequest request, Caller caller) {
        StoredDecision stored = decisions.find(id).orElseThrow(() -> new DecisionNotFoundException(id));
        List<Event> history = events.of(id);
        if (has(history, JdbcDecisionEvents.REVIEW)) {
            throw new AuditRefusal(
                    Problems.ALREADY_REVIEWED,
                    "decision " + id + " was reviewed already; " + "a review is final and is never replaced");
        }
        if (stored.decision().outcome() != Outcome.REFER && !has(history, JdbcDecisionEvents.HUMAN_REVIEW_REQUEST)) {
            throw new AuditRefusal(
                    Problems.REVIEW_NOT_ALLOWED,
                    "decision " + id + " is " + stored.decision().outcome()
                            + " and its applicant has not asked for human review; only REFER decisions and requested "
                            + "reviews are in the queue");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewer", request.reviewer());
        body.put("recordedBy", caller.actor());
        body.put("outcome", request.outcome());
        body.put("reasons", reasons(request));
        body.put("note", request.note());
        try {
            events.append(id, JdbcDecisionEvents.REVIEW, body);
        } catch (JdbcDecisionEvents.AlreadyRecordedException raced) {
            throw new AuditRefusal(Problems.ALREADY_REVIEWED, raced.getMessage());
        }
        return DecisionViews.of(stored, events.of(id));
    }

    /** Reason codes with their consumer wording from the active reason-code table; unknown codes are refused. */
    private List<Map<String, String>> reasons(ReviewRequest request) {
        ReasonCodeTable table = rules.active().reasons();
        List<Problems.FieldProblem> errors = new ArrayList<>();
        List<Map<String, String>> reasons = new ArrayList<>();
        List<String> codes = request.reasonCodes();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            var text = table.text(code);
            if (text.isEmpty()) {
                errors.add(Problems.FieldProblem.of(
                        "reasons[" + i + "]",
                        "is not in the reason-code table " + table.version(),
                        "one of "
                                + String.join(
                                        ", ",
                                        new java.util.TreeSet<>(table.entries().keySet()))));
            } else {
                reasons.add(Map.of("code", code, "text", text.get()));
            }
        }
        if (request.outcome().equals("DENY") && codes.isEmpty()) {
            errors.add(Problems.FieldProblem.of(
                    "reasons", "a denial needs its principal reasons", "1 to 4 reason codes, most important first"));
        }
        if (!errors.isEmpty()) {
            throw new AuditRefusal(
                    Problems.INVALID_REQUEST,
                    errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s"),
                    errors);
        }
        return reasons;
    }

    private static boolean has(List<Event> history, String kind) {
        return history.stream().anyMatch(e -> e.kind().equals(kind));
    }
}
