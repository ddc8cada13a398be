package dev.arbiter.recording;

import dev.arbiter.security.Caller;
import dev.arbiter.web.DecisionNotFoundException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/decisions} and {@code GET /v1/decisions/{id}}: HTTP over {@link DecisionIntake}. */
@RestController
@RequestMapping(path = "/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
public class DecisionController {

    /** Marks an answer that returns a decision stored by an earlier, identical request. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final DecisionIntake intake;

    DecisionController(DecisionIntake intake) {
        this.intake = intake;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DecisionResponse> decide(@Valid @RequestBody DecisionRequest request, Caller caller) {
        var answer = intake.decide(request, caller);
        return ResponseEntity.status(answer.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/v1/decisions/" + answer.decisionId()))
                .header(REPLAYED_HEADER, Boolean.toString(!answer.created()))
                .body(answer.decision());
    }

    @GetMapping("/{id}")
    DecisionResponse find(@PathVariable UUID id, Caller caller) {
        return intake.find(id, caller).orElseThrow(() -> new DecisionNotFoundException(id));
    }
}
