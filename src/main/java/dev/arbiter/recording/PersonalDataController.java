package dev.arbiter.recording;

import dev.arbiter.personaldata.JdbcPersonalData;
import dev.arbiter.web.ResourceNotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Finding decisions by national id (POST, so the id never appears in a URL or an access log)
 * and forgetting a decision's personal data by deleting its data key.
 */
@RestController
class PersonalDataController {

    record Search(@NotBlank @Size(max = 64) String nationalId) {
        @Override
        public String toString() {
            return "Search[nationalId=redacted]";
        }
    }

    record Matches(List<UUID> decisionIds) {}

    private final JdbcPersonalData personal;
    private final JdbcDecisionEvents events;
    private final TransactionTemplate tx;

    PersonalDataController(JdbcPersonalData personal, JdbcDecisionEvents events, TransactionTemplate tx) {
        this.personal = personal;
        this.events = events;
        this.tx = tx;
    }

    @PostMapping(
            path = "/v1/pii/search",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Matches search(@Valid @RequestBody Search search) {
        return new Matches(personal.findByNationalId(search.nationalId()));
    }

    @DeleteMapping("/v1/decisions/{id}/pii")
    ResponseEntity<Void> forget(@PathVariable UUID id) {
        // the removal and the chained event that explains it commit together
        boolean forgotten = Boolean.TRUE.equals(tx.execute(status -> personal.forget(id)
                .map(digest -> events.append(
                                id, JdbcDecisionEvents.PERSONAL_DATA_FORGOTTEN, Map.of("personalDataDigest", digest))
                        != null)
                .orElse(false)));
        if (!forgotten) {
            throw new ResourceNotFoundException("decision " + id + " has no personal data to forget "
                    + "(none was sent, or it was already forgotten)");
        }
        return ResponseEntity.noContent().build();
    }
}
