package dev.arbiter.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An applicant's request that a person review an automated decision (GDPR art. 22, PIPL
 * art. 24): who relayed it and what the applicant said.
 */
record HumanReviewRequest(
        @NotBlank @Size(max = 200) String requestedBy,
        @Size(max = 2000) String statement) {}
