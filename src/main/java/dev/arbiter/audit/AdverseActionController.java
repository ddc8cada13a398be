package dev.arbiter.audit;

import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.recording.DecisionResponse;
import dev.arbiter.recording.DecisionViews;
import dev.arbiter.recording.JdbcDecisionEvents;
import dev.arbiter.rules.DroolsRuleEvaluator;
import dev.arbiter.web.DecisionNotFoundException;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The adverse-action data and plain-language explanation of a decision, after any review. */
@RestController
class AdverseActionController {

    private final DecisionService decisions;
    private final JdbcDecisionEvents events;
    private final AdverseActionNotices notices;

    AdverseActionController(DecisionService decisions, JdbcDecisionEvents events, DroolsRuleEvaluator rules) {
        this.decisions = decisions;
        this.events = events;
        // factor wording comes from the active reason-code table; the decision's own reasons carry their recorded
        // wording
        this.notices = new AdverseActionNotices(code -> rules.active().reasons().text(code));
    }

    @GetMapping(path = "/v1/decisions/{id}/adverse-action", produces = MediaType.APPLICATION_JSON_VALUE)
    AdverseActionNotice notice(@PathVariable UUID id) {
        StoredDecision stored = decisions.find(id).orElseThrow(() -> new DecisionNotFoundException(id));
        DecisionResponse.ReviewView review =
                DecisionViews.of(stored, events.of(id)).review();
        return notices.of(
                stored,
                review == null
                        ? null
                        : new AdverseActionNotice.FinalReview(review.outcome(), review.reasons(), review.reviewedAt()));
    }
}
