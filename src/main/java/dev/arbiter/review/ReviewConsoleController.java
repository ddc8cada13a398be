package dev.arbiter.review;

import dev.arbiter.decision.DecisionService;
import dev.arbiter.recording.DecisionIntake;
import dev.arbiter.recording.DecisionResponse;
import dev.arbiter.recording.JdbcDecisionEvents;
import dev.arbiter.security.Caller;
import dev.arbiter.web.AuditRefusal;
import dev.arbiter.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's review screens: the open queue, oldest first with its age, recent reviews, and a
 * decision's review form with its history. Roles as the API's: reviewers and auditors read the
 * queue, reviewers review. The review records the person signed in ({@code caller.actor()}).
 */
@Controller
@RequestMapping("/console/reviews")
class ReviewConsoleController {

    private final JdbcDecisionEvents events;
    private final DecisionService decisions;
    private final DecisionIntake intake;
    private final Reviews reviews;
    private final Validator validator;
    private final Clock clock;

    ReviewConsoleController(
            JdbcDecisionEvents events,
            DecisionService decisions,
            DecisionIntake intake,
            Reviews reviews,
            Validator validator,
            Clock clock) {
        this.events = events;
        this.decisions = decisions;
        this.intake = intake;
        this.reviews = reviews;
        this.validator = validator;
        this.clock = clock;
    }

    /** A decision waiting in the queue, with how long it has waited since it was decided (or a review was asked for). */
    record Waiting(JdbcDecisionEvents.QueueItem item, String age) {}

    @GetMapping
    @PreAuthorize("hasAnyRole('REVIEWER','AUDITOR')")
    String queue(Model model) {
        Instant now = clock.instant();
        model.addAttribute(
                "open",
                events.open(200).stream()
                        .map(item -> new Waiting(
                                item,
                                age(Duration.between(
                                        item.humanReviewRequestedAt() != null
                                                ? item.humanReviewRequestedAt()
                                                : item.decidedAt(),
                                        now))))
                        .toList());
        model.addAttribute("closed", events.closed(20));
        return "console/reviews/queue";
    }

    /** Days and hours, or hours and minutes, or minutes: how an age reads at a glance. */
    static String age(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toMinutes() + " min";
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('REVIEWER','AUDITOR')")
    String review(@PathVariable UUID id, Caller caller, Model model, HttpServletResponse response) {
        return page(id, caller, model, response);
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasRole('REVIEWER')")
    String submit(
            @PathVariable UUID id,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) List<String> reasons,
            @RequestParam(required = false) String note,
            Caller caller,
            Model model,
            HttpServletResponse response) {
        String text = note == null || note.isBlank() ? null : note;
        ReviewRequest request =
                new ReviewRequest(caller.person(), outcome, reasons == null ? List.of() : reasons, text);
        List<Problems.FieldProblem> errors = new ArrayList<>();
        for (ConstraintViolation<ReviewRequest> v : validator.validate(request)) {
            errors.add(Problems.FieldProblem.of(
                    v.getPropertyPath().toString(), v.getInvalidValue() == null ? "is required" : v.getMessage(), ""));
        }
        if (errors.isEmpty()) {
            try {
                reviews.review(id, request, caller);
                return "redirect:/console/decisions/" + id + "?reviewed";
            } catch (AuditRefusal refused) {
                errors.addAll(refused.errors());
                if (refused.errors().isEmpty()) {
                    errors.add(Problems.FieldProblem.of("", refused.getMessage(), ""));
                }
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("chosenOutcome", outcome);
        model.addAttribute("chosenReasons", reasons == null ? List.of() : reasons);
        model.addAttribute("note", note);
        response.setStatus(422);
        page(id, caller, model, response);
        return "console/reviews/review";
    }

    private String page(UUID id, Caller caller, Model model, HttpServletResponse response) {
        var stored = decisions.find(id);
        if (stored.isEmpty()) {
            model.addAttribute("id", id);
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "console/decisions/not-found";
        }
        DecisionResponse decision = intake.view(stored.get(), caller.role());
        List<JdbcDecisionEvents.Event> history = events.of(id).stream()
                .filter(e -> e.kind().equals(JdbcDecisionEvents.REVIEW)
                        || e.kind().equals(JdbcDecisionEvents.HUMAN_REVIEW_REQUEST))
                .toList();
        model.addAttribute("d", decision);
        model.addAttribute("history", history);
        model.addAttribute(
                "open",
                decision.review() == null
                        && (decision.outcome() == dev.arbiter.decision.Outcome.REFER
                                || decision.humanReviewRequest() != null));
        Map<String, String> codes = new TreeMap<>(reviews.reasonCodes().entries());
        model.addAttribute("reasonCodes", codes);
        if (!model.containsAttribute("chosenReasons")) {
            model.addAttribute("chosenReasons", List.of());
        }
        return "console/reviews/review";
    }
}
