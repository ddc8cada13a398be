package dev.arbiter.recording;

import dev.arbiter.security.Caller;
import dev.arbiter.security.NonceReplayedException;
import dev.arbiter.security.SignedNonce;
import dev.arbiter.web.DecisionNotFoundException;
import dev.arbiter.web.ParameterText;
import dev.arbiter.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/decisions} and {@code GET /v1/decisions/{id}}: HTTP over {@link DecisionIntake}. */
@RestController
@RequestMapping(path = "/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
public class DecisionController {

    /** Marks an answer that returns a decision stored by an earlier, identical request. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(DecisionController.class);

    private final DecisionIntake intake;
    private final MeterRegistry meters;

    DecisionController(DecisionIntake intake, MeterRegistry meters) {
        this.intake = intake;
        this.meters = meters;
    }

    /**
     * A replayed request, found where its nonce is recorded: the filter's refusal, word for word,
     * and the filter told, so that it counts the replay as it counts its own ({@link SignedNonce#REPLAYED}).
     */
    @ExceptionHandler(NonceReplayedException.class)
    ResponseEntity<ProblemDetail> replayed(NonceReplayedException e, HttpServletRequest request) {
        request.setAttribute(SignedNonce.REPLAYED, Boolean.TRUE);
        log.info(
                "refused {} {}: NONCE_REPLAYED (key {})",
                request.getMethod(),
                ParameterText.printable(request.getRequestURI()),
                ParameterText.printable(e.nonce().keyId()));
        ProblemDetail problem = Problems.NONCE_REPLAYED.detail(e.getMessage());
        meters.counter(
                        "arbiter.requests.refused",
                        "code",
                        "NONCE_REPLAYED",
                        "status",
                        Integer.toString(problem.getStatus()))
                .increment();
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.WWW_AUTHENTICATE, NonceReplayedException.WWW_AUTHENTICATE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * The signed request's nonce comes unrecorded ({@link SignedNonce}): it is recorded in the
     * decision's transaction, or refused there as a replay.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DecisionResponse> decide(
            @Valid @RequestBody DecisionRequest request,
            Caller caller,
            @RequestAttribute(name = SignedNonce.ATTRIBUTE, required = false) SignedNonce nonce) {
        var answer = intake.decide(request, caller, nonce);
        return ResponseEntity.status(answer.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/v1/decisions/" + answer.decisionId()))
                .header(REPLAYED_HEADER, Boolean.toString(!answer.created()))
                .body(answer.decision());
    }

    /** The signed request's nonce comes unrecorded too: it is recorded by the statement that reads the decision. */
    @GetMapping("/{id}")
    DecisionResponse find(
            @PathVariable UUID id,
            Caller caller,
            @RequestAttribute(name = SignedNonce.ATTRIBUTE, required = false) SignedNonce nonce) {
        return intake.find(id, caller, nonce).orElseThrow(() -> new DecisionNotFoundException(id));
    }
}
