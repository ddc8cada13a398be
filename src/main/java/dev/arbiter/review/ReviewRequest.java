package dev.arbiter.review;

import dev.arbiter.web.OneOf;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A reviewer's conclusion on a decision awaiting review.
 *
 * @param outcome the final outcome: APPROVE or DENY
 * @param reasons reason codes of the ruleset's reason-code table, most important first; 1 to 4 for a DENY
 */
record ReviewRequest(
        @NotBlank @Size(max = 200) String reviewer,
        @NotNull @OneOf(ReviewOutcome.class) String outcome,
        @Size(max = 4) List<@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]*") String> reasons,
        @Size(max = 2000) String note) {

    enum ReviewOutcome {
        APPROVE,
        DENY
    }

    List<String> reasonCodes() {
        return reasons == null ? List.of() : reasons;
    }
}
