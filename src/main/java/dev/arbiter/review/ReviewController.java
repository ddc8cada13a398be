package dev.arbiter.review;

import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.recording.DecisionResponse;
import dev.arbiter.recording.DecisionViews;
import dev.arbiter.recording.JdbcDecisionEvents;
import dev.arbiter.recording.JdbcDecisionEvents.Event;
import dev.arbiter.security.Caller;
import dev.arbiter.security.Role;
import dev.arbiter.web.AuditRefusal;
import dev.arbiter.web.DecisionNotFoundException;
import dev.arbiter.web.Problems;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Manual review: the queue of decisions awaiting a person, the review itself and an
 * applicant's request for one. Each is appended to the decision's record and chained; the
 * decision itself is never overwritten.
 */
@RestController
class ReviewController {

    private final DecisionService decisions;
    private final JdbcDecisionEvents events;
    private final Reviews reviews;

    ReviewController(DecisionService decisions, JdbcDecisionEvents events, Reviews reviews) {
        this.decisions = decisions;
        this.events = events;
        this.reviews = reviews;
    }

    record QueueView(String status, List<JdbcDecisionEvents.QueueItem> items) {}

    @GetMapping(path = "/v1/reviews", produces = MediaType.APPLICATION_JSON_VALUE)
    QueueView queue(@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "100") int limit) {
        List<Problems.FieldProblem> errors = new ArrayList<>();
        if (!status.equals("open") && !status.equals("closed")) {
            errors.add(new Problems.FieldProblem("status", "", "is not a review status", "open or closed"));
        }
        if (limit < 1 || limit > 1000) {
            errors.add(new Problems.FieldProblem("limit", "", "is out of range", "an integer from 1 to 1000"));
        }
        if (!errors.isEmpty()) {
            throw new AuditRefusal(Problems.INVALID_PARAMETER, "the review queue query is not valid", errors);
        }
        return new QueueView(status, status.equals("open") ? events.open(limit) : events.closed(limit));
    }

    @PostMapping(
            path = "/v1/decisions/{id}/review",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    DecisionResponse review(@PathVariable UUID id, @Valid @RequestBody ReviewRequest request, Caller caller) {
        return reviews.review(id, request, caller);
    }

    @PostMapping(
            path = "/v1/decisions/{id}/human-review-request",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    DecisionResponse requestHumanReview(
            @PathVariable UUID id, @Valid @RequestBody HumanReviewRequest request, Caller caller) {
        // an originator passes on requests for its own decisions only, and learns nothing of others'
        StoredDecision stored = decisions
                .find(id)
                .filter(s -> caller.role() != Role.ORIGINATOR
                        || caller.clientId().equals(s.submission().clientId()))
                .orElseThrow(() -> new DecisionNotFoundException(id));
        List<Event> history = events.of(id);
        if (has(history, JdbcDecisionEvents.REVIEW)) {
            throw new AuditRefusal(Problems.ALREADY_REVIEWED, "decision " + id + " was already reviewed by a person");
        }
        if (stored.decision().outcome() == Outcome.REFER) {
            throw new AuditRefusal(
                    Problems.REVIEW_NOT_ALLOWED,
                    "decision " + id + " is REFER: it is already awaiting review by a person");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestedBy", request.requestedBy());
        body.put("recordedBy", caller.actor());
        body.put("statement", request.statement());
        try {
            events.append(id, JdbcDecisionEvents.HUMAN_REVIEW_REQUEST, body);
        } catch (JdbcDecisionEvents.AlreadyRecordedException repeated) {
            throw new AuditRefusal(Problems.REVIEW_ALREADY_REQUESTED, repeated.getMessage());
        }
        return DecisionViews.of(stored, events.of(id));
    }

    private static boolean has(List<Event> history, String kind) {
        return history.stream().anyMatch(e -> e.kind().equals(kind));
    }
}
