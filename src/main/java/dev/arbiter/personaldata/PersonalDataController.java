package dev.arbiter.personaldata;

import dev.arbiter.web.ResourceNotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    record Matches(List<UUID> decisionIds) {
    }

    private final JdbcPersonalData personal;

    PersonalDataController(JdbcPersonalData personal) {
        this.personal = personal;
    }

    @PostMapping(path = "/v1/pii/search", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Matches search(@Valid @RequestBody Search search) {
        return new Matches(personal.findByNationalId(search.nationalId()));
    }

    @DeleteMapping("/v1/decisions/{id}/pii")
    ResponseEntity<Void> forget(@PathVariable UUID id) {
        if (!personal.forget(id)) {
            throw new ResourceNotFoundException("decision " + id + " has no personal data to forget "
                    + "(none was sent, or it was already forgotten)");
        }
        return ResponseEntity.noContent().build();
    }
}
