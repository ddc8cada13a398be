package dev.arbiter.fairness;

import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.Repayment;
import dev.arbiter.decision.RepaymentStatus;
import dev.arbiter.recording.DecisionController;
import dev.arbiter.security.Caller;
import dev.arbiter.security.Role;
import dev.arbiter.web.DateRange;
import dev.arbiter.web.DecisionNotFoundException;
import dev.arbiter.web.Problems;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Repayment outcomes reported back for approved decisions; fairness reports read them. */
@RestController
class PerformanceController {

    private final RepaymentRecorder recorder;

    private final DecisionService decisions;

    PerformanceController(RepaymentRecorder recorder, DecisionService decisions) {
        this.recorder = recorder;
        this.decisions = decisions;
    }

    record PerformanceResponse(UUID decisionId, RepaymentStatus status, LocalDate observedOn, Instant recordedAt) {
        static PerformanceResponse of(Repayment r) {
            return new PerformanceResponse(r.decisionId(), r.status(), r.observedOn(), r.recordedAt());
        }
    }

    @PostMapping(
            path = "/v1/decisions/{id}/performance",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PerformanceResponse> record(
            @PathVariable UUID id, @Valid @RequestBody PerformanceRequest request, Caller caller) {
        // an originator reports on its own decisions only, and learns nothing of others'
        if (caller.role() == Role.ORIGINATOR
                && decisions
                        .find(id)
                        .filter(stored ->
                                caller.clientId().equals(stored.submission().clientId()))
                        .isEmpty()) {
            throw new DecisionNotFoundException(id);
        }
        LocalDate observedOn;
        try {
            observedOn = LocalDate.parse(request.observedOn());
        } catch (DateTimeParseException e) {
            throw new FairnessRefusal(
                    Problems.INVALID_REQUEST,
                    "observedOn is not a date",
                    Problems.FieldProblem.of("observedOn", "is not a calendar date", "a date like 2026-11-30"));
        }
        if (!DateRange.contains(observedOn)) {
            throw new FairnessRefusal(
                    Problems.INVALID_REQUEST,
                    "observedOn " + DateRange.OUTSIDE,
                    Problems.FieldProblem.of(
                            "observedOn", DateRange.OUTSIDE, "a date like 2026-11-30, " + DateRange.ALLOWED));
        }
        var result = recorder.record(id, RepaymentStatus.valueOf(request.status()), observedOn);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/v1/decisions/" + id + "/performance"))
                .header(DecisionController.REPLAYED_HEADER, Boolean.toString(!result.created()))
                .body(PerformanceResponse.of(result.repayment()));
    }
}
